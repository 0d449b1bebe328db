# Slicing sequences, slice objects, slice assignment.
s = 'abcdefgh'
print(s[2:5], s[:3], s[5:], s[-3:], s[:-3], s[::2], s[1::3], s[::-1], s[-2:1:-2])
print(s[100:], s[-100:2], s[5:2], s[2:2])
lst = list(range(10))
print(lst[slice(2, 8, 2)], lst[slice(None)], lst[slice(-3, None)])
print(lst[::-3], lst[8:2:-2], tuple(lst)[1:4], range(10)[2:7:2], b'bytes'[1:3])

# slice objects
sl = slice(1, 10, 2)
print(sl, sl.start, sl.stop, sl.step, sl.indices(5), slice(None, None, -1).indices(4))
print(slice(3), slice(1, 2), slice(3) == slice(None, 3), repr(slice('a', 'b')))
try:
    hash(slice(1, 2))
    print('slices are hashable')
except TypeError as e:
    print(type(e).__name__, e)
try:
    lst[::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    lst['a':]
except TypeError as e:
    print(type(e).__name__, e)

# slice assignment
a = list(range(6))
a[1:3] = ['x', 'y', 'z']
print(a)
a[::2] = [0, 0, 0, 0][:len(a[::2])]
print(a)
a[:] = 'ab'
print(a)
a[1:1] = [9, 9]
print(a)
a[-1:] = []
print(a)
try:
    a[::2] = [1, 2, 3, 4, 5]
except ValueError as e:
    print(type(e).__name__, e)
b = [1, 2, 3]
b[5:] = [4]
print(b)

# __getitem__ receives slice objects, also tuples of them
class Show:
    def __getitem__(self, k):
        return k
sh = Show()
print(sh[1:2], sh[::], sh[1:2, ::3], sh[..., 1], sh[:, None])

# __index__ in slices
class I:
    def __index__(self):
        return 2
print(s[I():], lst[I():I().__index__() + 3], [1, 2, 3][I()])
