# Defaults are evaluated in the enclosing block; lambdas are functions.
def make(n):
    scale = 2
    fs = [lambda x, n=n: x * n * scale for n in range(n)]
    g = lambda *args, k=scale, **kw: (args, k, kw, n)
    h = lambda: lambda: scale
    return fs, g, h


class K:
    base = 10
    adder = lambda self, v=base: v + base   # default sees the class's base, body does not
    nested = lambda: (lambda q: q)


def defaults_with_comprehension(xs, default=[i for i in range(3)], *, kw=lambda: 0):
    return xs, default, kw


key = lambda item, /, *, reverse=False: item
