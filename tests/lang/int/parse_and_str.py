# int(str, base), underscores, str(int), and the digit limit.
print(int('42'), int('-42'), int('+7'), int('  9\n'), int('0'), int('-0'), int('1_000'))
print(int('ff', 16), int('FF', 16), int('0xff', 16), int('0xff', 0), int('0o17', 0), int('0b101', 0))
print(int('z', 36), int('Zz', 36), int('777', 8), int('1_0_1', 2), int('0_7', 8))
print(int('10', 0), int('0', 0), int('00', 0), int('0x_1f', 0), int('١٢٣'), int('１２'))
print(int(b'42'), int(bytearray(b'-5')), int('12', base=3))

bad = ['', ' ', '1.5', '1e3', '0x', '1__0', '_1', '1_', 'abc', '0b2', '12a', '- 1', '++1', '08']
for s in bad:
    try:
        int(s, 0) if s == '08' else int(s)
    except ValueError as e:
        print(type(e).__name__ + ':', e)
for args in [('12', 1), ('12', 37), ('12', -1), ('9', 8), ('0x10', 10), ('012', 0)]:
    try:
        print(int(*args))
    except ValueError as e:
        print(type(e).__name__ + ':', e)
for args in [(12, 10), (1.5, 2), ([1],)]:
    try:
        int(*args)
    except TypeError as e:
        print(type(e).__name__ + ':', e)

print(str(-123), repr(10 ** 20), format(1234567, ','), format(1234567, '_'), f'{255:#x}')

# the 4300-digit limit for str <-> int conversion of non-power-of-two bases
import sys
print(sys.get_int_max_str_digits(), sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
huge = 10 ** 5000
try:
    str(huge)
except ValueError as e:
    print(type(e).__name__ + ':', e)
try:
    int('1' * 4301)
except ValueError as e:
    print(type(e).__name__ + ':', e)
print(len(str(10 ** 4299)), len(hex(huge)) > 4000, int('1' * 4300) % 10)
sys.set_int_max_str_digits(0)
print(len(str(huge)))
sys.set_int_max_str_digits(5000)
print(len(str(10 ** 4999)), sys.get_int_max_str_digits())
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print(type(e).__name__ + ':', e)
