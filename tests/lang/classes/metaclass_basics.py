# Metaclasses: __new__ and __init__, keywords, inheritance, conflicts.
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print('Meta.__new__', mcls.__name__, name, [b.__name__ for b in bases],
              sorted(k for k in ns if not k.startswith('__')), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = kw.get('tag', 'none')
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print('Meta.__init__', name)
        super().__init__(name, bases, ns)

class A(metaclass=Meta, tag='alpha'):
    x = 1
    def m(self): pass

class B(A):
    y = 2

print(type(A).__name__, type(B).__name__, A.tag, B.tag)
print(isinstance(A, Meta), isinstance(A, type), type(Meta).__name__)

# type() with three arguments
Dyn = type('Dyn', (A,), {'z': 3, 'hello': lambda self: 'hi'})
print(Dyn.__name__, Dyn.z, Dyn().hello(), type(Dyn).__name__, Dyn.__mro__[1].__name__)
Plain = type('Plain', (), {})
print(Plain.__bases__, Plain.__module__ if hasattr(Plain, '__module__') else None)
print(type(5).__name__, type(type).__name__)

# the most derived metaclass wins
class M1(type): pass
class M2(M1): pass
class X(metaclass=M1): pass
class Y(metaclass=M2): pass
class Z(X, Y): pass
print(type(Z).__name__)

# unrelated metaclasses conflict
class Other(type): pass
class W(metaclass=Other): pass
try:
    class Conflict(X, W): pass
except TypeError as e:
    print(type(e).__name__, e)

# a function as metaclass
def meta_fn(name, bases, ns):
    ns['made_by'] = 'function'
    return type(name, bases, ns)
class F(metaclass=meta_fn):
    pass
print(F.made_by, type(F).__name__)

# metaclass methods are visible on the class, not on instances
class WithMethod(type):
    def describe(cls):
        return 'class ' + cls.__name__
class G(metaclass=WithMethod): pass
print(G.describe(), hasattr(G(), 'describe'))

# type() errors
for args in [(1, 2), ('N', 1, {}), ('N', (), 1), ('N', (1,), {})]:
    try:
        type(*args)
    except TypeError as e:
        print(type(e).__name__, e)
