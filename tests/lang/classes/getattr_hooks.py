# __getattr__ and __getattribute__.
class Fallback:
    real = 'real attribute'
    def __getattr__(self, name):
        print('__getattr__', name)
        if name.startswith('x'):
            return name.upper()
        raise AttributeError(f'no {name}')

f = Fallback()
print(f.real)          # __getattr__ not called
print(f.xyz)
try:
    f.other
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(f, 'nope', 'default'), hasattr(f, 'xa'), hasattr(f, 'b'))

class Everything:
    def __init__(self):
        self.stored = 'stored'
    def __getattribute__(self, name):
        print('__getattribute__', name)
        if name == 'magic':
            return 42
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return 'fallback for ' + name

e = Everything()
print(e.stored)
print(e.magic)
print(e.missing)

# a property raising AttributeError falls back to __getattr__
class Prop:
    @property
    def p(self):
        raise AttributeError('p failed')
    def __getattr__(self, name):
        return 'rescued ' + name
print(Prop().p)

# special methods bypass __getattribute__ and __getattr__ on the instance
class Sneaky:
    def __getattr__(self, name):
        return lambda *a: 'from __getattr__'
s = Sneaky()
print(s.__len__())
try:
    len(s)
except TypeError as e:
    print(type(e).__name__, e)

# __getattr__ on a module-level class used as a proxy
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, '_target', target)
    def __getattr__(self, name):
        return getattr(self._target, name)
pr = Proxy([3, 1, 2])
pr.sort()
print(pr._target, pr.count(1))

# default AttributeError messages
class Plain:
    pass
for obj, name in [(Plain(), 'a'), (Plain, 'b'), (5, 'c'), ('s', 'd'), (None, 'e'), ([], 'f')]:
    try:
        getattr(obj, name)
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    getattr(Plain(), 5)
except TypeError as e:
    print(type(e).__name__, e)
