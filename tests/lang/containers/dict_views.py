# dict views: keys/values/items, dynamic behaviour, set operations.
d = {'a': 1, 'b': 2, 'c': 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i, len(k), 'a' in k, 2 in v, ('a', 1) in i, ('a', 2) in i)
d['d'] = 4
del d['a']
print(list(k), list(v), list(i))
print(k & {'b', 'x'}, k | {'z'} == {'b', 'c', 'd', 'z'}, k - {'b'} == {'c', 'd'}, sorted(k ^ {'b', 'q'}))
print(i & {('b', 2), ('c', 0)}, sorted(i - {('b', 2)}), k == {'b', 'c', 'd'}, k <= {'b', 'c', 'd', 'e'}, k.isdisjoint(['x']))
print(sorted(k), list(reversed(k)), list(reversed(v)), list(reversed(i)))
print(type(k).__name__, type(v).__name__, type(i).__name__, v == v, d.values() == d.values())
print(k.mapping, type(k.mapping).__name__)
try:
    for key in d.keys():
        d[key + 'x'] = 0
except RuntimeError as e:
    print(type(e).__name__ + ':', e)
try:
    {'a': []}.items() & {('a', [])}
except TypeError as e:
    print(type(e).__name__ + ':', e)
try:
    d.keys()[0]
except TypeError as e:
    print(type(e).__name__ + ':', e)
it = iter({'x': 1}.items())
print(next(it), list(zip({'p': 1}, {'q': 2}.values())))
keys = {1: 'a', 2: 'b'}.keys()
print(keys & [2, 3], keys | [3], [2, 3] - keys, {3} - keys, keys ^ keys)
