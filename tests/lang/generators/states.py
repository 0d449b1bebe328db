# Generator states, frames and reentrancy.
def gen():
    print('running:', g.gi_running)
    yield 1
    yield 2

g = gen()
print(g.gi_running, g.gi_frame is not None, g.gi_suspended if hasattr(g, 'gi_suspended') else '-')
print(g.gi_code.co_name, g.gi_yieldfrom)
next(g)
print(g.gi_frame.f_lineno)
list(g)
print(g.gi_frame)

def delegate():
    yield from inner_gen
inner_gen = (i for i in range(3))
d = delegate()
next(d)
print(d.gi_yieldfrom is inner_gen)

# a generator is not reusable; generator functions make new ones
def numbers():
    yield from range(3)
print(list(numbers()), list(numbers()))
n = numbers()
print(list(n), list(n))

# generators can be nested in methods and capture self
class Tree:
    def __init__(self, value, *children):
        self.value, self.children = value, children
    def __iter__(self):
        yield self.value
        for c in self.children:
            yield from c
t = Tree(1, Tree(2, Tree(3)), Tree(4))
print(list(t))
import sys
print(sys.getrecursionlimit() > 0)
