# Default values are evaluated once, at definition time.
calls = []
def make(v):
    calls.append(v)
    return v

def f(a=make(1), b=make([])):
    b.append(a)
    return b

print(calls)
print(f(), f(), f(2, []))
print(f.__defaults__)
f.__defaults__ = (10, ['new'])
print(f())
f.__defaults__ = None
try:
    f()
except TypeError as e:
    print(type(e).__name__, e)

x = 5
def g(v=x):
    return v
x = 6
print(g())

def h(a, b=1, *, c=2, d):
    pass
print(h.__defaults__, h.__kwdefaults__)
def nodefaults(a): pass
print(nodefaults.__defaults__, nodefaults.__kwdefaults__)

# lambdas have defaults too (the classic loop capture fix)
fs = [lambda i=i: i * i for i in range(4)]
print([fn() for fn in fs])
