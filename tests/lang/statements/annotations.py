# __annotations__ on modules, classes and functions.
x: int = 5
y: 'a string annotation'
z: list[int] = []
print(__annotations__)
print('y' in globals())

def f(a: int, b: 'B' = 2, *args: str, c: float = 1.0, **kw: dict) -> bool:
    local: int = 1   # local annotations are not stored
    return True
print(f.__annotations__)

def g(a, b):
    pass
print(g.__annotations__)
g.__annotations__['a'] = 'added'
print(g.__annotations__)

class C:
    attr: int
    other: str = 'default'
    def method(self) -> None:
        pass
print(C.__annotations__, C.other, hasattr(C, 'attr'))
print(C.method.__annotations__)

class D(C):
    extra: float
print(D.__annotations__)

class Empty:
    pass
print(Empty.__annotations__ if '__annotations__' in Empty.__dict__ else 'no own annotations')

# annotation of complex targets evaluates the target, stores nothing
class Obj:
    pass
o = Obj()
o.attr: int = 3
d = {}
d['k']: str = 'v'
print(o.attr, d, sorted(__annotations__))

# annotations are evaluated at definition time
def side(label):
    print('evaluated', label)
    return label
def h(p: side('param')) -> side('return'):
    pass
v: side('module var') = 1
print(h.__annotations__['p'])
lam = lambda q: q
print(lam.__annotations__)
