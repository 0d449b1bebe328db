# property: getter, setter, deleter, docs and errors.
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        "Temperature in Celsius."
        return self._c
    @celsius.setter
    def celsius(self, v):
        print('set', v)
        self._c = v
    @celsius.deleter
    def celsius(self):
        print('deleted')
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
del t.celsius
print(t.celsius)
print(Temp.celsius.__doc__, type(Temp.celsius).__name__)
print(Temp.celsius.fget.__name__, Temp.celsius.fset is not None, Temp.fahrenheit.fset)

try:
    t.fahrenheit = 5
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del t.fahrenheit
except AttributeError as e:
    print(type(e).__name__, e)

# property() called directly
class P:
    def get(self):
        return 'got'
    x = property(get, doc='the x')
    y = property()
print(P().x, P.x.__doc__)
try:
    P().y
except AttributeError as e:
    print(type(e).__name__, e)

# properties are data descriptors: the instance dict does not shadow them
p = P()
p.__dict__['x'] = 'shadow'
print(p.x)

# a property getter that raises AttributeError
class Q:
    @property
    def broken(self):
        raise AttributeError('inner problem')
try:
    Q().broken
except AttributeError as e:
    print(type(e).__name__, e)

# subclassing property
class Upper(property):
    def __get__(self, obj, typ=None):
        return super().__get__(obj, typ).upper()
class U:
    name = Upper(lambda self: 'quiet')
print(U().name)

# the docstring comes from the getter
class D:
    @property
    def v(self):
        "getter doc"
        return 1
print(D.v.__doc__)
# getter/setter/deleter return new property objects
prop = property(lambda s: 1)
prop2 = prop.setter(lambda s, v: None)
print(prop is prop2, prop.fset, prop2.fset is not None)
