# Assignment expressions (PEP 572).
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print('long list of', n)

it = iter(data)
while (item := next(it, None)) is not None:
    print(item, end=' ')
print()

print([y for x in data if (y := x * 2) > 7])
print(y)

def f():
    return [(last := v) for v in 'abc'], last
print(f())

# inside an expression
print((a := 10) + a, a)
print(max(b := [1, 5, 2]), b)

# in a lambda and in a comprehension condition
fn = lambda v: (w := v + 1) * w
print(fn(3))

# as a function argument
def show(*args, **kw):
    return args, kw
print(show(z := 5, k=(z := z + 1)), z)

# in f-strings (needs parentheses)
print(f'{(q := 7)} and {q * 2}')

# walrus in a while loop with a computation
total = 0
values = [1, 2, 3, 4, 5]
while (chunk := values[:2]):
    values = values[2:]
    total += sum(chunk)
print(total)

# the walrus target in a comprehension belongs to the containing scope
class C:
    vals = [1, 2]
def g():
    r = [(found := v) for v in C.vals if v > 1]
    return found, r
print(g())
