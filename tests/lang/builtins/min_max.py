# min() and max(): iterables, several arguments, key, default.
print(max(3, 1, 2), min(3, 1, 2), max([3, 1, 2]), min('hello'), max('a', 'B'), max([1, 2], [1, 3]))
print(max(['aa', 'b', 'ccc'], key=len), min(['aa', 'b', 'ccc'], key=len), max(-3, 2, key=abs), min(-3, 2, key=abs))
print(max([], default='empty'), min([], default=None), max([5], default=0), max((x for x in [4, 9, 2])))
# ties: the first maximal/minimal element wins
print(max([(1, 'a'), (1, 'b')], key=lambda t: t[0]), min(['x', 'y', 'z'], key=lambda s: 0))
print(max(1, 1.0), max(1.0, 1), min(0, False), max(True, 1))
for fn in (lambda: max([]), lambda: min(()), lambda: max(1), lambda: max(1, 2, default=0), lambda: max([1, 'a']),
           lambda: min([1], key=None, foo=1), lambda: max()):
    try:
        fn()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
nan = float('nan')
print(max(nan, 1), max(1, nan), min([2, nan, 1]))
print(max({'a': 1, 'z': 0}), max({'a': 1, 'z': 0}.items(), key=lambda kv: kv[1]), max(range(5), key=lambda x: -x))
print(min(1, 2, key=None), max([3, 4], key=None))
