# chr, ord, bin, oct, hex, round, format, divmod, pow, abs edge cases.
print(repr(chr(0)), repr(chr(0x10FFFF)), chr(True), chr(0xD800) == '\ud800', ord('\U0010ffff'), ord(b'\x00'), ord(bytearray(b'\xff')))
class Idx:
    def __index__(self):
        return 66
print(chr(Idx()), bin(Idx()), oct(Idx()), hex(Idx()))
for v in (-1, 0x110000, 2 ** 31, -2 ** 31 - 1, 2 ** 100, 1.5, 'a', None):
    try:
        chr(v)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__ + ':', e)
for v in (1, 'ab', '', b'ab', bytearray(), None, ['a']):
    try:
        ord(v)
    except TypeError as e:
        print(type(e).__name__ + ':', e)
class S(str):
    pass
print(ord(S('x')))
print(bin(True), bin(2 ** 100), oct(-2 ** 70), hex(-(2 ** 64) + 1), hex(2 ** 47), hex(-2 ** 47), bin(-1))
print(round(2.5), round(3.5), round(-0.5), round(1.25, 1), round(10, -1), round(15, -1), round(7), round(2.675, 2))
print(round(5, None), type(round(5.5)).__name__, type(round(5.5, 0)).__name__, round(float('inf'), 2), round(-7.5, -1))
class R:
    def __round__(self, n=None):
        return ('rounded', n)
print(round(R()), round(R(), 3), round(R(), None), round(R(), ndigits=0))
for fn in (lambda: round('a'), lambda: round([1]), lambda: round(1.5, 'a'), lambda: round(float('inf')), lambda: round(float('nan'))):
    try:
        fn()
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ':', e)
class NoRound:
    pass
try:
    round(NoRound())
except TypeError as e:
    print(type(e).__name__ + ':', e)
print(format(3.14159, '.2f'), format(42), format('s'), format(7, 'b'), format(1e20), format(-0.0, ''))
class F:
    def __format__(self, spec):
        return 'F(' + spec + ')'
print(format(F()), format(F(), 'xyz'), format(F(), S('sub')))
for fn in (lambda: format(1, 5), lambda: format(1, None), lambda: format(1, 'q'), lambda: format(object(), 'x')):
    try:
        fn()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
print(divmod(7, -2), divmod(-7.5, 2), divmod(True, 2), pow(-2, 3), pow(2, 0.5), pow(-8, 1 / 3) == (-8) ** (1 / 3), pow(0, 0))
for fn in (lambda: pow(2, 0.5, 3), lambda: pow(2, -1, 4), lambda: pow(1, 2, 0), lambda: divmod(1, 0), lambda: divmod(1.0, 0), lambda: abs('x'), lambda: pow('a', 2)):
    try:
        fn()
    except (TypeError, ValueError, ZeroDivisionError) as e:
        print(type(e).__name__ + ':', e)
class A:
    def __abs__(self):
        return 'abs called'
print(abs(A()), abs(-2 ** 63), abs(-0.0), abs(float('-inf')), abs(True), abs(False))
