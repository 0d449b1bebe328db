# C3 method resolution order.
def names(cls):
    return [c.__name__ for c in cls.__mro__]

class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
for cls in (K1, K2, K3, Z):
    print(cls.__name__, names(cls))

# diamond
class Base:
    def who(self): return 'Base'
class Left(Base):
    def who(self): return 'Left'
class Right(Base):
    def who(self): return 'Right'
class Bottom(Left, Right): pass
print(names(Bottom), Bottom().who(), Bottom.mro() == list(Bottom.__mro__))
print(Bottom.__bases__, Bottom.__base__, Base.__bases__, object.__bases__)

# inconsistent orders
try:
    class Bad(Left, Base, Right): pass
except TypeError as e:
    print(type(e).__name__, e)
class X: pass
class Y: pass
class XY(X, Y): pass
class YX(Y, X): pass
try:
    class Conflict(XY, YX): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Dup(X, X): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Sub(Base, Left): pass
except TypeError as e:
    print(type(e).__name__, e)

# attribute lookup follows the MRO, including class attributes
class P1: attr = 'P1'
class P2: attr = 'P2'
class Q(P1, P2): pass
class R(P2, P1): pass
print(Q.attr, R.attr)
print(names(bool), names(type), names(int))

# __bases__ can be reassigned, and the MRO is recomputed
class NewBase:
    def who(self): return 'NewBase'
class Movable(Left): pass
Movable.__bases__ = (NewBase,)
print(names(Movable), Movable().who())
