# Errors of f(*x) and f(**x): CPython names the callee as module.qualname().
def show(call):
    try:
        call()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
def f(a=1, b=2, *c, **k): pass
class C:
    def m(self, *a, **k): pass
show(lambda: f(*1))
show(lambda: f(1, *1))
show(lambda: f(*[1], *1))
show(lambda: f(*1, b=2))
show(lambda: f(**1))
show(lambda: f(b=1, **1))
show(lambda: f(**{}, **1))
show(lambda: f(**{1:2}))
show(lambda: f(b=1, **{1:2}))
show(lambda: f(**{'b':1}, b=2))
show(lambda: f(b=2, **{'b':1}))
show(lambda: f(**{'b':1}, **{'b':1}))
show(lambda: print(*1))
show(lambda: print(**1))
show(lambda: print(**{1:2}))
show(lambda: print(**{'a':1}, **{'a':2}))
show(lambda: C().m(*1))
show(lambda: C().m(**{'a':1}, **{'a':2}))
show(lambda: C.m(**{'a':1}, **{'a':2}))
show(lambda: len(**{'a':1}, **{'a':2}))
show(lambda: C(**{'a':1}, **{'a':2}))
show(lambda: C(*1))
show(lambda: (lambda: 0)(*1))
import sys
show(lambda: sys.exit(*1))
show(lambda: [].append(*1))
class CC:
    def __repr__(self): return "<CC>"
    def __call__(self, *a, **k): pass
show(lambda: CC()(*1))
show(lambda: CC()(**{'a':1}, **{'a':2}))
def outer():
    def inner(*a, **k): pass
    return inner
show(lambda: outer()(*1))
show(lambda: f(*None))
show(lambda: f(**None))
class NoIter:
    pass
show(lambda: f(*NoIter()))
class BadIter:
    def __iter__(self): raise TypeError('mine')
show(lambda: f(*BadIter()))
show(lambda: f(1, *BadIter()))
class BadKeys:
    def keys(self): raise TypeError('keys')
show(lambda: f(**BadKeys()))
show(lambda: f(b=1, **BadKeys()))
class BadKeys2:
    def keys(self): raise AttributeError('keys')
show(lambda: f(**BadKeys2()))
class BadGet:
    def keys(self): return ['a']
    def __getitem__(self, k): raise AttributeError(k)
show(lambda: f(**BadGet()))
show(lambda: [*1])
show(lambda: {**1})
show(lambda: (*1,))
show(lambda: {*1})
# f(*x) converts x after the keyword arguments are evaluated
lst = [1]
def g(*a, **k): return a, sorted(k)
print(g(*lst, z=lst.append(2)))
print(g(*lst, **{'q': lst.append(3)}))
