class A: 
    def f(self): return 'A'
class B:
    def f(self): return 'B'
class C(A): pass
class D(C): pass
print(D().f(), D.__mro__)
C.__bases__ = (B,)
print(D().f(), D.__mro__, A.__subclasses__(), B.__subclasses__())
for bad in [(), 1, (1,), (D,), (int,)]:
    try: C.__bases__ = bad
    except TypeError as e: print(e)
try: del C.__bases__
except TypeError as e: print(e)
try: int.__bases__ = (object,)
except TypeError as e: print(e)
class M(type):
    def mro(cls):
        return [cls, object]
class X(A, metaclass=M): pass
print(X.__mro__)
