# *args / **kwargs collection and f(*a, **k) unpacking.
def f(*args, **kwargs):
    return args, kwargs

print(f())
print(f(1, 2))
print(f(a=1))
print(f(*range(3), *'ab', 9, **{'x': 1}, y=2, **{'z': 3}))
print(f(*[], **{}))

def gen():
    yield 1
    yield 2
print(f(*gen()))
print(f(*{'k': 'v'}))

# *args is always a tuple, **kwargs always a fresh dict
d = {'p': 1}
args, kw = f(**d)
kw['q'] = 2
print(type(args).__name__, d, kw)

def g(a, b, c):
    return a * 100 + b * 10 + c
print(g(*(1, 2), 3), g(1, *[2, 3]), g(*b'\x01\x02', *[3]))
print(g(c=3, *(1, 2)))

# keyword order is the call order
def order(**kw):
    return list(kw)
print(order(z=1, a=2, m=3, **{'b': 4}, c=5))

# starred and keywords in class instantiation and method calls
class P:
    def __init__(self, *a, **k):
        self.a, self.k = a, k
p = P(*[1, 2], flag=True)
print(p.a, p.k)
print(max(*[3, 1, 2]), min(*'zyx'), ' '.join([*'abc']))
