# Comprehensions are functions of their own; walrus targets bind outside them.
[last := n for n in range(3)]
total = sum(y for y in range(10) if (seen := y) > 4)


def f(data):
    [(hit := d) for d in data if d]
    return hit


def nested(rows):
    out = [[(cell := v) for v in row] for row in rows]
    return out, cell


def through_lambda(xs):
    return [lambda: (inner := i) for i in xs]


def global_walrus(xs):
    global g
    [(g := x) for x in xs]


def nonlocal_walrus():
    q = 0
    def inner(xs):
        nonlocal q
        [(q := x) for x in xs]
    return inner


def dict_and_set(items):
    d = {k: (last_v := v) for k, v in items}
    s = {(last_k := k) for k, _ in items}
    return d, s, last_v, last_k


async def async_comps(aiter, coro):
    a = [x async for x in aiter]
    b = [await coro(x) for x in range(3)]
    c = (x async for x in aiter)
    return a, b, c


def outer_iter_names(matrix, k):
    # The outermost iterable is evaluated in the enclosing scope; the inner
    # ones in the comprehension.
    return [x * k for row in matrix for x in row if x != k]


class InClass:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]           # items: evaluated in the class scope
    pairs = [(i, j) for i in items for j in items]   # the second `items` is global
    gen = (i for i in range(3))
