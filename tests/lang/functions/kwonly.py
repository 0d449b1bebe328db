# Keyword-only parameters, with and without defaults.
def f(a, *, b, c=3):
    return a, b, c

print(f(1, b=2))
print(f(1, c=0, b=2))
for call in (lambda: f(1), lambda: f(1, 2), lambda: f(1, 2, b=3), lambda: f()):
    try:
        call()
    except TypeError as e:
        print(type(e).__name__, e)

def g(*, x, y, z):
    return x + y + z

print(g(z=1, y=2, x=3))
try:
    g()
except TypeError as e:
    print(type(e).__name__, e)
try:
    g(x=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    g(1, 2, 3)
except TypeError as e:
    print(type(e).__name__, e)

def h(*args, key=None):
    return args, key
print(h(1, 2, key=3))
print(h.__kwdefaults__)
h.__kwdefaults__ = {'key': 'changed'}
print(h(0))
print(f.__kwdefaults__)
