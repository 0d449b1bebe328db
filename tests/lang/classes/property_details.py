# property: error messages (with and without a name from __set_name__),
# copies made by getter/setter/deleter, docstrings, subclasses, abstractness.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class C:
    x = property()
    y = property(lambda self: 'y value')

    def _gz(self):
        "doc of z"
        return 5
    z = property(_gz)


c = C()
show(lambda: c.x)
show(lambda: setattr(c, 'x', 1))
show(lambda: delattr(c, 'x'))
show(lambda: c.y)
show(lambda: setattr(c, 'y', 1))
show(lambda: delattr(c, 'y'))
show(lambda: c.z)
show(lambda: C.z.__doc__)
show(lambda: C.x.__doc__)
show(lambda: type(C.x).__name__)
show(lambda: C.__dict__['y'] is C.y)

# a nested class shows its qualified name
class Outer:
    class Inner:
        p = property()
show(lambda: Outer.Inner().p)

# no name yet: the message leaves it out; built-in owners use their name
p = property()
show(lambda: p.__get__(1))
show(lambda: p.__set__(1, 2))
show(lambda: p.__delete__(1))
show(lambda: p.__get__(None, int) is p)

# __set_name__ stores whatever name it is given
q = property(C._gz)
print(q.__set_name__(C, 'qq'))
show(lambda: q.__set__(c, 1))
q.__set_name__(C, 5)
show(lambda: q.__set__(c, 1))
show(lambda: q.__set_name__(C))
show(lambda: q.__set_name__(1, 2, 3))

# constructor arguments
show(lambda: property(1, 2, 3, 4).fdel)
show(lambda: property(fget=1, doc=2).__doc__)
show(lambda: property(fset=1, fdel=2, doc=3, fget=4).fget)
show(lambda: property(1, 2, 3, 4, 5))
show(lambda: property(foo=1))
show(lambda: property(1, fget=2))
show(lambda: property(fset=1, fdel=2, doc=3, fget=4, x=5))
show(lambda: (property().fget, property().fset, property().fdel, property().__doc__))
show(lambda: property(None, None).fget)

# read-only members, writable __doc__
show(lambda: setattr(q, 'fget', 1))
show(lambda: setattr(q, 'fset', 1))
show(lambda: delattr(q, 'fdel'))
q.__doc__ = 'changed'
show(lambda: q.__doc__)
del q.__doc__
show(lambda: q.__doc__)
show(lambda: q.__dict__)

# copies: a new object each time, the other functions kept, the name kept
def getter(self):
    "getter doc"
    return 'got'
def setter(self, v):
    print('setter', v)
def deleter(self):
    print('deleter')
base = property(getter)
base.__set_name__(C, 'named')
with_set = base.setter(setter)
with_del = with_set.deleter(deleter)
print(base is with_set, with_set is with_del)
print(with_del.fget is getter, with_del.fset is setter, with_del.fdel is deleter)
print(base.fset, with_set.fdel)
show(lambda: with_set.__doc__)
show(lambda: with_set.__delete__(c))
with_del.__set__(c, 7)
with_del.__delete__(c)
show(lambda: property.getter(base))
show(lambda: base.getter(1, 2))
show(lambda: base.setter())

# docstrings across copies: taken from the new getter unless given explicitly
def other(self):
    "other doc"
show(lambda: base.getter(other).__doc__)
show(lambda: property(getter, doc='explicit').getter(other).__doc__)
show(lambda: property(None, None, None, 'd').getter(other).__doc__)
show(lambda: property(None, None, None, 'd').setter(setter).__doc__)
changed = property(getter)
changed.__doc__ = 'changed'
show(lambda: changed.setter(setter).__doc__)
show(lambda: property(1).__doc__ == int.__doc__)

# re-initialising a property drops its name
r = property(getter)
r.__set_name__(C, 'rname')
r.__init__(None, setter)
show(lambda: (r.fget, r.fset is setter, r.__doc__))
show(lambda: r.__get__(c))

# properties are data descriptors: they win over the instance dict
class D:
    v = property(lambda self: 'from property')
d = D()
d.__dict__['v'] = 'from dict'
print(d.v)

# AttributeError raised by a getter is not confused with a missing property
class E:
    @property
    def broken(self):
        raise AttributeError('inner')
    def __getattr__(self, name):
        return 'fallback ' + name
print(E().broken)

# __isabstractmethod__ is true when any of the functions is abstract
def abstract(self):
    pass
abstract.__isabstractmethod__ = True
print(property().__isabstractmethod__, property(getter).__isabstractmethod__)
print(property(abstract).__isabstractmethod__, property(None, abstract).__isabstractmethod__,
      property(None, None, abstract).__isabstractmethod__)
class Bad:
    @property
    def __isabstractmethod__(self):
        raise ValueError('cannot tell')
show(lambda: property(Bad()).__isabstractmethod__)
show(lambda: setattr(property(), '__isabstractmethod__', True))

import abc
class Abstract(abc.ABC):
    @property
    @abc.abstractmethod
    def value(self):
        pass
show(lambda: Abstract())
print(sorted(Abstract.__abstractmethods__))
class Concrete(Abstract):
    @property
    def value(self):
        return 'concrete'
print(Concrete().value)

# subclasses: the doc goes in the instance dict, copies keep the subclass
class Sub(property):
    pass
s = Sub(getter)
print(type(s).__name__, s.__doc__, s.__dict__)
print(Sub().__dict__, Sub().__doc__)
print(Sub(doc='given').__doc__)
s2 = s.setter(setter)
print(type(s2).__name__, s2.__doc__, s2.fset is setter)
class Documented(property):
    "class doc"
print(Documented().__doc__, Documented(getter).__doc__)
class Slotted(property):
    __slots__ = ()
show(lambda: Slotted(getter))
show(lambda: Slotted().__doc__)

class Logged(property):
    def __get__(self, obj, objtype=None):
        value = super().__get__(obj, objtype)
        if obj is not None:
            print('get ->', value)
        return value
class F:
    @Logged
    def v(self):
        return 42
    @v.setter
    def v(self, value):
        print('set', value)
f = F()
print(f.v)
f.v = 3
print(type(F.__dict__['v']).__name__, F.v.fset.__name__)

# the classic form
class G:
    def __init__(self):
        self._x = 0
    def getx(self):
        return self._x
    def setx(self, value):
        self._x = value
    def delx(self):
        del self._x
    x = property(getx, setx, delx, "I'm the 'x' property.")
g = G()
g.x = 10
print(g.x, G.x.__doc__)
del g.x
show(lambda: g.x)
