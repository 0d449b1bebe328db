# Shortest round-trip repr of floats.
vals = [0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1.0, -1.0, 0.0, -0.0, 100.0, 1e16, 1e15, 123456789012345678.0,
        1e-4, 1e-5, 0.0001234, 1.5e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
        3.141592653589793, 2.718281828459045, 9007199254740993.0, 0.3, 1.1, 2.675, 1e22, 1e23,
        4.35, 0.5, 1234.5, 1e-7, 12345678.9, 0.000001, 1.0000000000000002, 0.9999999999999999]
for v in vals:
    print(repr(v), str(v), float(repr(v)) == v)
print(float('1e500'), float('-1e500'), float('1e-500'), 1e308 * 10, -1e308 * 10)
print(float('0.1'), float('.5'), float('5.'), float('1_0.2_5'), float('  3.25  '), float('-0'))
print(float('inf'), float('-Infinity'), float('nan'), float('NaN'), float('+inf'), float('iNF'))
for bad in ['', 'abc', '1.2.3', '1e', '0x10', '1__0', 'in f', '--1']:
    try:
        float(bad)
    except ValueError as e:
        print(type(e).__name__ + ':', e)
print(float(b'2.5'), float(bytearray(b'-1')), float(10), float(True), float(2 ** 53 + 1))
print(0.1 * 3, 0.1 * 3 == 0.3, 1e16 + 1, 2 ** 0.5 * 2 ** 0.5, 10 / 3, -10 / 3, 7.0 // 2, -7.0 // 2, 7.5 % 2, -7.5 % 2)
print(divmod(7.5, 2), divmod(-7.5, 2), 2.0 ** 10, 2.0 ** -1, (-8.0) ** 2, 0.0 ** 0, 1.5 ** 2.5)
print(str(1e16), str(1.0e-5), str(123e-20), repr(-1.5e-10), 1e100)
