# Name resolution inside class bodies.
x = 'global'

class A:
    x = 'class'
    y = x                 # class namespace first
    def method(self):
        return x          # methods skip the class namespace
    z = [x for _ in range(1)]          # comprehensions skip it too...
    w = [i + len(x) for i in (len(x), 0)]   # ...except the first iterable
print(A.y, A().method(), A.z, A.w)

def f():
    x = 'function'
    class B:
        print('B body sees', x)
        x = 'B attr'
        print('B body now sees', x)
        def m(self):
            return x
    return B
B = f()
print(B.x, B().m())

def g():
    v = 'enclosing'
    class C:
        v = 'class'
        def get(self):
            return v
    return C().get(), C.v
print(g())

# a name used before assignment in the class body falls back to globals
y = 'global y'
def h():
    y = 'local y'
    class D:
        print('D sees', y)
    class E:
        t = y
        y = 'class y'
    return E.t, E.y
print(h())

class Outer:
    attr = 1
    class Inner:
        try:
            attr2 = attr
        except NameError as e:
            err = str(e)
print(Outer.Inner.err)
print(A.__qualname__, Outer.Inner.__qualname__)

# __class__ is available to methods through a cell
class K:
    def who(self):
        return __class__.__name__
print(K().who())
