# list.sort picks a comparison by the kind of its keys; every kind must sort
# as CPython's `<` does, with the same stability and errors.
import_free = True
print(sorted([3, -1, 2**40, -2**47, 0, 7, 3]))
print(sorted([2.5, -0.0, 0.0, float("inf"), -1e300, 1.5]))
nan = float("nan")
print(sorted([3.0, nan, 1.0, 2.0]))           # NaN compares false both ways
print(sorted(["b", "a", "", "ab", "é", "z", "B", "😀", "aa"]))
print(sorted([(1, "b"), (1, "a"), (0, "z"), (1,), (1, "a", 0), ()]))
print(sorted([(1, 2.5), (1, 2), (1, 2.0), (0, [1])]))
print(sorted([(1, [2]), (1, [1, 5]), (0, [9])]))
print(sorted([("x", 1), ("x", 1.5), ("w", 3)], reverse=True))
print(sorted([3, 1.5, 2, True]))              # mixed: the generic path
pairs = [(k % 3, i) for i, k in enumerate([5, 3, 8, 1, 9, 2, 7])]
print(sorted(pairs, key=lambda p: p[0]))       # stable on equal keys
print(sorted(range(10), key=lambda i: -i % 4))
words = ["pear", "Apple", "fig", "apple", "Fig"]
print(sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
for bad in ([(1, "a"), (1, 2)], [1, "a"], [(1, 2), (1, None)], [[1], (1,)]):
    try:
        sorted(bad)
    except TypeError as e:
        print("TypeError:", e)


class K:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print("lt", self.v, other.v)
        return self.v < other.v

    def __eq__(self, other):
        print("eq", self.v, other.v)
        return self.v == other.v

    __hash__ = None

    def __repr__(self):
        return "K(%r)" % self.v


print(sorted([(1, K(2)), (1, K(1)), (0, K(3))]))
print(sorted([K(2), K(1)]))
big = [2**100, 5, -2**100]
print(sorted(big), sorted(big, reverse=True))
