# __slots__: fixed attributes, no __dict__.
class P:
    __slots__ = ('x', 'y')
    def __init__(self, x, y):
        self.x, self.y = x, y

p = P(1, 2)
print(p.x, p.y, hasattr(p, '__dict__'))
try:
    p.z = 3
except AttributeError as e:
    print(type(e).__name__, e)
del p.x
try:
    p.x
except AttributeError as e:
    print(type(e).__name__, e)
print(type(P.x).__name__, P.x.__name__, P.__slots__)

# subclass without __slots__ gets a __dict__
class Q(P):
    pass
q = Q(1, 2)
q.z = 3
print(q.__dict__)

# subclass adding slots
class R(P):
    __slots__ = ('z',)
r = R(1, 2)
r.z = 3
print(r.x, r.y, r.z, hasattr(r, '__dict__'))

# __dict__ and __weakref__ in slots
class S:
    __slots__ = ('a', '__dict__')
s = S()
s.a = 1
s.b = 2
print(s.__dict__)

# a single string is one slot
class One:
    __slots__ = 'only'
o = One()
o.only = 'yes'
print(o.only, One.__slots__)

# conflicts with class variables
try:
    class Bad:
        __slots__ = ('v',)
        v = 1
except ValueError as e:
    print(type(e).__name__, e)

# slots and class attributes shadowing
class WithDefault:
    __slots__ = ('v',)
print(hasattr(WithDefault(), 'v'))

# empty slots
class Empty:
    __slots__ = ()
try:
    Empty().anything = 1
except AttributeError as e:
    print(type(e).__name__, e)

# invalid slot names
try:
    class Invalid:
        __slots__ = ('not valid',)
except TypeError as e:
    print(type(e).__name__, e)
try:
    class DictTwice:
        __slots__ = ('__dict__', '__dict__')
except TypeError as e:
    print(type(e).__name__, e)
# a dict of slots (names with docstrings)
class Documented:
    __slots__ = {'a': 'the a slot'}
print(Documented.a.__doc__)
