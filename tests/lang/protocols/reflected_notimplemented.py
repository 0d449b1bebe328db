# Reflected operands and NotImplemented.
class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        print(f'Num.__add__({other!r})')
        if isinstance(other, (int, Num)):
            return Num(self.v + (other.v if isinstance(other, Num) else other))
        return NotImplemented
    def __radd__(self, other):
        print(f'Num.__radd__({other!r})')
        if isinstance(other, int):
            return Num(other + self.v)
        return NotImplemented
    def __repr__(self):
        return f'Num({self.v})'

print(Num(1) + 2)
print(3 + Num(1))
print(Num(1) + Num(2))
try:
    Num(1) + 'x'
except TypeError as e:
    print(type(e).__name__, e)
try:
    'x' + Num(1)
except TypeError as e:
    print(type(e).__name__, e)

# a subclass that overrides the reflected method is tried first
class Sub(Num):
    def __radd__(self, other):
        print(f'Sub.__radd__({other!r})')
        return Sub(self.v * 100)
print(Num(1) + Sub(2))
# ... but not if it only inherits it
class Sub2(Num):
    pass
print(Num(1) + Sub2(2))

# the same type never tries the reflected method
class Same:
    def __add__(self, o):
        return NotImplemented
    def __radd__(self, o):
        print('never called')
try:
    Same() + Same()
except TypeError as e:
    print(type(e).__name__, e)

# NotImplemented itself
print(NotImplemented, repr(NotImplemented), type(NotImplemented).__name__)
print(type(NotImplemented)() is NotImplemented)

# reflected operators with built-in left operands
class Times:
    def __rmul__(self, other):
        return f'{other!r} * Times'
    def __rpow__(self, other):
        return f'{other!r} ** Times'
    def __rsub__(self, other):
        return f'{other!r} - Times'
print([1] * Times(), 'ab' * Times(), 2 ** Times(), 2.5 - Times())
# three-argument pow does not try reflection
try:
    pow(2, Times(), 5)
except TypeError as e:
    print(type(e).__name__, e)
