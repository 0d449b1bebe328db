# __hash__ and __eq__: hashability rules.
class EqOnly:
    def __eq__(self, o):
        return True
print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print(type(e).__name__, e)
try:
    {EqOnly()}
except TypeError as e:
    print(type(e).__name__, e)

class Both:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return isinstance(o, Both) and self.k == o.k
    def __hash__(self):
        return hash(self.k)
s = {Both(1), Both(1), Both(2)}
print(len(s), Both(1) in s, {Both(3): 'x'}[Both(3)])

class Inherits(Both):
    pass
print(hash(Inherits(5)) == hash(5))

class OverridesEq(Both):
    def __eq__(self, o):
        return False
print(OverridesEq.__hash__)

class ExplicitNone:
    __hash__ = None
try:
    hash(ExplicitNone())
except TypeError as e:
    print(type(e).__name__, e)

class BadHash:
    def __hash__(self):
        return 'not an int'
try:
    hash(BadHash())
except TypeError as e:
    print(type(e).__name__, e)

class BigHash:
    def __hash__(self):
        return 2 ** 100
print(hash(BigHash()) == hash(2 ** 100))

# built-in hash invariants
print(hash(1) == hash(1.0) == hash(True), hash(-1), hash(-2), hash(0), hash(0.0), hash(-0.0))
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)), hash(1.5), hash(float('inf')), hash(-float('inf')))
print(hash((1, 2)) == hash((1, 2)), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
print(hash(1 + 0j) == hash(1), hash(None) == hash(None), hash('abc') == hash('abc'))
print(hash(()) == hash(()), hash(range(3)) == hash(range(3)))
for unhashable in ([], {}, set(), bytearray(), slice(1)):
    try:
        hash(unhashable)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    hash(([1], 2))
except TypeError as e:
    print(type(e).__name__, e)
# equal keys of different types share a dict slot
d = {1: 'int'}
d[1.0] = 'float'
d[True] = 'bool'
print(d)
