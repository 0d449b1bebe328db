# CPython's messages for missing and surplus positional arguments.
def show(call):
    try:
        call()
    except TypeError as e:
        print(type(e).__name__ + ':', e)

def one(x): pass
def two(x, y): pass
def three(a, b, c): pass
def four(a, b, c, d): pass
def opt(a, b=1): pass
def none(): pass
def kw(a, *, k): pass
def kw2(a, *, k, j=0): pass

show(lambda: one())
show(lambda: two())
show(lambda: two(1))
show(lambda: three())
show(lambda: four(1))
show(lambda: one(1, 2))
show(lambda: two(1, 2, 3))
show(lambda: none(1))
show(lambda: none(1, 2))
show(lambda: opt())
show(lambda: opt(1, 2, 3))
show(lambda: kw(1, 2, k=3))
show(lambda: kw(1, 2))
show(lambda: kw2(1, 2, 3, k=3, j=4))
show(lambda: (lambda q: q)())

class C:
    def meth(self, a): pass
    @classmethod
    def cm(cls, a): pass
    @staticmethod
    def sm(a): pass
    def outer(self):
        def inner(z): pass
        inner()

show(lambda: C().meth())
show(lambda: C().meth(1, 2))
show(lambda: C.meth())
show(lambda: C.cm())
show(lambda: C.sm())
show(lambda: C().outer())
