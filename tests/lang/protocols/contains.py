# The `in` operator: __contains__, then __iter__, then __getitem__.
class WithContains:
    def __contains__(self, x):
        print('__contains__', x)
        return x == 'yes'
class WithIter:
    def __iter__(self):
        print('__iter__')
        return iter([1, 2, 3])
class WithGetitem:
    def __getitem__(self, i):
        if i > 2:
            raise IndexError
        return i
print('yes' in WithContains(), 'no' in WithContains(), 'no' not in WithContains())
print(2 in WithIter(), 5 in WithIter())
print(2 in WithGetitem(), 7 in WithGetitem())

# the result is converted to bool
class Truthy:
    def __contains__(self, x):
        return [x]
print(1 in Truthy(), 1 not in Truthy())

# errors
class Nothing:
    pass
for c in (Nothing(), 5, None):
    try:
        1 in c
    except TypeError as e:
        print(type(e).__name__, e)
class NoContains:
    __contains__ = None
    def __iter__(self):
        return iter([1])
try:
    1 in NoContains()
except TypeError as e:
    print(type(e).__name__, e)

# built-in containers
print('b' in 'abc', 'bc' in 'abc', '' in 'abc', b'a' in b'abc', 97 in b'abc')
print(1 in [1.0], 3 in range(0, 10, 3), 4 in range(0, 10, 3), 'k' in {'k': 1}, 1 in {'k': 1})
print((1, 2) in [(1, 2)], [1] in [[1]], 1 in {1, 2}, 'x' in frozenset('xyz'))
try:
    [] in {1}
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 in 'abc'
except TypeError as e:
    print(type(e).__name__, e)
try:
    'a' in b'abc'
except TypeError as e:
    print(type(e).__name__, e)
print([] in {1: 2}.values())
