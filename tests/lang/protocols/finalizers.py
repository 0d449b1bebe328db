# __del__ is called when the last reference goes away (refcounting),
# and for unreachable cycles when the collector runs (PEP 442).
import gc

class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('__del__', self.name)

a = Noisy('a')
print('before del')
del a
print('after del')

b = Noisy('b')
b = Noisy('b2')      # rebinding drops the first object
print('rebound')

def scope():
    local = Noisy('local')
    print('leaving scope')
scope()
print('after scope')

lst = [Noisy('in list 1'), Noisy('in list 2')]
lst.pop(0)
print('popped')
lst.clear()
print('cleared')

# cycles are reclaimed by the collector; __del__ still runs once each
# (the order within one cycle is not specified: the names are sorted)
finalized = []
class Quiet:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        finalized.append(self.name)
gc.collect()
x = Quiet('cycle x')
y = Quiet('cycle y')
x.other, y.other = y, x
del x, y
print('cycle unreachable, not yet collected:', finalized)
gc.collect()
print('after collect:', sorted(finalized))

# resurrection: __del__ runs only once
saved = []
class Phoenix:
    def __del__(self):
        print('Phoenix.__del__')
        saved.append(self)
p = Phoenix()
del p
print(len(saved))
saved.clear()
print('cleared again, __del__ not called twice')

# temporaries die at the end of the expression
print(Noisy('temp').name)
print('end of program')
b = None
