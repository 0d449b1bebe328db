# types.MappingProxyType: a read-only view that forwards to its mapping.
import collections
import types

MP = types.MappingProxyType


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


d = {'a': 1, 'b': 2}
m = MP(d)
print(m, str(m), type(m).__name__, MP.__name__, MP.__module__)
print(m['a'], len(m), list(m), 'a' in m, 'z' in m, list(reversed(m)))
show(lambda: m['z'])
show(lambda: [] in m)
print(m.get('a'), m.get('z'), m.get('z', 5))
print(m.keys(), m.values(), m.items())
copy = m.copy()
print(copy, copy is d, type(copy).__name__)

# a live view: changes to the mapping show through
d['c'] = 3
print(m, len(m), m.get('c'))
del d['c']

# nothing writes
def setitem():
    m['a'] = 5
def delitem():
    del m['a']
def ior():
    global m
    m |= {'x': 1}
show(setitem)
show(delitem)
show(ior)
show(lambda: setattr(m, 'x', 1))
show(lambda: m.__dict__)
show(lambda: hash(m))
print(d)

# comparisons and | go to the mapping
print(m == d, m != d, m == MP(d), m == {'a': 1}, m == 5)
show(lambda: m < d)
show(lambda: m > m)
print(m | {'c': 3}, {'c': 3} | m, m | MP({'z': 0}))
show(lambda: m | 1)
show(lambda: 1 | m)

# method arguments
show(lambda: m.get())
show(lambda: m.get(1, 2, 3))
show(lambda: m.get(key='a'))
show(lambda: m.keys(1))
show(lambda: m.copy(1, 2))
show(lambda: m.items(x=1))

# construction
show(lambda: MP())
show(lambda: MP(d, d))
show(lambda: MP(mapping=d))
show(lambda: MP(d, mapping=d))
show(lambda: MP(foo=d))
show(lambda: MP([]))
show(lambda: MP((1, 2)))
show(lambda: MP(1))
show(lambda: MP(None))
show(lambda: MP(m))
show(lambda: MP('abc'))
show(lambda: MP(collections.OrderedDict(x=1)))
show(lambda: MP(collections.defaultdict(int))['missing'])
show(lambda: MP.__new__(MP, {'n': 1}))
try:
    class Sub(MP):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# any object with __getitem__ is accepted; the rest is looked up on it
class OnlyGetitem:
    def __getitem__(self, key):
        return key * 2
g = MP(OnlyGetitem())
print(g['ab'])
show(lambda: len(g))
show(lambda: g.get('x'))
show(lambda: g.keys())
show(lambda: g.copy())
show(lambda: g.__reversed__())
show(lambda: g | {})

class Custom(dict):
    def __contains__(self, key):
        return True
    def get(self, *args):
        return ('Custom.get', args)
    def keys(self):
        return ['custom keys']
    def copy(self):
        return 'custom copy'
c = MP(Custom(a=1))
print(5 in c, c.get('a'), c.get('a', 0), c.keys(), c.copy())

# recursive repr
rec = {}
rec['self'] = MP(rec)
print(rec)

# class namespaces are proxies
class K:
    attr = 1
ns = K.__dict__
print(type(ns).__name__, type(int.__dict__).__name__, ns['attr'], 'attr' in ns)
show(lambda: ns.__setitem__)
def set_ns():
    K.__dict__['attr'] = 2
show(set_ns)
K.attr = 3
print(ns['attr'], ns == {**ns})
print(sorted(k for k in int.__dict__ if k in ('__add__', 'bit_length', 'real')))

# generic alias
print(MP[int], MP[str, int])
show(lambda: MP.__class_getitem__())
show(lambda: MP.__class_getitem__(1, 2))
