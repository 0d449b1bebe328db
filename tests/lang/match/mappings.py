# Mapping patterns.
def describe(event):
    match event:
        case {'type': 'click', 'pos': (x, y)}:
            return f'click at {x},{y}'
        case {'type': 'key', 'key': str(k), **rest}:
            return f'key {k} extra {rest}'
        case {'type': t}:
            return f'other event {t}'
        case {}:
            return 'a mapping without type'
        case _:
            return 'not a mapping'

for e in [{'type': 'click', 'pos': (1, 2)},
          {'type': 'click', 'pos': [3, 4], 'extra': True},
          {'type': 'key', 'key': 'q', 'mod': 'ctrl', 'time': 5},
          {'type': 'key', 'key': 5},
          {'type': 'scroll'},
          {},
          [('type', 'click')]]:
    print(describe(e))

# mapping patterns use .get-style lookups, so __missing__ is not consulted
class Defaulting(dict):
    def __missing__(self, key):
        return 'made up'
dd = Defaulting()
print(dd['anything'])
match dd:
    case {'k': v}:
        print('found', v)
    case _:
        print('missing key does not match', dict(dd))

# keys may be literals or values
class K:
    NAME = 'name'
match {1: 'one', 'name': 'n', None: 0}:
    case {1: one, K.NAME: nm, None: z}:
        print(one, nm, z)

# **rest gets a fresh dict of the remaining items
d = {'a': 1, 'b': 2, 'c': 3}
match d:
    case {'a': 1, **others}:
        others['z'] = 0
        print(others, d)

# user-defined mappings
class M(dict):
    pass
match M(x=1):
    case {'x': 1}:
        print('dict subclass matched')
