z = zip([1, 2, 3], "abc")
a = next(z); b = next(z)
print(a, b, a is b)
print(list(zip(range(3), range(3))))
print(dict(zip("xyz", [1, 2, 3])))
for p, q in zip([1, 2], [3, 4]):
    print(p, q)
keep = [t for t in zip("ab", "cd")]
print(keep)
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print(e)
