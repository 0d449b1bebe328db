# sum(): int and float fast paths give the results of plain left-to-right `+`.
print(sum([0.1] * 10), sum([1e16, 1.0, -1e16]), sum([1.0, 1e100, 1.0, -1e100]))
print(sum([1, 2 ** 62, 2 ** 62, 2 ** 62]), sum([2 ** 63 - 1, 1]), sum([-2 ** 63, -1]), sum(range(10 ** 5)))
print(sum([1, 2, 3.5, 4]), sum([1.5, 2 ** 70]), sum([0.5, True, False]), sum([True] * 3), type(sum([True])).__name__)
print(sum([2 ** 53, 1.0]), sum([1.0, 2 ** 53 + 1]), sum([], 0.0), sum([1, 2], 0.5), sum([3], -0.0), sum([-0.0], -0.0))
print(sum([1, 2], 2 ** 100), sum([2 ** 100, -2 ** 100, 5]), sum([], 2 ** 80))
print(sum([float('inf'), 1, float('-inf')]), sum([1e308, 1e308]), sum([1j, 2, 0.5]))
class MyInt(int):
    def __add__(self, other):
        return ('MyInt.__add__', int(self), other)
    def __radd__(self, other):
        return ('MyInt.__radd__', other, int(self))
# an int subclass leaves the int fast path (its __radd__ runs); the float path takes it as a number
print(sum([1, MyInt(5)]), sum([MyInt(1)], MyInt(2)), sum([1.5, MyInt(2)]), sum([2.5, MyInt(2), 1]))
class MyFloat(float):
    def __radd__(self, other):
        return 'MyFloat.__radd__'
print(sum([1.0, MyFloat(2.0)]), sum([1, MyFloat(2.0)]))
# binary + on the start, never +=: the start list is not changed
start = [0]
r = sum([[1], [2, 3]], start)
print(r, start, r is start)
# items are consumed lazily; errors keep their own message
def gen():
    yield 1
    yield 2.5
    yield 'x'
try:
    sum(gen())
except TypeError as e:
    print(type(e).__name__ + ':', e)
try:
    sum([[1]])
except TypeError as e:
    print(type(e).__name__ + ':', e)
try:
    sum(x for x in 5)
except TypeError as e:
    print(type(e).__name__ + ':', e)
for start in ('', 'abc', b'', bytearray(b'x')):
    try:
        sum([], start)
    except TypeError as e:
        print(type(e).__name__ + ':', e)
class S(str):
    pass
try:
    sum([], S('s'))
except TypeError as e:
    print(type(e).__name__ + ':', e)
try:
    sum(5, 'a')   # the iterable is checked before the start
except TypeError as e:
    print(type(e).__name__ + ':', e)
