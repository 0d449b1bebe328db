# abc.ABCMeta through the C _abc module: abstract methods, register(),
# __subclasshook__, caches and the cache token.
import abc

class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self): ...
    @property
    @abc.abstractmethod
    def name(self): ...

print(sorted(Shape.__abstractmethods__), type(Shape).__name__, isinstance(Shape, abc.ABCMeta))
try:
    Shape()
except TypeError as e:
    print(type(e).__name__, e)

class Half(Shape):
    def area(self):
        return 1
try:
    Half()
except TypeError as e:
    print(type(e).__name__, e)

class Square(Half):
    name = 'square'
s = Square()
print(s.area(), s.name, Square.__abstractmethods__, isinstance(s, Shape), issubclass(Square, Shape))

# virtual subclasses
class Virtual:
    pass
token = abc.get_cache_token()
print(issubclass(Virtual, Shape), isinstance(Virtual(), Shape))
print(Shape.register(Virtual) is Virtual, abc.get_cache_token() > token)
print(issubclass(Virtual, Shape), isinstance(Virtual(), Shape), Virtual.__mro__)
class SubVirtual(Virtual):
    pass
print(issubclass(SubVirtual, Shape), issubclass(int, Shape))
print(Shape.register(Square) is Square)
try:
    Shape.register(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    Virtual.register
except AttributeError as e:
    print(type(e).__name__)

class Base(abc.ABC):
    pass
class Derived(Base):
    pass
try:
    Derived.register(Base)
except RuntimeError as e:
    print(type(e).__name__, e)

# __subclasshook__
class Sized(metaclass=abc.ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return any('__len__' in B.__dict__ for B in C.__mro__)
        return NotImplemented
print(issubclass(list, Sized), issubclass(int, Sized), isinstance('abc', Sized), isinstance(3, Sized))

class BadHook(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return 'yes'
try:
    issubclass(int, BadHook)
except AssertionError as e:
    print(type(e).__name__, e)
try:
    issubclass(3, Shape)
except TypeError as e:
    print(type(e).__name__, e)

# abstract class methods and static methods; update_abstractmethods
class Tool(abc.ABC):
    @classmethod
    @abc.abstractmethod
    def make(cls): ...
    @staticmethod
    @abc.abstractmethod
    def helper(): ...
print(sorted(Tool.__abstractmethods__))
class Fixed(Tool):
    pass
Fixed.make = classmethod(lambda cls: 'made')
Fixed.helper = staticmethod(lambda: 'helped')
print(sorted(Fixed.__abstractmethods__), sorted(abc.update_abstractmethods(Fixed).__abstractmethods__))
print(Fixed().make(), Fixed.helper())

# registry debugging helpers
Shape._abc_registry_clear()
Shape._abc_caches_clear()
print(issubclass(Virtual, Shape))
print(type(abc.ABC.__dict__.get('__abstractmethods__')).__name__, abc.ABC.__abstractmethods__)
