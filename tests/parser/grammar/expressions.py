# Expression forms and their positions, compared with CPython by
# tests/parser/differential.py --root tests/parser/grammar.
a = (b) + c
d = (e)(f)[g].h
x = -1 ** -2 ** ~3
y = not a < b <= c is not d in e not in f
z = a if b else c if d else e
w = lambda: 0
v = lambda a, /, b=1, *c, d, e=2, **f: (a, b, c, d, e, f)
u = lambda *, k: k
t = [*a, *b], (*c,), {*d}, {**e, 'k': 1, **f}
s = [i for i in range(3) if i if not i for j in i]
r = {k: v for k, v in d.items()}
q = (x async for x in y)
p = await z if False else None
o = x[1:2, ::3, ...], x[:], x[a:b:c], x[*a], x[1:2,], x[()]
n = f(a)(b)(c), f(*a, *b, **c, **d), f(a for a in b), f(x=1, *y, z=2)
m = (yield), (yield a, b), (yield from c)
l = a @ b // c % d << e >> f & g ^ h | i
k = 1_000_000 + 0x_ff + 0o17 + 0b1010 + 1e10 + 1.5j + 0.5e-3 + 00 + 0_0
j = 123456789012345678901234567890 * 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFF
i = 'a' "b" '''c''' """d""" r'\e' u'x' R'y', b'\x00' rb'\1' BR"z"
h = f'{a!r:>{w}.{p}}' f"{b=}" f'{c = !s:^10}' F'{{}}' rf'\{d}' f'{e:{f}}'
g = (x := 10), [y := 1, y**2], f(z := 3)
ff = x if (y := 0) else z
ee = a.b.c.d.e.f
dd = ... ; cc = None; bb = True; aa = False
