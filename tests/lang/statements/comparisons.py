# Chained comparisons evaluate each operand once and short-circuit.
def v(x):
    print('eval', x)
    return x

print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 >= 2 == 2 != 1)
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
print(1 < 2 > 1, 'a' < 'b' <= 'b')
x = 5
print(0 <= x < 10, 0 < x == 5 > 4 < x is not None)
print(1 in [1, 2] in [[1, 2]], 1 in [1] not in [[2]])
print(None is None is not False)

# chained comparison result is the last failing/last value of the chain
class Weird:
    def __init__(self, name):
        self.name = name
    def __lt__(self, other):
        return f'{self.name}<{other.name}'
a, b, c = Weird('a'), Weird('b'), Weird('c')
print(a < b < c)
print(a < b)

# comparisons between different types
for l, r in [(1, 1.0), (1, True), (0, False), ('1', 1), (None, 0), ((1, 2), [1, 2]),
             (1.5, 3 / 2), (float('nan'), float('nan')), ([1, 2], [1, 2]), ((), ())]:
    print(repr(l), repr(r), l == r, l != r)

def show(fn):
    try:
        print(fn())
    except TypeError as e:
        print(type(e).__name__, e)
show(lambda: 1 < 'a')
show(lambda: [1] < (1,))
show(lambda: None < None)
show(lambda: {} <= {})
show(lambda: 1j < 2j)
show(lambda: object() > object())
print([1, 2] < [1, 2, 0], (1, 'a') < (1, 'b'), 'abc' < 'abd', [3] > [2, 9])
print({1, 2} < {1, 2, 3}, {1} <= {1}, frozenset({1}) == {1})
