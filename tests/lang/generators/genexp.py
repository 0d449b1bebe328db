# Generator expressions.
g = (x * x for x in range(5))
print(type(g).__name__, g.__name__)
print(next(g), next(g), list(g), list(g))

print(sum(x for x in range(101)))
print(max((len(w), w) for w in 'the quick brown fox'.split()))
print(list(x for x in range(20) if x % 3 == 0 if x % 2 == 0))
print(dict((k, v) for k, v in zip('abc', range(3))))
print(sorted((c for c in 'banana'), reverse=True))
print(''.join(str(n) for n in range(5)))

# the outermost iterable is evaluated eagerly: errors show up at creation
try:
    (x for x in 5)
except TypeError as e:
    print(type(e).__name__, e)
# the rest is lazy
gen = (1 / x for x in [1, 0])
print(next(gen))
try:
    next(gen)
except ZeroDivisionError as e:
    print(type(e).__name__, e)

# a generator expression can be passed a different iterable
def pipeline():
    nums = (n for n in range(10))
    evens = (n for n in nums if n % 2 == 0)
    squares = (n * n for n in evens)
    return list(squares)
print(pipeline())
print(any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
