# lambda expressions.
sq = lambda x: x * x
print(sq(7), sq.__name__, (lambda: 'immediate')(), (lambda *a, **k: (a, k))(1, b=2))
print((lambda a, b=2, *, c=3: a + b + c)(1), (lambda a, /, b: a - b)(5, b=2))
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print(sorted(['bb', 'a', 'ccc'], key=lambda s: -len(s)), list(filter(lambda v: v % 2, range(6))))
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))
print((lambda: (yield 1))().__class__.__name__, list((lambda: (yield 5))()))
y = 10
capture = lambda: y
y = 20
print(capture())
print((lambda x: (lambda: x)())(3), (lambda: lambda: 'nested')()())
print(type(sq).__name__, sq.__code__.co_argcount, sq.__defaults__, repr(sq).startswith('<function <lambda> at'))
try:
    (lambda x: x)()
except TypeError as e:
    print(type(e).__name__, e)
