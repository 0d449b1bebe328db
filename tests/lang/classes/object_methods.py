# object's own methods: __init_subclass__, __format__, __getstate__/__reduce_ex__, __dir__, __sizeof__,
# the __class__ and __dict__ attributes, type(name, bases, dict) keywords.
class A:
    def __init_subclass__(cls, /, flag=False, **kw):
        super().__init_subclass__(**kw)
        cls.flag = flag
class B(A, flag=True): pass
print(B.flag)
try:
    class C(A, bogus=1): pass
except TypeError as e: print(e)
print(type(object.__init_subclass__).__name__)
a_obj = A(); print(format(a_obj, '') == str(a_obj), end=' ')
print()
try: format(A(), 'x')
except TypeError as e: print(e)
class P:
    __slots__ = ('a', '__b')
p = P(); p.a = 1; p._P__b = 2
print(p.__getstate__(), p.__reduce_ex__(2)[1:])
print(sorted(dir(p))[-5:])
o = object()
try: o.__class__ = A
except TypeError as e: print(e)
class D: pass
class E: pass
d = D(); d.__class__ = E; print(type(d).__name__)
try: d.__class__ = P
except TypeError as e: print(e)
try: del d.__class__
except TypeError as e: print(e)
try: d.__class__ = 1
except TypeError as e: print(e)
print(D.__dict__['__dict__'], D.__dict__['__weakref__'])
print(E().__dict__, vars(E()))
e = E(); e.__dict__ = {'q': 5}; print(e.q)
try: e.__dict__ = 5
except TypeError as ex: print(ex)
print(object.__reduce_ex__(E(), 1)[1])
class L(list): pass
l = L([1,2]); l.x = 3
r = l.__reduce_ex__(2); print(r[1], r[2], list(r[3]), r[4])
print(object().__sizeof__(), D().__sizeof__(), P().__sizeof__())
print(object.__subclasshook__())
print(A.__init_subclass__.__self__)
print(type.__dict__['__bases__'])
print(int.__dict__['__doc__'][:20] if '__doc__' in int.__dict__ else None)
class M(type):
    def __new__(m, name, bases, ns, **kw):
        return super().__new__(m, name, bases, ns, **kw)
class Q(A, metaclass=M, flag=3): pass
print(Q.flag, type(Q).__name__)
X = M('X', (A,), {}, flag=4)
print(X.flag)
print(type('T', (), {}).__module__)
