# Comprehensions run in their own scope.
i = 'unchanged'
squares = [i * i for i in range(4)]
print(squares, i)
print({i: i for i in 'ab'}, {i for i in (1, 1)}, i)
print(list(i for i in range(2)), i)

# the first iterable is evaluated in the enclosing scope, immediately
def f():
    data = [1, 2, 3]
    g = (x * 10 for x in data)
    data = None
    return list(g)
print(f())

# later iterables and conditions are evaluated lazily, inside
def h():
    n = 2
    g = (x + y for x in range(2) for y in range(n))
    n = 3
    return list(g)
print(h())

# walrus binds in the enclosing function scope
def w():
    total = 0
    vals = [total := total + v for v in range(5)]
    return vals, total
print(w())
if any((hit := v) > 2 for v in [1, 2, 3, 4]):
    print('first over 2:', hit)

# nested comprehensions
print([[r * c for c in range(3)] for r in range(3)])
print([(a, b) for a in range(3) for b in range(a)])
print([x for row in [[1, 2], [3]] for x in row if x != 2])

# closures in a comprehension each see the final value of its variable
fs = [lambda: n for n in range(3)]
print([fn() for fn in fs])

# a comprehension can read names of the enclosing function
def scale(k):
    return [k * v for v in range(3)]
print(scale(5))

# generator expression variables do not leak either
try:
    print(y)
except NameError as e:
    print(type(e).__name__, e)
