# tuples.
t = (1, 2, 3)
print(t, t[0], t[-1], t[1:], len(t), t.count(2), t.index(3), 2 in t, t + (4,), t * 2, tuple(), tuple('ab'), tuple([1]))
print((1,), (), (1, 2) < (1, 2, 3), (2,) > (1, 99), (1, 'a') == (1, 'a'), tuple(x * 2 for x in t))
single = 1,
print(single, type(single).__name__, type((1)).__name__)
a, b, c = t
print(a, b, c)
for fn in (lambda: t.index(9), lambda: t[5], lambda: t + [4], lambda: t.append(4)):
    try:
        fn()
    except (ValueError, IndexError, TypeError, AttributeError) as e:
        print(type(e).__name__ + ':', e)
mutable_inside = ([1], 2)
mutable_inside[0].append(2)
print(mutable_inside)
print(hash((1, 2)) == hash((1, 2)), {(1, 2): 'key'}[(1, 2)], repr((1, 'a', None)), str(('x',)))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], max(nested), sorted([(2, 'b'), (1, 'z'), (2, 'a')]))
print(tuple.__name__, isinstance((), tuple), (1, 2).__len__(), tuple(range(3)) == (0, 1, 2))
