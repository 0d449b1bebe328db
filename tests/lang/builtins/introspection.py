# getattr/setattr/hasattr/delattr, dir, id, type, callable, hash, vars.
class C:
    cls = 'class attribute'
    def __init__(self):
        self.inst = 'instance attribute'
    def method(self):
        pass
c = C()
print(getattr(c, 'inst'), getattr(c, 'cls'), getattr(c, 'nope', 'default'), hasattr(c, 'method'), hasattr(c, 'nope'))
setattr(c, 'dynamic', 1)
print(c.dynamic, vars(c))
delattr(c, 'dynamic')
print(hasattr(c, 'dynamic'))
try:
    getattr(c, 'nope')
except AttributeError as e:
    print(type(e).__name__ + ':', e)
try:
    delattr(c, 'nope')
except AttributeError as e:
    print(type(e).__name__ + ':', e)
print([n for n in dir(c) if not n.startswith('__')], dir(c) == sorted(dir(c)))
print([n for n in dir(C) if not n.startswith('__')], '__init__' in dir(C), 'mro' in dir(type), 'mro' in dir(C))
class WithDir:
    def __dir__(self):
        return ['z', 'a', 'm']
print(dir(WithDir()))
class BadDir:
    def __dir__(self):
        return 5
try:
    dir(BadDir())
except TypeError as e:
    print(type(e).__name__ + ':', e)
print('C' in dir(), 'append' in dir([]), len(dir(object)) > 10)
# id: stable for one object, distinct for objects alive at the same time
a, b = [], []
print(id(a) == id(a), id(a) != id(b), type(id(a)).__name__, id(None) == id(None))
# type with one argument
print(type(1), type('s'), type(None), type(type), type(c), type(C.method), type(c.method), type(len))
print(type(1) is int, type(True) is bool, type(c).__name__, type(print).__name__, type(...).__name__, type(NotImplemented).__name__)
print(callable(len), callable(C), callable(c), callable(c.method), callable(None), callable('s'))
print(hash(1) == hash(1.0), hash('a') == hash('a'), type(hash(c)).__name__, hash(c) == hash(c))
try:
    type()
except TypeError as e:
    print(type(e).__name__ + ':', e)
print(repr(object()).startswith('<object object at 0x'), object.__name__, object.__bases__, type(object()).__mro__)
o = object()
try:
    o.x = 1
except AttributeError as e:
    print(type(e).__name__ + ':', e)
print(sorted(globals())[:4], '__builtins__' in globals())
