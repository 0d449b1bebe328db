# gc.collect() counts: instances in a cycle count once each (their
# attribute storage is not a separate object, as in CPython 3.11).
import gc
gc.collect()

class Node:
    def __init__(self, name):
        self.name = name
        self.ref = None

a, b = Node('a'), Node('b')
a.ref, b.ref = b, a
del a, b
print(gc.collect())

ring = [Node(str(i)) for i in range(5)]
for i, n in enumerate(ring):
    n.ref = ring[(i + 1) % 5]
del ring, n
print(gc.collect())

x = Node('self')
x.ref = x
del x
print(gc.collect())

# nothing is found twice
print(gc.collect())

# objects reachable from a live name survive
keep = Node('keep')
keep.ref = keep
print(gc.collect(), keep.ref is keep)

# get_stats() accumulates per generation
stats = gc.get_stats()
before = stats[2]['collected'], stats[2]['collections']
y = []
y.append(y)
del y
print(gc.collect(), len(stats), sorted(stats[2]))
after = gc.get_stats()[2]
print(after['collected'] - before[0], after['collections'] - before[1], after['uncollectable'])
