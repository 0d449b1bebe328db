# inf and nan arithmetic and comparisons.
inf, nan = float('inf'), float('nan')
print(inf + 1, inf - inf, inf * 0, inf / inf, -inf, inf * -1, 1 / inf, -1 / inf)
print(nan + 1, nan == nan, nan != nan, nan < 1, nan > 1, inf > 1e308, -inf < -1e308)
print(inf == inf, inf == float('inf'), max(1, inf), min(-inf, 0), abs(-inf), inf ** 0, nan ** 0, 1 ** nan)
print(str(nan), repr(-nan), str(-inf), int(1e300) > 0)
print(sorted([3.0, -inf, inf, 0.0]), [x for x in [nan, 1.0] if x == x])
for fn in (lambda: int(inf), lambda: int(nan), lambda: 1.0 / 0, lambda: 1.0 % 0, lambda: 1.0 // 0.0,
           lambda: divmod(1.0, 0.0), lambda: 0.0 ** -1, lambda: 10.0 ** 400, lambda: (-8.0) ** 0.5,
           lambda: inf % 2, lambda: 2 % inf, lambda: -2 % inf, lambda: divmod(inf, 3)):
    try:
        print(fn())
    except (ValueError, OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__ + ':', e)
print(-0.0 == 0.0, str(-0.0), 0.0 * -1, -0.0 + 0.0, -0.0 - 0.0, abs(-0.0), (-0.0).hex())
print(1e308 + 1e308, -1e308 * 10, 5e-324 / 2, 5e-324 * 0.5, 2.0 ** 1023 * 2)
print(hash(inf), hash(-inf), hash(0.0) == hash(-0.0))
