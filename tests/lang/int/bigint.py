# Arbitrary-precision integers.
f = 1
for i in range(1, 51):
    f *= i
print(f)
print(2 ** 200, -(2 ** 200), 2 ** 64 - 1, -(2 ** 63))
print(f // 3 ** 20, f % 1000007, divmod(-f, 10 ** 20))
big = 12345678901234567890123456789
print(big * big, big + 1, big - big, big // 7, big % 7, -big // 7, -big % 7)
print(big & 0xFFFF, big | 1, big ^ big, ~big, big >> 40, big << 20, -big >> 3)
print(pow(big, 3, 10 ** 9 + 7), pow(3, 1000, 2 ** 127 - 1), pow(big, -1, 1000003))
print(big == 12345678901234567890123456789, big > 2 ** 90, big < 2.0 ** 100, big == float(big))
print(float(2 ** 100), int(1e20), int(-1.5e30), float(big), 2 ** 1023 * 2 == 2 ** 1024)
try:
    float(2 ** 1024)
except OverflowError as e:
    print(type(e).__name__, e)
print(10 ** 50 / 10 ** 30, 2 ** 200 / 2 ** 199, (2 ** 100 + 1) / 2)
print(hex(2 ** 100), oct(-(2 ** 70)), bin(2 ** 65 + 1))
print(len(str(2 ** 10000)), str(7 ** 100)[:20], sum(int(c) for c in str(2 ** 1000)))
fib = [0, 1]
for _ in range(300):
    fib.append(fib[-1] + fib[-2])
print(fib[-1])
print(abs(-big), -(-big) == big, (big * 10 ** 30) // (10 ** 30) == big)
print(int('9' * 60) + 1, (-1) ** big, (-2) ** 101)
print(hash(2 ** 61 + 5), hash(-(2 ** 100)), 2 ** 64 % 2 ** 61)
