# Set iteration order is CPython's slot order: int sets built by each
# algorithm (which operand is walked, presizing, shrinking) print the same.
a = {16, 0, 1, 2, 3}
b = {32, 0, 48, 5}
print(a, b, a | b, b | a, a & b, b & a)
print(a - b, b - a, a ^ b, b ^ a)
print(a.union([64, 80, 7], range(100, 104)), a.intersection([3, 2, 16, 99, 1, 0]))
print(a.difference([1], {1, 2}), a.symmetric_difference([5, 3, 40, 24]))
# set from a dict is presized from its length; from a keys view it is not
d = dict.fromkeys([16, 0, 1, 2, 3])
print(set(d), set(d.keys()), set(d.items()) == {(k, None) for k in d})
# difference_update shrinks a table left mostly empty, but not a quarter-empty one
big = set(range(40))
big -= set(range(5, 35))
print(big, len(big), big.__sizeof__())
c = set(range(20))
c -= set(range(3, 20))
print(c, c.__sizeof__())
c2 = set(range(20))
c2.difference_update(range(2, 20))
print(c2, c2.__sizeof__(), set().__sizeof__(), set(range(5)).__sizeof__())
# pop() walks from where it stopped
p = set(range(100))
for i in range(30):
    p.discard(i * 3)
print(p.pop(), p.pop(), p.pop(), len(p), p.__sizeof__())
q = set(range(10))
print(q.pop(), q.pop(), q.add(0), q.pop(), q)
# in-place operators
s = set(range(10))
s &= {100, 2, 3}
print(s)
s ^= {100, 7, 3}
print(s)
s |= frozenset({40, 8})
print(s)
s6 = set(range(6))
s6.intersection_update([5, 4, 3, 2, 99], [4, 2])
print(s6)
sx = set(range(10))
sx.symmetric_difference_update({1: 0, 50: 0, 2: 0})
print(sx, sx.difference({1: 0, 50: 0, 3: 0}))
dup = set()
dup.update({1: 10, 2: 20, 8: 80}, {16: 0, 0: 1, 98: 2})
print(dup)
# frozenset results and hashes
print(frozenset(range(3)) & frozenset(range(2, 5)), frozenset(range(3)) ^ frozenset(range(2, 5)))
print(hash(frozenset()), hash(frozenset([1, 2, 3])), hash(frozenset(range(100))))
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])), {frozenset(): 'empty'})
print({1.0, 1, True}, {0, False, 0.0}, {-1, -2, 2**61 - 1, 2**61})
