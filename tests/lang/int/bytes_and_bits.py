# to_bytes/from_bytes, bit_length, bit_count, as_integer_ratio and friends.
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'), (0).to_bytes(0, 'big'))
print((-1).to_bytes(2, 'big', signed=True), (255).to_bytes(1, 'big'), (1).to_bytes())
print((2 ** 64 - 1).to_bytes(8, 'little'), (-129).to_bytes(2, 'little', signed=True))
print(int.from_bytes(b'\x04\x00', 'big'), int.from_bytes(b'\x04\x00', 'little'), int.from_bytes(b''))
print(int.from_bytes(b'\xff\xff', 'big', signed=True), int.from_bytes([1, 2, 3], 'big'),
      int.from_bytes(bytearray(b'\x80'), byteorder='big', signed=True))
for fn in (lambda: (256).to_bytes(1, 'big'), lambda: (-1).to_bytes(1, 'big'),
           lambda: (128).to_bytes(1, 'big', signed=True), lambda: (1).to_bytes(1, 'middle'),
           lambda: (1).to_bytes(-1, 'big'), lambda: int.from_bytes('str', 'big')):
    try:
        fn()
    except (OverflowError, ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)

class MyInt(int):
    pass
print(type(MyInt.from_bytes(b'\x01', 'big')).__name__)

for n in (0, 1, 2, 255, 256, -1, -256, 2 ** 100, -(2 ** 100) + 1):
    print(n.bit_length(), n.bit_count(), n.as_integer_ratio(), end=' | ')
print()
print((5).real, (5).imag, (5).numerator, (5).denominator, (5).conjugate(), True.real)
print(int.is_integer(3) if hasattr(int, 'is_integer') else 'no int.is_integer in 3.11')
print((-5).__abs__(), (6).__pow__(2), (6).__rpow__(2), (3).__rsub__(10), (7).__divmod__(2))
print(int(), int.__new__(int, 5), int('7'.zfill(3)), (12).__format__('08b'))
