# abs, divmod, pow, round, sum, bin, oct, hex.
print(abs(-5), abs(5.5), abs(-0.0), abs(-2 ** 100), abs(True), abs(-3 - 4j))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), divmod(-17, -5.0), divmod(2 ** 80, 7))
print(pow(2, 8), pow(2.0, 3), pow(2, -2), pow(5, 3, 7), pow(base=2, exp=5, mod=10), pow(38, -1, 97))
print(round(3.14159, 3), round(-2.5), round(2.5), round(1e15 + 0.5), round(12345, -2), round(0.5 + 1e-9))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([0.1] * 10), sum([[1], [2]], []), sum(range(1000)), sum([], 5), sum([1.5, 2], start=1))
print(sum([1, 2.5, 3j]), sum(x * x for x in range(5)), sum([True, True, False]), sum([2 ** 64, 2 ** 64]))
for fn in (lambda: sum(['a', 'b'], ''), lambda: sum([b'a'], b''), lambda: sum([bytearray(b'a')], bytearray()), lambda: sum([1, 'a']),
           lambda: sum(5), lambda: divmod('a', 1), lambda: abs(None)):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
print(bin(10), bin(-10), bin(0), oct(8), oct(-8), hex(255), hex(-255), hex(0), hex(2 ** 64))
for fn in (lambda: bin(1.5), lambda: hex('a'), lambda: oct(None)):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
