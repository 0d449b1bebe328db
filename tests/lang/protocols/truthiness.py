# Truth value testing: __bool__, then __len__, else True.
class B:
    def __init__(self, v): self.v = v
    def __bool__(self):
        print('__bool__')
        return self.v
class L:
    def __init__(self, n): self.n = n
    def __len__(self):
        print('__len__')
        return self.n
class Both:
    def __bool__(self): return True
    def __len__(self): return 0
class Neither:
    pass

print(bool(B(True)), bool(B(False)), bool(L(0)), bool(L(3)), bool(Both()), bool(Neither()))
if not L(0):
    print('empty L is falsy')
print('yes' if B(True) else 'no')
while L(0):
    pass
print([x for x in [L(1), L(0)] if x].__len__())

def show(fn):
    try:
        print(fn())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
class BadBool:
    def __bool__(self): return 1
class BadLen:
    def __len__(self): return -1
class BigLen:
    def __len__(self): return 2 ** 100
class FloatLen:
    def __len__(self): return 1.0
show(lambda: bool(BadBool()))
show(lambda: not BadBool())
show(lambda: bool(BadLen()))
show(lambda: len(BadLen()))
show(lambda: len(BigLen()))
show(lambda: len(FloatLen()))
show(lambda: bool(FloatLen()))

# __bool__ = None makes the object un-truth-testable
class NoBool:
    __bool__ = None
show(lambda: bool(NoBool()))
# and/or use truthiness
print(L(0) or 'fallback', (B(True) and 'second'))
print(bool(), bool(0), bool(''), bool(' '), bool(0.0), bool(-0.0), bool(float('nan')))
