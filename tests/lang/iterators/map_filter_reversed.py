# map, filter, reversed: lazy iterators.
m = map(lambda x: x * 2, [1, 2, 3])
print(type(m).__name__, next(m), list(m), list(m))
print(list(map(pow, [2, 3], [3, 2])), list(map(str.upper, 'ab')), list(map(lambda *a: a, 'ab', 'xyz')), list(map(len, [])))
def noisy(x):
    print('mapping', x)
    return x
lazy = map(noisy, [1, 2])
print('created')
print(next(lazy))
f = filter(lambda x: x % 2, range(10))
print(type(f).__name__, list(f), list(filter(None, [0, 1, '', 'a', None, [], [0]])), list(filter(str.isdigit, 'a1b2')))
r = reversed([1, 2, 3])
print(type(r).__name__, list(r), list(reversed('abc')), list(reversed(range(3))), list(reversed((1, 2))), list(reversed({'a': 1, 'b': 2})))
print(list(reversed({'a': 1}.items())), type(reversed('x')).__name__, type(reversed(range(2))).__name__)
for bad in (lambda: map(), lambda: map(len), lambda: list(map(len, [1])), lambda: filter(None), lambda: reversed(5),
            lambda: reversed({1, 2}), lambda: list(map(5, [1]))):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
# reversed on a list sees changes made before iteration reaches them
lst = [1, 2, 3]
ri = reversed(lst)
lst[0] = 'changed'
print(list(ri))
print(list(map(lambda x, y: x + y, [1, 2, 3], [10, 20])), sum(map(int, '123')))
print(reversed([1, 2]).__length_hint__(), len(list(reversed([]))))
