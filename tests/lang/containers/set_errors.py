# set/frozenset methods, messages and the set-as-frozenset lookups.
def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = {1, 2}
for f in (lambda: s.remove(5), lambda: set().pop(), lambda: s.pop(1), lambda: s.add(),
          lambda: s.issubset(), lambda: frozenset().__reduce__(1), lambda: s.union(x=1),
          lambda: set([1], x=2), lambda: set(1, 2), lambda: frozenset(1, 2), lambda: frozenset([], x=1),
          lambda: set(5), lambda: {[]}, lambda: {1} < [1], lambda: {1} | [2], lambda: s - [1],
          lambda: hash(set()), lambda: s.symmetric_difference(), lambda: {1} & 5,
          lambda: {1}.intersection([1, []]), lambda: {1}.intersection([[], 1]),
          lambda: {1}.isdisjoint(5), lambda: {1}.issuperset(5)):
    attempt(f)
# a set key is looked up as the equal frozenset
fz = frozenset([1, 2])
ss = {fz, 3}
print({2, 1} in ss, [] in ss if False else None, ss.discard({1, 2}), ss)
ss.add(fz)
ss.remove({2, 1})
print(ss)
attempt(lambda: [] in ss)
attempt(lambda: ss.remove({9}))
# comparisons
a = {1, 2, 3}
print(a == frozenset(a), a != {1, 2}, a <= a, a < a, a >= {1}, a > {1}, {1} <= [1] if False else None)
print(a.issubset(range(5)), a.issuperset([1, 2]), a.isdisjoint([4, 5]), a.isdisjoint(a), set().isdisjoint(set()))
print(frozenset(a) == a, frozenset([]) == set(), {1, 2} == {1, 2.0})
# copies
f = frozenset([1])
print(frozenset(f) is f, f.copy() is f, set(f) == f, type(f | {2}).__name__, type({2} | f).__name__)
s2 = set([1])
print(s2.copy() is s2, s2.copy() == s2, s2.__reduce__(), f.__reduce__())
# iterator
it = iter({1, 2, 3})
print(next(it), it.__length_hint__(), it.__reduce__())
s3 = {1, 2, 3}
it = iter(s3)
next(it)
s3.add(4)
attempt(lambda: next(it))
s3.discard(4)
attempt(lambda: next(it))
attempt(lambda: list(it))
print(type(iter(set())).__name__)
# __init__ refills; update with many iterables
s4 = {9}
s4.__init__([1, 2])
print(s4, s4.update(), s4.update([3], (4,), {5: 0}), s4)
print(set.__class_getitem__ is not None, repr(set()), repr(frozenset()), repr({1}), repr(frozenset({1})))
