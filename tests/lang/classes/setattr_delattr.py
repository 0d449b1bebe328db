# __setattr__ and __delattr__.
class Logged:
    def __setattr__(self, name, value):
        print('set', name, value)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        print('del', name)
        super().__delattr__(name)

o = Logged()
o.a = 1
setattr(o, 'b', 2)
print(o.__dict__)
del o.a
delattr(o, 'b')
print(o.__dict__)

class ReadOnly:
    __slots__ = ()
    def __setattr__(self, name, value):
        raise AttributeError(f'{type(self).__name__} is read-only')
try:
    ReadOnly().x = 1
except AttributeError as e:
    print(type(e).__name__, e)

class Frozen:
    def __init__(self, v):
        object.__setattr__(self, 'v', v)
    def __setattr__(self, name, value):
        raise TypeError('frozen')
fz = Frozen(3)
print(fz.v)
try:
    fz.v = 4
except TypeError as e:
    print(type(e).__name__, e)

# built-in instances and types refuse new attributes
for target in (1, 'abc', [], object()):
    try:
        target.attr = 1
    except AttributeError as e:
        print(type(e).__name__, e)
for typ in (int, list, object):
    try:
        typ.attr = 1
    except TypeError as e:
        print(type(e).__name__, e)
try:
    del int.real
except TypeError as e:
    print(type(e).__name__, e)

# setattr requires a string name
try:
    setattr(o, 1, 2)
except TypeError as e:
    print(type(e).__name__, e)
# class attribute assignment goes through the metaclass
class Meta(type):
    def __setattr__(cls, name, value):
        print('Meta.__setattr__', name)
        super().__setattr__(name, value)
class WithMeta(metaclass=Meta):
    pass
WithMeta.x = 1
print(WithMeta.x)
# attribute names are interned-equal strings; str subclasses work
class S(str):
    pass
setattr(o, S('via_subclass'), 'ok')
print(o.via_subclass)
