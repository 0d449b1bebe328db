# int arithmetic: floor division and modulo signs, true division, powers.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (6, 3)]
for a, b in pairs:
    print(a, b, a + b, a - b, a * b, a // b, a % b, divmod(a, b), a / b)

print(2 ** 10, 2 ** -1, (-2) ** 3, 0 ** 0, 10 ** 0)
print(pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7), pow(-3, 2, 5), pow(2, 0, 1))
print(7 & 3, 7 | 8, 7 ^ 2, ~7, 1 << 10, 1024 >> 3, -1 >> 5, -16 >> 2, 5 << 0)

def show(fn):
    try:
        print(fn())
    except (ZeroDivisionError, ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__ + ':', e)
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1 / 0)
show(lambda: divmod(1, 0))
show(lambda: 0 ** -1)
show(lambda: pow(2, -1, 4))
show(lambda: pow(2, 3, 0))
show(lambda: 1 << -1)
show(lambda: 1 >> -1)
show(lambda: pow(2, 3.0, 5))
show(lambda: 10 ** 400 / 1)
show(lambda: 2 ** 1000 / 3 ** 600)
show(lambda: (10 ** 400) // (10 ** 398))
print(True + True, True * 10, False - 1, True / 2, type(True + 1).__name__)
print(7 // 2.0, 7 % 2.5, -7 % 2.5, 2 ** 0.5, 10 / 4, 9 / 3, type(9 / 3).__name__)
print(1 + 2j, 3 * (1 + 1j))
print(abs(-10), -(-10), +(-10), int.__add__(1, 2), (5).__neg__())
print(int.__truediv__(1, 2), int.__floordiv__(7, 2), int.__mod__(7, 2), int.__add__(1, 1.5))
