e = enumerate("abc")
a = next(e); b = next(e)
print(a, b, a is b)
print(list(enumerate("xy", 5)))
for i, c in enumerate("hi"):
    print(i, c)
pairs = [p for p in enumerate([7, 8])]
print(pairs, dict(enumerate("ab")))
e = enumerate(range(3), 2**70)
print(next(e), next(e))
