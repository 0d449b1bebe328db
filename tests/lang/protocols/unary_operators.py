# Unary operators and abs().
class U:
    def __neg__(self): return 'neg'
    def __pos__(self): return 'pos'
    def __invert__(self): return 'invert'
    def __abs__(self): return 'abs'
u = U()
print(-u, +u, ~u, abs(u))

class Nothing:
    pass
n = Nothing()
for fn in (lambda: -n, lambda: +n, lambda: ~n, lambda: abs(n),
           lambda: -'s', lambda: ~1.5, lambda: +[1], lambda: abs('x')):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__, e)

print(-5, +5, ~5, ~-1, abs(-3), abs(-2.5), abs(3 + 4j), -True, ~True, +False)
print(-0.0, -(-0.0), abs(-0.0), -(2 ** 70), ~(2 ** 70))
print(not u, not n, not 0)
