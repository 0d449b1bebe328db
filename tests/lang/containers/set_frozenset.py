# set and frozenset.
s = {3, 1, 2}
s.add(4); s.add(1); s.discard(10); s.remove(3)
print(sorted(s), len(s), 2 in s, 3 in s, set(), set('aab') == {'a', 'b'}, frozenset([1, 1]))
a, b = {1, 2, 3}, {2, 3, 4}
print(a | b, a & b, a - b, a ^ b, a.union([9]), a.intersection(b, {3}), a.difference(b), a.symmetric_difference(b))
print(a <= b, {2, 3} <= a, {2, 3} < a, a < a, a >= {1}, a > a, a.issubset([1, 2, 3, 4]), a.issuperset([1]), a.isdisjoint({7}))
c = set(a)
c |= {10}; c &= {1, 2, 10}; c -= {1}; c ^= {2, 20}
print(sorted(c))
c.update([5], (6,)); c.intersection_update(range(10)); c.difference_update({5}); c.symmetric_difference_update({6, 7})
print(sorted(c), c.copy() == c, c.copy() is c)
print(c.pop() in range(10), len(c))
c.clear()
print(c, repr(set()), repr(frozenset()), repr({1}), repr(frozenset({1})))
fs = frozenset('abc')
print(sorted(fs), type(fs | {'d'}).__name__, type({'d'} | fs).__name__, fs == {'a', 'b', 'c'}, hash(fs) == hash(frozenset('cba')))
print({fs: 1}[frozenset('abc')], {frozenset(): 0}, frozenset(fs) == fs)
for fn in (lambda: {1}.remove(2), lambda: set().pop(), lambda: {[]}, lambda: {1} + {2}, lambda: fs.add(1),
           lambda: {1} < [1], lambda: set(5), lambda: {{1}}):
    try:
        fn()
    except (KeyError, TypeError, AttributeError) as e:
        print(type(e).__name__ + ':', e)
print({1, 2} == frozenset({1, 2}), {1} | frozenset({2}) == {1, 2}, {1.0, 1, True}, {0, False, 0.0})
# set of a user class using identity
class O: pass
o1, o2 = O(), O()
print(len({o1, o2, o1}))
sset = {x % 3 for x in range(10)}
print(sset, sorted({'b', 'a'}), set([1, 2]) - {2}, max({4, 9, 1}), sum({1, 2, 3}))
