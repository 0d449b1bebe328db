# __len__, __getitem__, __setitem__, __delitem__ on a user container.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __len__(self):
        return self.w * self.h
    def _check(self, key):
        if not isinstance(key, tuple) or len(key) != 2:
            raise TypeError(f'grid indices must be pairs, not {type(key).__name__}')
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f'{key} out of range')
    def __getitem__(self, key):
        self._check(key)
        return self.cells.get(key, '.')
    def __setitem__(self, key, value):
        self._check(key)
        self.cells[key] = value
    def __delitem__(self, key):
        self._check(key)
        self.cells.pop(key, None)
    def __str__(self):
        return '\n'.join(''.join(self[x, y] for x in range(self.w)) for y in range(self.h))

g = Grid(4, 2)
g[0, 0] = '#'
g[3, 1] = '@'
g[1, 1] = '+'
del g[1, 1]
print(g)
print(len(g), bool(g))
for bad in [(9, 9), 5, (1,)]:
    try:
        g[bad]
    except (TypeError, IndexError) as e:
        print(type(e).__name__, e)

# built-in types without those methods
def show(fn):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__, e)
five, a_set, nothing = 5, {1}, None
show(lambda: five[0])
show(lambda: len(five))
def setitem(): (1, 2)[0] = 5
show(setitem)
def set_str(): 'abc'[0] = 'x'
show(set_str)
show(lambda: a_set[0])
show(lambda: nothing[0])
lst, s = [1], 'abc'
show(lambda: lst[None])
show(lambda: lst['0'])
show(lambda: s[1.0])
show(lambda: {}[[]])
try:
    [1, 2][5]
except IndexError as e:
    print(type(e).__name__, e)
try:
    'ab'[-3]
except IndexError as e:
    print(type(e).__name__, e)
try:
    (1,)[2]
except IndexError as e:
    print(type(e).__name__, e)
def assign_out_of_range():
    lst = [1]
    lst[3] = 0
try:
    assign_out_of_range()
except IndexError as e:
    print(type(e).__name__, e)
