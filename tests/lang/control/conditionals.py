# if/elif/else, conditional expressions and short-circuit operators.
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'large'
print([classify(n) for n in (-5, 0, 3, 42)])

print('yes' if [] else 'no', 'yes' if [0] else 'no')
print(1 if True else 1 / 0)

# and/or return an operand, not a bool
print(0 or 'default', 'x' or 'y', '' and 'never', 3 and 4, None or 0 or [])
print([] and 1 / 0, 1 or 1 / 0)

def noisy(v):
    print('eval', v)
    return v
print(noisy(0) and noisy(1))
print(noisy(1) and noisy(2))
print(noisy(0) or noisy(''))
print(not noisy([]))

# nested conditional expressions associate to the right
x = 5
print('a' if x < 3 else 'b' if x < 6 else 'c')

# truthiness of several built-in objects
for v in (0, 0.0, 0j, '', b'', [], (), {}, set(), range(0), None, False,
          1, -0.5, 'a', [0], (None,), {0: 0}, range(1), object()):
    print(type(v).__name__, bool(v), end='; ')
print()
# pass, ellipsis as statements
if True:
    pass
...
print('end')
