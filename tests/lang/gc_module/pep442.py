# PEP 442 in the collector: __del__ of objects in cycles runs once, objects a
# finalizer resurrects survive, weak-reference callbacks run when the
# collector frees their referent, gc.callbacks see start and stop.
import gc
import _weakref
from _weakrefset import WeakSet

gc.collect()
log = []

class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
    def __del__(self):
        log.append('del ' + self.name)

a, b = Node('a'), Node('b')
a.peer, b.peer = b, a
ra = _weakref.ref(a, lambda r: log.append('callback a'))
del a, b
print(log)
gc.collect()
print(sorted(log), ra())
log.clear()

# resurrection: the finalizer stores the object; it survives the collection
saved = []
class Phoenix:
    def __init__(self):
        self.me = self
    def __del__(self):
        log.append('phoenix del')
        saved.append(self)
Phoenix()
gc.collect()
print(log, len(saved), gc.is_finalized(saved[0]))
# once resurrected and dropped again, __del__ does not run a second time
saved.clear()
gc.collect()
print(log)
log.clear()

# gc.callbacks receive the phase and an info dict
def cb(phase, info):
    log.append((phase, info['generation'], info['collected'] >= 0, info['uncollectable']))
gc.callbacks.append(cb)
x = []
x.append(x)
del x
print(gc.collect(1) >= 1)
gc.callbacks.remove(cb)
print(log)
log.clear()

# weak references: shared plain references, callbacks in newest-first order
class Obj:
    pass
o = Obj()
r1 = _weakref.ref(o)
r2 = _weakref.ref(o)
print(r1 is r2, _weakref.getweakrefcount(o))
c1 = _weakref.ref(o, lambda r: log.append('c1'))
c2 = _weakref.ref(o, lambda r: log.append('c2'))
print(_weakref.getweakrefcount(o), _weakref.getweakrefs(o)[0] is r1)
print(c1.__callback__ is not None, r1.__callback__)
del o
print(log, r1(), c1(), c2())
log.clear()

# proxies forward attribute access and calls
class Callable:
    value = 7
    def __call__(self, x):
        return x * 2
c = Callable()
p = _weakref.proxy(c)
print(p.value, p(21), type(p).__name__, callable(p))
p.value = 8
print(c.value)
del c
try:
    p(1)
except ReferenceError as e:
    print('ReferenceError:', e)

# WeakSet from _weakrefset
items = [Obj() for _ in range(3)]
ws = WeakSet(items)
print(len(ws))
items.pop()
print(len(ws))
items[0].cycle = items[0]
items.clear()
gc.collect()
print(len(ws))

# classes can be weakly referenced and collected
def make_class():
    class Temp:
        pass
    return _weakref.ref(Temp)
rc = make_class()
gc.collect()
print(rc())
