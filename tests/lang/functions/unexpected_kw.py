# Unknown keywords, duplicated values and bad keyword unpacking.
def show(call):
    try:
        call()
    except TypeError as e:
        print(type(e).__name__ + ':', e)

def f(a, b=2): pass
def g(a, **kw): return kw

show(lambda: f(1, c=3))
show(lambda: f(1, a=3))
show(lambda: f(1, 2, b=3))
show(lambda: f(**{'a': 1, 'zz': 2}))
show(lambda: f(1, **{'b': 1}, **{'b': 2}))
show(lambda: f(*1))
show(lambda: f(**[1]))
show(lambda: f(**{1: 2}))
show(lambda: g(1, **{'a': 2}))
show(lambda: g(1, a=2))
print(g(1, b=2))

class K:
    def method(self, x): pass
show(lambda: K().method(y=1))
show(lambda: K().method(1, x=1))

def outer():
    def inner(p): pass
    return inner
show(lambda: outer()(q=0))

# dict subclasses and mappings work after **
class M:
    def keys(self): return ['x', 'y']
    def __getitem__(self, k): return k.upper()
print(g(0, **M()))
show(lambda: g(0, **M(), x=1))
