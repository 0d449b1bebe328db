# dict subclasses: __missing__, reprs, constructor forms, fromkeys, update from mappings.
class Counter(dict):
    def __missing__(self, key):
        return 0

c = Counter(a=1)
print(c['a'], c['zz'], 'zz' in c, c.get('zz'), c, repr(Counter()))

class NoMissing(dict):
    pass

try:
    NoMissing()['x']
except KeyError as e:
    print(type(e).__name__, e)

class Keyed(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag = 'keyed'

k = Keyed.fromkeys('ab', 0)
print(type(k).__name__, k, k.tag)
print(type(NoMissing(x=1) | {'y': 2}).__name__, type(NoMissing(x=1).copy()).__name__)

# a mapping that is not a dict: keys() then [key]
class Mapping:
    def keys(self):
        return ['p', 'q']
    def __getitem__(self, key):
        return key.upper()

d = dict(Mapping())
d.update(Mapping(), r=3)
print(d, dict(Mapping(), p=0))
e = {}
e |= Mapping()
print(e)

class BadKeys:
    def keys(self):
        return 5
try:
    dict(BadKeys())
except TypeError as ex:
    print(type(ex).__name__, ex)

# a dict subclass that overrides __iter__ is merged through keys()/[]
class Rev(dict):
    def keys(self):
        return reversed(list(dict.keys(self)))
    def __iter__(self):
        return iter(self.keys())
print(dict(Rev(a=1, b=2)), {**Rev(a=1, b=2)} == {'a': 1, 'b': 2})

# recursion guard
r = {}
r['self'] = r
r['vals'] = r.values()
print(r)
print(r.values())
print(dict([('a', 1), 'bc', ['d', 2]]), dict(zip('xy', (1, 2))))
