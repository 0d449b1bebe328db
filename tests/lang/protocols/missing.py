# dict subclasses and __missing__.
class Default(dict):
    def __missing__(self, key):
        print('__missing__', key)
        value = self[key] = len(self)
        return value

d = Default(a=100)
print(d['a'], d['x'], d['y'], d['x'])
print(d)
print(d.get('zzz'), 'zzz' in d, d.setdefault('w', 'set'))

class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for ch in 'mississippi':
    c[ch] += 1
print(sorted(c.items()))

class Raising(dict):
    def __missing__(self, key):
        raise LookupError(f'custom: {key}')
try:
    Raising()['nope']
except LookupError as e:
    print(type(e).__name__, e)

# __missing__ on a plain dict instance or a non-dict class is ignored
class NotDict:
    def __missing__(self, key):
        return 'never'
    def __getitem__(self, key):
        raise KeyError(key)
try:
    NotDict()['k']
except KeyError as e:
    print(type(e).__name__, e)
plain = {}
try:
    plain['k']
except KeyError as e:
    print(type(e).__name__, e)

# format_map uses __missing__
class Fmt(dict):
    def __missing__(self, key):
        return '<' + key + '>'
print('{name} is {age}'.format_map(Fmt(name='Ann')))
