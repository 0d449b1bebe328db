# sorted(), dir() and vars() with an argument, and the remaining attribute functions.
data = [('b', 2), ('a', 2), ('c', 1)]
print(sorted(data), sorted(data, key=lambda p: p[1]), sorted(data, key=lambda p: p[1], reverse=True))
print(sorted('hello'), sorted({3: 'x', 1: 'y'}), sorted(x * x for x in (-3, 1, 2)), sorted([], reverse=True))
src = [3, 1, 2]
out = sorted(src)
print(out, src, out is src, sorted((1, 2)).__class__.__name__)
for fn in (lambda: sorted(1), lambda: sorted([1, 'a']), lambda: sorted([], reverse='a'),
           lambda: sorted([], key=None, reverse=None), lambda: sorted([2, 1], key=5)):
    try:
        print(fn())
    except TypeError as e:
        print(type(e).__name__ + ':', e)
print(sorted([2, 1], reverse=0), sorted([2, 1, 3], reverse=5))
class P:
    a = 1
    def __init__(self):
        self.z = 26
        self.b = 2
print(vars(P())['z'], sorted(vars(P())), 'a' in vars(P), type(vars(P)).__name__)
import types
ns = types.SimpleNamespace(x=1)
print(vars(ns))
for obj in (1, 'text', [], None):
    try:
        vars(obj)
    except TypeError as e:
        print(type(e).__name__ + ':', e)
class D:
    def __dir__(self):
        return ('b', 'a', 'c')
print(dir(D()), type(dir(D())).__name__)
class DGen:
    def __dir__(self):
        return iter(['y', 'x'])
print(dir(DGen()))
class DMixed:
    def __dir__(self):
        return ['a', 1]
try:
    dir(DMixed())
except TypeError as e:
    print(type(e).__name__ + ':', e)
print([n for n in dir(P()) if not n.startswith('_')], dir(1) == sorted(dir(1)))
# the name must be a str for every attribute function
for fn in (lambda: getattr(1, 2), lambda: getattr(1, 2, 3), lambda: hasattr(1, 2), lambda: setattr(1, 2, 3), lambda: delattr(1, 2)):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
class Q:
    def __getattr__(self, name):
        if name == 'boom':
            raise ValueError('boom')
        raise AttributeError(name)
q = Q()
print(getattr(q, 'missing', 'dflt'), hasattr(q, 'missing'))
for fn in (lambda: getattr(q, 'boom', 1), lambda: hasattr(q, 'boom')):
    try:
        fn()
    except ValueError as e:
        print(type(e).__name__ + ':', e)
print(setattr(q, 'v', 1), q.v, delattr(q, 'v'), hasattr(q, 'v'))
try:
    setattr(1, 'x', 3)
except AttributeError as e:
    print(type(e).__name__ + ':', e)
