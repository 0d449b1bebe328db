# range objects.
r = range(0, 20, 3)
print(r, list(r), len(r), r[2], r[-1], r[1:4], r[::-1], r[::2], 9 in r, 10 in r, r.index(9), r.count(9))
print(range(5), range(2, 5), range(5, 0, -1), list(range(5, 0, -2)), list(range(0)), list(range(-3)), len(range(10, 0)))
print(range(3) == range(0, 3, 1), range(0) == range(5, 5), range(1, 10, 2) == range(1, 11, 2), range(3) == [0, 1, 2])
print(r.start, r.stop, r.step, bool(range(0)), bool(range(1)), reversed(range(3)).__class__.__name__, list(reversed(range(1, 7, 2))))
big = range(10 ** 20)
print(len(range(10 ** 6)), big[-1], 10 ** 19 in big, big[10 ** 19], big[::10 ** 19])
try:
    len(big)
except OverflowError as e:
    print(type(e).__name__ + ':', e)
for fn in (lambda: range(0, 10, 0), lambda: range(1.5), lambda: range(3)[5], lambda: range(3).index(7), lambda: range('a')):
    try:
        fn()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__ + ':', e)
print(hash(range(3)) == hash(range(0, 3)), {range(2): 'r'}[range(0, 2)], range(-5, 5)[3], range(10)[-100:100])
print(sum(range(101)), max(range(7)), list(enumerate(range(10, 13))), 2.0 in range(3), '2' in range(3))
