# Argument errors of the built-in functions: CPython's messages per calling convention.
calls = [
    lambda: abs(), lambda: abs(1, 2), lambda: abs(x=1), lambda: len(), lambda: len([], []),
    lambda: repr(), lambda: ascii(1, 2), lambda: hash(1, 2), lambda: id(), lambda: callable(x=1),
    lambda: chr(), lambda: ord(), lambda: bin(), lambda: oct(1, 2), lambda: hex(), lambda: all(),
    lambda: any(1, 2), lambda: aiter(), lambda: anext(), lambda: anext(1, 2, 3), lambda: anext(x=1),
    lambda: delattr(1), lambda: setattr(1, 2), lambda: getattr(1), lambda: getattr(1, 'x', 2, 3),
    lambda: getattr(1, 'real', x=3), lambda: hasattr(1), lambda: divmod(1), lambda: divmod(x=1, y=2),
    lambda: format(), lambda: format(1, 2, 3), lambda: format(1, x=''), lambda: isinstance(1),
    lambda: isinstance(1, int, x=1), lambda: issubclass(int), lambda: iter(), lambda: iter(1, 2, 3),
    lambda: iter([], x=1), lambda: next(), lambda: next(1, 2, 3), lambda: next(x=1),
    lambda: dir(1, 2), lambda: dir(x=1), lambda: vars(1, 2), lambda: vars(x=1),
    lambda: pow(), lambda: pow(1), lambda: pow(1, 2, 3, 4), lambda: pow(1, 2, z=3), lambda: pow(base=1),
    lambda: round(), lambda: round(1, 2, 3), lambda: round(x=1), lambda: sum(), lambda: sum([], 1, 2),
    lambda: sum([], x=1), lambda: sum(iterable=[]), lambda: sorted(), lambda: sorted([1], len),
    lambda: sorted(iterable=[1]), lambda: sorted([2, 1], foo=1), lambda: max(), lambda: min(x=1),
    lambda: max([1], foo=1), lambda: max([], default=None, key=len, foo=3), lambda: min(1, 2, default=0),
    lambda: print(bogus=1),
]
for fn in calls:
    try:
        fn()
        print('no error')
    except TypeError as e:
        print(type(e).__name__ + ':', e)
# keyword forms that are accepted
print(pow(base=2, exp=10), pow(2, exp=3, mod=5), round(number=2.675, ndigits=2), sum([1, 2], start=10))
print(sorted([3, 1, 2], reverse=True), sorted(['b', 'A', 'c'], key=str.lower), max([1, 5, 3], key=None, default=0))
