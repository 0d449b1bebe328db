# Data and non-data descriptors and their precedence.
class Data:
    def __get__(self, obj, objtype=None):
        return ('Data.__get__', obj is None, objtype.__name__)
    def __set__(self, obj, value):
        print('Data.__set__', value)
        obj.__dict__['d'] = value
    def __delete__(self, obj):
        print('Data.__delete__')

class NonData:
    def __get__(self, obj, objtype=None):
        return 'NonData.__get__'

class SetOnly:
    def __set__(self, obj, value):
        print('SetOnly.__set__', value)

class C:
    d = Data()
    n = NonData()
    s = SetOnly()

c = C()
print(C.d)
print(c.d)
c.d = 5               # data descriptor intercepts the assignment
print(c.__dict__, c.d)  # ... and wins over the instance dict
del c.d

print(c.n)
c.n = 'instance value'  # no __set__: stored in the instance
print(c.n)              # instance dict wins over a non-data descriptor
del c.n
print(c.n)

c.s = 1
c.__dict__['s'] = 'in dict'
print(type(c.s).__name__)   # without __get__ the instance dict is used for reads
print(c.__dict__)

# functions are non-data descriptors
def f(self):
    return 'method'
print(f.__get__(c, C)(), type(f.__get__(c)).__name__, f.__get__(None, C) is f)
c.f = lambda: 'instance function'
C.f = f
print(c.f())

# descriptors on the metaclass apply to class attribute access
class MetaDesc:
    def __get__(self, cls, metacls):
        return 'from metaclass descriptor for ' + cls.__name__
class Meta(type):
    attr = MetaDesc()
class WithMeta(metaclass=Meta):
    pass
print(WithMeta.attr)
class Shadowing(metaclass=Meta):
    attr = 'class attribute'
print(Shadowing.attr)   # non-data descriptor on the metaclass loses

# descriptors are looked up on the type, not on the instance
c.inst_desc = Data()
print(type(c.inst_desc).__name__)

# __get__ through super and on classes
class Base:
    d = Data()
class Derived(Base):
    pass
print(Derived.d, Derived().d[2])
# a descriptor whose __get__ raises AttributeError
class Raising:
    def __get__(self, obj, typ):
        raise AttributeError('from descriptor')
class H:
    r = Raising()
try:
    H().r
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(H(), 'r', 'default used'))
