# Plain positional and keyword arguments, defaults, and binding order.
def f(a, b, c=3, d=4):
    return (a, b, c, d)

print(f(1, 2))
print(f(1, 2, 5))
print(f(1, 2, d=7))
print(f(b=9, a=8))
print(f(1, c=10, b=20))
print(f(*[1, 2, 3, 4]))
print(f(1, *(2,), **{'d': 0}))

def g(x, y=None):
    if y is None:
        y = []
    y.append(x)
    return y

print(g(1), g(2), g(3, [0]))

def h(a, b=2, *rest, c, d=5, **kw):
    return a, b, rest, c, d, sorted(kw.items())

print(h(1, c=3))
print(h(1, 2, 3, 4, c=5, e=6, f=7))
print(h(c=0, a=-1, z=1))

# the name of a keyword argument can be any str, even a non-identifier
def k(**kw):
    return kw
print(k(**{'not an identifier': 1, '2': 2}))
print(k(a=1, **{'b': 2}, c=3))
