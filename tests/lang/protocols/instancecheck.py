# isinstance/issubclass, __instancecheck__ and __subclasscheck__.
class Duck:
    def quack(self): pass
class Robot:
    def quack(self): pass
class NoQuack:
    pass

class QuackerMeta(type):
    def __instancecheck__(cls, obj):
        print('__instancecheck__', type(obj).__name__)
        return hasattr(obj, 'quack')
    def __subclasscheck__(cls, sub):
        print('__subclasscheck__', sub.__name__)
        return hasattr(sub, 'quack')
class Quacker(metaclass=QuackerMeta):
    pass

print(isinstance(Duck(), Quacker), isinstance(NoQuack(), Quacker))
print(issubclass(Robot, Quacker), issubclass(NoQuack, Quacker))
# an exact type match skips __instancecheck__
print(isinstance(Quacker(), Quacker))

# tuples (nested) and unions
print(isinstance(3, (str, (float, int))), isinstance('s', (int,)), isinstance(3, ()))
print(issubclass(bool, (str, int)), isinstance(None, type(None) | int))
print(isinstance(True, int), issubclass(bool, int), issubclass(int, int), issubclass(int, object))
print(isinstance(int, type), isinstance(type, type), isinstance(type, object), isinstance(object, type))

# errors
def show(fn):
    try:
        print(fn())
    except TypeError as e:
        print(type(e).__name__, e)
show(lambda: isinstance(1, 1))
show(lambda: issubclass(1, int))
show(lambda: issubclass(int, 1))
show(lambda: isinstance(1, (int, 1)))
show(lambda: issubclass(int, (1, int)))

# __class__ is consulted by isinstance
class Pretender:
    @property
    def __class__(self):
        return int
print(isinstance(Pretender(), int), type(Pretender()).__name__)

# __instancecheck__ result is converted to bool
class Weird(type):
    def __instancecheck__(cls, obj):
        return 'non-empty string'
class W(metaclass=Weird):
    pass
print(isinstance(5, W))
# __bases__-based checks for non-classes (abstract classes protocol)
class FakeClass:
    __bases__ = ()
class FakeInstance:
    __class__ = FakeClass()
show(lambda: issubclass(FakeClass(), FakeClass()))
