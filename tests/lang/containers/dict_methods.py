# dict methods, ordering and errors.
d = {'b': 1, 'a': 2}
d['c'] = 3
print(d, list(d), len(d), d['a'], d.get('z'), d.get('z', 0), 'a' in d, 2 in d)
print(d.pop('b'), d.pop('zz', 'default'), d.setdefault('a', 100), d.setdefault('n', []), d)
d.update({'x': 1}, y=2)
d.update([('z', 3)])
print(d, d.popitem(), d)
d2 = d.copy()
d2['a'] = 'changed'
print(d['a'], d2['a'], dict.fromkeys('ab'), dict.fromkeys([1, 2], 0), dict(a=1, b=2), dict([(1, 2)]), dict({'k': 'v'}, k2='v2'))
del d['n']
d['a'] = 'replaced keeps position'
print(d, list(reversed(d)), d == {'c': 3, 'a': 'replaced keeps position', 'x': 1, 'y': 2})
print({1: 'a'} | {2: 'b'}, {1: 'a', 2: 'b'} | {1: 'z'})
e = {1: 1}
e |= {2: 2}
e |= [(3, 3)]
print(e)
for fn in (lambda: {}['missing'], lambda: {}.pop('x'), lambda: {}.popitem(), lambda: dict([1]), lambda: dict([(1, 2, 3)]),
           lambda: {[]: 1}, lambda: {1: 2} | [(3, 4)], lambda: dict(5), lambda: {}.update(1)):
    try:
        fn()
    except (KeyError, TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
# insertion order after deletes and re-inserts
o = {}
for k in 'abcde':
    o[k] = k
del o['b'], o['d']
o['b'] = 'again'
print(list(o))
o.clear()
print(o, {}.__len__(), dict.__name__, {1: 2} == {1: 2.0}, {1: 2} != {1: 3}, {'a': 1, 'b': 2} == {'b': 2, 'a': 1})
print(repr({'k': [1, {'n': None}]}), str({}), {1: 'x'}.__contains__(1), dict(zip('ab', range(2))))
try:
    {} < {}
except TypeError as e:
    print(type(e).__name__ + ':', e)
print({**{'a': 1}, **{'a': 2, 'b': 3}}, {k: v for k, v in [(1, 2), (1, 3)]})
