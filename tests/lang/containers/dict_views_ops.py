# Set operations of dict views build sets in CPython's order.
d5 = {16: 0, 0: 1, 1: 1, 2: 1, 3: 1}
k5, i5 = d5.keys(), d5.items()
print(k5 | set(), k5 - set(), k5 ^ set(), k5 & set(range(40)))
print(set() | k5, [] | k5, {99} ^ k5, set(range(40)) & k5)
print(k5 & [2, 3, 4], [2, 3, 4] - k5, k5 & k5, k5 - k5, k5 | k5 == set(k5))
print(i5 ^ {16: 0, 5: 1}.items(), i5 & {(16, 0), (3, 2)}, sorted(i5 - {(16, 0)}))
print(k5 == {0, 1, 2, 3, 16}, {0, 1, 2, 3, 16} == k5, k5 > {0, 1}, k5 == [], k5 != {1}, k5 <= i5)
print(i5 == {(16, 0), (0, 1), (1, 1), (2, 1), (3, 1)}, i5 < i5, i5 <= i5)
print(k5.isdisjoint([50, 51]), k5.isdisjoint([50, 3]), k5.isdisjoint(k5), {}.keys().isdisjoint({}.keys()))
print((16, 0) in i5, (16, 1) in i5, 3 in i5, 3 in k5, [] in i5, ([], 1) in i5 if False else None)
for f in (lambda: k5 - 1, lambda: k5 | 1, lambda: k5 ^ 1, lambda: k5 & 1, lambda: d5.values() | {1},
          lambda: k5.isdisjoint(), lambda: k5.isdisjoint(1), lambda: hash(k5), lambda: ([], 1) in i5,
          lambda: {'a': []}.items() & {('a', [])}, lambda: {}.keys(1), lambda: k5 < 1):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
v = d5.values()
print(v == v, d5.values() == d5.values(), len(v), repr({}.keys()), repr({1: 2}.items()))
print(hash(v) == hash(v), type(k5).__name__, type(v).__name__, type(i5).__name__)
