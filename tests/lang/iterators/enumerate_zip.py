# enumerate and zip (including strict=True).
print(list(enumerate('abc')), list(enumerate('abc', 10)), list(enumerate([], 5)), list(enumerate('x', start=-1)))
e = enumerate(['p', 'q'])
print(type(e).__name__, next(e), list(e), list(e), iter(e) is e)
print(list(enumerate(range(3), 2 ** 70)))
print(list(zip()), list(zip('ab')), list(zip('abc', [1, 2])), list(zip('ab', 'cd', 'ef')), dict(zip('ab', range(2))))
print(list(zip('ab', [1, 2], strict=True)))
for args in [('abc', [1, 2]), ('ab', [1, 2, 3]), ('a', 'b', 'cd'), ('ab', 'ab', 'a')]:
    try:
        list(zip(*args, strict=True))
    except ValueError as e:
        print(type(e).__name__ + ':', e)
# zip stops at the shortest and does not consume extra from later iterators
it = iter([1, 2, 3])
print(list(zip('a', it)), next(it))
it2 = iter([1, 2, 3])
print(list(zip(it2, 'a')), next(it2))
# strict still yields everything before the error
z = zip('ab', [1], strict=True)
print(next(z))
try:
    next(z)
except ValueError as e:
    print(type(e).__name__ + ':', e)
for bad in (lambda: zip(1), lambda: enumerate(5), lambda: enumerate('a', 'b'), lambda: zip('a', strict=1, other=2)):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
pairs = [(1, 'a'), (2, 'b')]
nums, letters = zip(*pairs)
print(nums, letters)
