# classmethod and staticmethod.
class C:
    count = 0
    @classmethod
    def make(cls, *args):
        cls.count += 1
        return cls.__name__, args
    @staticmethod
    def util(x, y=2):
        return x * y

print(C.make(1), C().make(2), C.count)
print(C.util(3), C().util(3, 3))

class D(C):
    pass
print(D.make(), D.count, C.count)

# the underlying functions
cm = C.__dict__['make']
sm = C.__dict__['util']
print(type(cm).__name__, type(sm).__name__, cm.__func__.__name__, sm.__func__.__name__)
print(type(C.make).__name__, C.make.__self__ is C, C.make.__func__ is cm.__func__)
print(type(C.util).__name__, C.util is sm.__func__)

# staticmethod objects are callable (3.10+)
print(sm(5), sm.__wrapped__ is sm.__func__, cm.__wrapped__ is cm.__func__)
print(sm.__name__, cm.__name__, sm.__doc__)

# classmethod via __get__ by hand
bound = cm.__get__(None, D)
print(bound(), bound.__self__.__name__)

# classmethod called on an instance of a subclass uses the subclass
class Base:
    @classmethod
    def create(cls):
        return cls()
class Derived(Base):
    pass
print(type(Derived().create()).__name__)

# alternative constructors
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    @classmethod
    def origin(cls):
        return cls(0, 0)
    @classmethod
    def from_pair(cls, pair):
        return cls(*pair)
    def __repr__(self):
        return f'Point({self.x}, {self.y})'
print(Point.origin(), Point.from_pair((3, 4)))

# not callable things
try:
    classmethod(5)(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    C.__dict__['make']()
except TypeError as e:
    print(type(e).__name__, e)
