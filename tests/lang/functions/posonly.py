# Positional-only parameters (PEP 570).
def f(a, b, /, c, *, d):
    return a, b, c, d

print(f(1, 2, 3, d=4))
print(f(1, 2, c=3, d=4))

try:
    f(1, b=2, c=3, d=4)
except TypeError as e:
    print(type(e).__name__, e)

try:
    f(a=1, b=2, c=3, d=4)
except TypeError as e:
    print(type(e).__name__, e)

# a positional-only name may also arrive in **kwargs
def g(name, /, **kw):
    return name, kw

print(g('x', name='y'))

def h(a, b=10, /, c=20):
    return a, b, c

print(h(1))
print(h(1, 2))
print(h(1, 2, 3))
print(h(1, c=5))
try:
    h()
except TypeError as e:
    print(type(e).__name__, e)
try:
    h(1, 2, 3, 4)
except TypeError as e:
    print(type(e).__name__, e)

print(f.__code__.co_posonlyargcount, f.__code__.co_argcount, f.__code__.co_kwonlyargcount)

class C:
    def m(self, x, /):
        return x
try:
    C().m(x=1)
except TypeError as e:
    print(type(e).__name__, e)
