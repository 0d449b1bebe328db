# The object model: metaclass hooks, __slots__, attribute hooks, super(), special-method slots.
import sys
class Meta(type):
    def __instancecheck__(cls, obj): return obj == 42
    def __subclasscheck__(cls, sub): return sub is int
class Q(metaclass=Meta): pass
print(isinstance(42, Q), isinstance(1, Q), issubclass(int, Q), issubclass(str, Q))
class S:
    __slots__ = ('x',)
s = S()
try: s.y = 1
except AttributeError as e: print(e)
try: s.x
except AttributeError as e: print(e)
try: S.x.__get__(5)
except TypeError as e: print(e)
print(S.x, type(S.x).__name__, S.__slots__)
class T(S):
    __slots__ = ('y', '__dict__')
t = T(); t.z = 3; t.y = 2; t.x = 1; print(t.__dict__, t.y, t.x)
try:
    class Bad(int): __slots__ = ('a',)
except TypeError as e: print(e)
try:
    class Bad2: __slots__ = ('a', 'a')
except Exception as e: print(type(e).__name__, e)
try:
    class Bad3: 
        __slots__ = ('a',)
        a = 1
except ValueError as e: print(e)
class G:
    def __getattr__(self, n): return n * 2
    def __getattribute__(self, n):
        if n == 'boom': raise AttributeError(n)
        return object.__getattribute__(self, n)
g = G(); print(g.boom, g.abc)
class H:
    def __setattr__(self, n, v): object.__setattr__(self, n, v * 2)
    def __delattr__(self, n): print('del', n); object.__delattr__(self, n)
h = H(); h.a = 2; print(h.a); del h.a
try: del h.a
except AttributeError as e: print(e)
print(super(H, h).__repr__ is not None, super(H).__self__, super(H, H).__self_class__)
class Base:
    def f(self): return 'Base.f'
    @classmethod
    def c(cls): return cls.__name__
class Der(Base):
    def f(self): return 'Der>' + super().f()
    @classmethod
    def c(cls): return 'D' + super().c()
print(Der().f(), Der.c(), super(Der, Der()).f())
try: super(Der, 5)
except TypeError as e: print(e)
try: super()
except RuntimeError as e: print(e)
print(repr(super(Der, Der()))[:30])
class WithNe:
    def __eq__(self, o): return True
print(WithNe() != 1, WithNe.__hash__)
try: hash(WithNe())
except TypeError as e: print(e)
class Num:
    def __index__(self): return 3
print([0,1,2,3,4][Num()], bin(Num()), list(range(Num())))
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
print(list(It()), 2 in It(), sum(It()))
class GI:
    def __getitem__(self, i):
        if i > 2: raise IndexError
        return i * 10
print(list(GI()), 10 in GI(), list(reversed([1,2])))
class NoIter:
    __iter__ = None
try: iter(NoIter())
except TypeError as e: print(e)
class Cont:
    def __contains__(self, x): return x == 5
print(5 in Cont(), 4 not in Cont())
class Len:
    def __len__(self): return 3
print(len(Len()), bool(Len()))
class Abs:
    def __abs__(self): return 'abs'
    def __neg__(self): return 'neg'
    def __invert__(self): return 'inv'
    def __pos__(self): return 'pos'
print(abs(Abs()), -Abs(), ~Abs(), +Abs())
try: -object()
except TypeError as e: print(e)
class IAdd:
    def __init__(self): self.v = []
    def __iadd__(self, o): self.v.append(o); return self
x = IAdd(); x += 1; x += 2; print(x.v)
class Call:
    def __call__(self, *a, **k): return a, k
print(Call()(1, b=2))
print(type(type.__call__(Call)).__name__)
print(Der.__mro__, Der.mro())
print(Der.__qualname__, Der.__name__, Der.__module__)
Der.__name__ = 'Renamed'; print(Der, Der.__qualname__)
try: Der.__name__ = 5
except TypeError as e: print(e)
try: int.foo = 1
except TypeError as e: print(e)
try: object().foo = 1
except AttributeError as e: print(e)
print(type(object.__dict__), object.__dict__['__class__'])
print(sorted(k for k in object.__dict__))
print(sorted(k for k in type.__dict__))
# slots on variable-size bases; a slot name given twice
try:
    class BadInt(int): __slots__ = ('a',)
except TypeError as e: print(e)
class Twice: __slots__ = ('a', 'a')
tw = Twice(); tw.a = 1; print(tw.a)
class OkInt(int): __slots__ = ()
print(OkInt(3) + 1, hasattr(OkInt(3), '__dict__'))
class TupleSub(tuple): pass
print('__weakref__' in dir(TupleSub), '__dict__' in dir(TupleSub))
class Flags: pass
print(Flags.__flags__ & (1 << 9) != 0, int.__flags__ & (1 << 9), bool(int.__flags__ & (1 << 24)), Flags.__itemsize__)
