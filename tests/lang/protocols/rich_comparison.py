# Rich comparison methods and their reflection.
class C:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print(f'C({self.v}).__eq__')
        return isinstance(o, C) and self.v == o.v
    def __lt__(self, o):
        print(f'C({self.v}).__lt__')
        return self.v < o.v
    def __le__(self, o):
        print(f'C({self.v}).__le__')
        return NotImplemented

a, b = C(1), C(2)
print(a == b, a != b)       # __ne__ defaults to the inverse of __eq__
print(a < b, a > b)         # > is reflected to b.__lt__(a)
try:
    a <= b                  # both __le__ and reflected __ge__ fail
except TypeError as e:
    print(type(e).__name__, e)
print(a >= b if hasattr(C, '__ge__') and C.__ge__ is not object.__ge__ else 'no __ge__')

# == falls back to identity when both sides return NotImplemented
class N:
    def __eq__(self, o):
        return NotImplemented
n = N()
print(n == n, n == N(), n != n)

# subclass reflected method has priority
class Base:
    def __eq__(self, o):
        return 'Base.__eq__'
    def __lt__(self, o):
        return 'Base.__lt__'
    def __gt__(self, o):
        return 'Base.__gt__'
class Derived(Base):
    def __eq__(self, o):
        return 'Derived.__eq__'
    def __gt__(self, o):
        return 'Derived.__gt__'
print(Base() == Derived(), Derived() == Base(), Base() < Derived())

# comparison results need not be bool
class Vec:
    def __init__(self, *xs):
        self.xs = xs
    def __lt__(self, o):
        return [x < y for x, y in zip(self.xs, o.xs)]
print(Vec(1, 5) < Vec(2, 3))
try:
    if Vec(1) < Vec(2) < Vec(3):
        print('chained with list truthiness')
except TypeError as e:
    print(e)

# object defaults
o1, o2 = object(), object()
print(o1 == o1, o1 == o2, o1 != o2, o1.__eq__(o2), o1.__lt__(o2))

# sorting uses only __lt__
class OnlyLt:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f'L{self.v}'
print(sorted([OnlyLt(3), OnlyLt(1), OnlyLt(2)]), max([OnlyLt(3), OnlyLt(5)]))
# identity shortcut in containers: nan is found in a list that holds it
nan = float('nan')
print(nan == nan, nan in [nan], [nan] == [nan], (nan,) == (float('nan'),))
