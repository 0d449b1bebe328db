# gc.collect() returns the number of unreachable objects it found.
import gc
gc.collect()
print(gc.collect())            # nothing left to collect

a, b = [], []
a.append(b)
b.append(a)
del a, b
print(gc.collect())            # two lists in a cycle

lst = []
lst.append(lst)
del lst
print(gc.collect())

d = {}
d['self'] = d
t = ([d],)       # t and the list die by refcounting; only d is left in a cycle
del d, t
print(gc.collect())

class Node:
    __slots__ = ('next',)
x, y, z = Node(), Node(), Node()
x.next, y.next, z.next = y, z, x
del x, y, z
print(gc.collect())            # three slotted objects, no __dict__

print(gc.collect(0) >= 0, gc.collect(1) >= 0, gc.collect(2) >= 0, gc.collect(generation=2) >= 0)
try:
    gc.collect(3)
except ValueError as e:
    print(type(e).__name__ + ':', e)
print(gc.garbage, type(gc.garbage).__name__)
