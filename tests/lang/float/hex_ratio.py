# float.hex/fromhex, is_integer, as_integer_ratio, and float_info.
import sys
for v in [1.0, 0.5, 0.1, -2.75, 3.0, 1e-320, 1.7976931348623157e308, 0.0, -0.0, 1 / 3]:
    print(repr(v), v.hex(), float.fromhex(v.hex()) == v, v.is_integer(), v.as_integer_ratio())
print(float.fromhex('0x1.8p1'), float.fromhex('-0X1P-2'), float.fromhex('0x.8'), float.fromhex('1'),
      float.fromhex(' 0x1.ffffffffffffp+1023 '), float.fromhex('inf'), float.fromhex('-nan'))
print(float.fromhex('0x1p-1074'), float.fromhex('0x1p-1075'), float.fromhex('0x3p-1076'))
for bad in ['', '0x', '0x1p', 'xyz', '0x1.g']:
    try:
        float.fromhex(bad)
    except ValueError as e:
        print(type(e).__name__ + ':', e)
try:
    float.fromhex('0x1p10000')
except OverflowError as e:
    print(type(e).__name__ + ':', e)
for v in [float('inf'), float('nan')]:
    try:
        v.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ':', e)
print(float('inf').is_integer(), float('nan').is_integer(), (2.0).real, (2.0).imag, (2.5).conjugate())
fi = sys.float_info
print(fi.max, fi.min, fi.epsilon, fi.dig, fi.mant_dig, fi.max_exp, fi.min_exp, fi.max_10_exp, fi.min_10_exp, fi.radix, fi.rounds)
print(type(fi).__name__, len(fi), fi[0] == fi.max)
print(float.__getformat__('double'), sys.float_repr_style)
