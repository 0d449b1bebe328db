# set and frozenset subclasses: reprs, result types, constructors, pickling state.
class MySet(set):
    pass

class MyFrozen(frozenset):
    pass

class Kw(frozenset):
    def __init__(self, *args, **kwargs):
        self.kw = kwargs

s = MySet([3, 1])
print(s, repr(MySet()), MyFrozen([2]), repr(MyFrozen()))
print(type(s | {5}).__name__, type(s.copy()).__name__, type(s - {1}).__name__, type(MyFrozen([1]) & {1}).__name__)
print(type(MyFrozen([1]).copy()).__name__, MyFrozen([1]).copy() == {1})
k = Kw([1], x=2)
print(k, k.kw)
for f in (lambda: MySet([1], x=2), lambda: MySet(1, 2), lambda: MyFrozen([1], x=2), lambda: MyFrozen(1, 2)):
    try:
        f()
    except TypeError as e:
        print(type(e).__name__, e)
s.attr = 1
print(s.__reduce__(), MySet([2]).__reduce__())
mf = MyFrozen([1, 2])
print(hash(mf) == hash(frozenset([1, 2])), mf == {1, 2}, {mf: 1}[frozenset([2, 1])])

# recursion guard in repr
class Node:
    def __init__(self, s):
        self.s = s
    def __repr__(self):
        return 'Node(%r)' % (self.s,)
    def __hash__(self):
        return 1

r = MySet()
r.add(Node(r))
print(r)
# __iter__ of a subclass decides what repr shows
class Odd(set):
    def __iter__(self):
        return iter([99])
print(Odd([1]), len(Odd([1, 2])))
