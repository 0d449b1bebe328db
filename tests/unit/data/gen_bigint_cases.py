#!/usr/bin/python3.11
"""Generates bigint_cases.txt, the expected results for test_bigint.c, from
CPython 3.11 (Debian's /usr/bin/python3.11 is the reference).

    /usr/bin/python3.11 tests/unit/data/gen_bigint_cases.py

One case per line, fields separated by single spaces:

    OP ARGS... ok RESULTS...        the operation succeeds with RESULTS
    OP ARGS... err EXC MESSAGE      it raises EXC (ValueError, ...) with MESSAGE

Field encodings: ints in hex with a sign ("-1f"); floats as float.hex()
("0x1.8p+1", "inf", "nan"); text and bytes with %XX escapes for '%', space,
and any byte outside 0x21..0x7e, then "~" prefixed so an empty text is "~".

Besides cases there are tables the C test needs in place of the Unicode
database: "decimal C" (C..C+9 are the digits 0..9 of one script),
"nonprint A B" (code points A..B are not printable), "space C".

The random choices are seeded, so regenerating gives the same file.
"""
import fractions
import math
import os
import random
import struct
import sys
import unicodedata

rng = random.Random(20240611)
out_lines = []


def emit(*fields):
    out_lines.append(" ".join(fields))


def I(n):
    return format(n, "x")


def F(d):
    return d.hex() if math.isfinite(d) else repr(d)


def T(b):
    if isinstance(b, str):
        b = b.encode("utf-8", "surrogatepass")
    return "~" + "".join(chr(c) if 0x21 <= c <= 0x7E and c != 0x25 else "%%%02X" % c for c in b)


def run(op, args, fn):
    """Emits op with its encoded args and either ok + results or err."""
    try:
        res = fn()
    except (ValueError, ZeroDivisionError, OverflowError, TypeError, MemoryError) as e:
        emit(op, *args, "err", type(e).__name__, T(str(e)))
        return
    emit(op, *args, "ok", *res)


# ---- numbers -------------------------------------------------------------

EDGES = [0, 1, 2, 3, 7, 10, 255, 256, 2**31 - 1, 2**31, 2**32, 2**47 - 1, 2**47, 2**47 + 1,
         2**48, 2**52, 2**53 - 1, 2**53, 2**53 + 1, 2**62, 2**63 - 1, 2**63, 2**63 + 1,
         2**64 - 1, 2**64, 2**64 + 1, 10**18, 10**19, 10**20, 2**96, 2**127, 2**128 - 1,
         2**128, 2**192 + 2**64, 2**61 - 1, 2**61, 2**122 - 1]
EDGES = EDGES + [-x for x in EDGES if x]

I64 = [0, 1, -1, 2, -2, 3, -3, 5, -7, 2**31, -2**31, 2**32 + 1, -2**32 - 1, 2**47 - 1, -2**47,
       2**47, -2**47 - 1, 3037000499, 3037000500, -3037000500, 2**62, -2**62, 2**63 - 1,
       -2**63, -2**63 + 1, 10**18, -10**18, 1234567890123, -987654321]


def rbits(n):
    """A random int of exactly n bits (n >= 1), of a random flavour."""
    kind = rng.random()
    if kind < 0.6:
        v = rng.getrandbits(n) | (1 << (n - 1))
    elif kind < 0.8:
        # runs of ones and zeros, which exercise carries and borrows
        v, pos = 0, 0
        while pos < n:
            run_len = rng.randint(1, max(1, n // 4))
            if rng.random() < 0.5:
                v |= ((1 << run_len) - 1) << pos
            pos += run_len
        v = (v & ((1 << n) - 1)) | (1 << (n - 1))
    elif kind < 0.9:
        v = (1 << (n - 1)) + rng.choice([0, 1, -1 if n > 1 else 0])
        v = max(v, 1)
    else:
        v = (1 << n) - 1 - rng.choice([0, 1 if n > 1 else 0])
    return v


def rint(maxbits=1000):
    r = rng.random()
    if r < 0.15:
        v = rng.choice(EDGES) + rng.choice([0, 0, 0, 1, -1])
        return v
    if r < 0.55 or maxbits <= 66:
        n = rng.randint(1, min(66, maxbits))
    elif r < 0.8 or maxbits <= 300:
        n = rng.randint(60, min(300, maxbits))
    else:
        n = rng.randint(200, maxbits)
    v = rbits(n)
    return -v if rng.random() < 0.5 else v


def rdouble():
    r = rng.random()
    if r < 0.3:
        while True:
            d = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
            if math.isfinite(d):
                return d
    if r < 0.5:
        return rng.choice([0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, 1e308, -1e308, 5e-324,
                           -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                           2.0**52 + 0.5, 2.0**53, 2.0**63, -2.0**63, 2.0**64, 0.1, 1e-300,
                           9007199254740993.0, 4503599627370495.5, -4503599627370495.5])
    if r < 0.75:
        return rng.uniform(-1e6, 1e6)
    if r < 0.9:
        return rng.randint(-2**60, 2**60) + rng.choice([0.0, 0.5, 0.25, -0.5])
    return math.ldexp(rng.random(), rng.randint(-1100, 1024)) * rng.choice([1, -1])


def specials():
    return [math.inf, -math.inf, math.nan]


# ---- tables ----------------------------------------------------------------

def tables():
    zeros = [c for c in range(0x110000) if unicodedata.decimal(chr(c), -1) == 0]
    for z in zeros:
        assert all(unicodedata.decimal(chr(z + k), -1) == k for k in range(10)), hex(z)
    assert sum(1 for c in range(0x110000) if unicodedata.decimal(chr(c), -1) >= 0) == 10 * len(zeros)
    for z in zeros:
        emit("decimal", I(z))
    start = None
    for c in range(0x110001):
        np = c < 0x110000 and not chr(c).isprintable()
        if np and start is None:
            start = c
        elif not np and start is not None:
            emit("nonprint", I(start), I(c - 1))
            start = None
    for c in range(0x110000):
        if chr(c).isspace():
            emit("space", I(c))
    return zeros


# ---- parsing ---------------------------------------------------------------

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
USPACES = ["\x85", "\xa0", "\u1680", "\u2000", "\u2005", "\u200a", "\u2028", "\u2029", "\u202f",
           "\u205f", "\u3000"]
ASPACES = [" ", "\t", "\n", "\v", "\f", "\r"]


def to_base(n, b):
    if n == 0:
        return "0"
    s = []
    while n:
        n, r = divmod(n, b)
        s.append(DIGITS[r])
    return "".join(reversed(s))


def decorate_digits(ds, zeros):
    """Random case, Unicode digits and single underscores."""
    out = []
    for i, ch in enumerate(ds):
        if ch.isalpha() and rng.random() < 0.3:
            ch = ch.upper()
        elif ch.isdigit() and zeros and rng.random() < 0.1:
            ch = chr(rng.choice(zeros) + int(ch))
        if i and rng.random() < 0.1:
            out.append("_")
        out.append(ch)
    return "".join(out)


def rspace():
    k = rng.random()
    if k < 0.6:
        return ""
    pool = ASPACES + (USPACES if rng.random() < 0.5 else [])
    return "".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))


def valid_literal(zeros, maxbits=400):
    n = abs(rint(maxbits))
    base = rng.choice([10, 10, 10, 0, 0, 16, 16, 2, 8, 36] + list(range(2, 37)))
    if base == 0:
        eff = rng.choice([10, 10, 16, 8, 2])
    else:
        eff = base
    body = decorate_digits(to_base(n, eff), zeros)
    prefix = ""
    if eff in (16, 8, 2) and (base == 0 or rng.random() < 0.5):
        prefix = "0" + {16: "x", 8: "o", 2: "b"}[eff]
        if rng.random() < 0.3:
            prefix = prefix.upper()
        if rng.random() < 0.2:
            prefix += "_"
    if base == 0 and eff == 10 and n != 0 and body.startswith("0"):
        pass  # an error case, still fine
    sign = rng.choice(["", "", "-", "+"])
    return rspace() + sign + prefix + body + rspace(), base


JUNK = ["_", "__", " ", "x", "z", "-", "+", "'", '"', "\\", "\x00", "\x1c", "\x7f", "\x80",
        "é", "Ａ", "\u200b", "\U0001f600", "\ud800", "\udfff", "0x", "0b", "0o", ".", "e5",
        "\t", "\u3000", "\u0661", "\U0001d7ce", "٫", "²"]


def mutate(s):
    k = rng.random()
    pos = rng.randint(0, len(s))
    if k < 0.5:
        return s[:pos] + rng.choice(JUNK) + s[pos:]
    if k < 0.7 and s:
        return s[:pos] + s[pos + 1:]
    if k < 0.85:
        return rng.choice(["_", "-", "+", " - ", "0", "00"]) + s
    return s + rng.choice(["_", "__", "x", "'", "\x00", "-"])


def parse_case(op, s, base, maxd):
    sys.set_int_max_str_digits(maxd)
    try:
        arg = s if op == "parse" else s.encode("latin-1") if isinstance(s, str) else s
        run(op, [str(base), str(maxd), T(arg)], lambda: [I(int(arg, base))])
    finally:
        sys.set_int_max_str_digits(4300)


def parsing(zeros):
    fixed = ["0", "00", "0_0", "010", "0_7", "-0", "+0", "-00", "-010", "0x", "0x_1", "0x__1",
             "0b1", "0B1", "0o7", "0O17", "_1", "1_", "1__0", "1_0", " 1 ", "\x1c1", "\x851",
             "\xa01", "- 1", "-1", "+1", "+-1", "--1", "", " ", "\t\n", "\x00", "1\x00", "abc",
             "a'b", 'a"b', "a'\"b", "é", "\ud800", "a\x7f", "\x80", "\u2028 1", "١٢٣", "1٢3",
             "０", "１２", "Ａ", "\u0660x1", "0\u0661", "\u0660\u0660", "\U0001D7CE",
             "9223372036854775807", "9223372036854775808", "-9223372036854775808",
             "-9223372036854775809", "18446744073709551616", "0x7fffffffffffffff",
             "0x8000000000000000", "-0x8000000000000000", "1" * 19, "9" * 19, "1" * 20,
             "z" * 12, "z" * 13, "1" * 63, "1" * 64, "0" * 50 + "1", "'" * 3, "\\",
             "a" * 300, "'" + "a" * 300, "é" * 300, "\U0001f600" * 100 + "x", "\x00" * 250]
    for s in fixed:
        for base in (10, 0, 16, 36):
            parse_case("parse", s, base, 4300)
    for base in (1, -1, 37, 100, -100):
        parse_case("parse", "1", base, 4300)
    for _ in range(2000):
        s, base = valid_literal(zeros, 300)
        if rng.random() < 0.4:
            s = mutate(s)
        parse_case("parse", s, base, 4300)
    # the str -> int digit limit
    for _ in range(50):
        maxd = rng.choice([640, 640, 640, 700, 1000, 0])
        nd = rng.choice([maxd, maxd + 1, maxd - 1, rng.randint(600, 1100)]) if maxd else 1500
        base = rng.choice([10, 10, 0, 7, 36, 16, 2, 32, 3])
        eff = 10 if base == 0 else base
        s = "".join(rng.choice(DIGITS[:eff]) for _ in range(nd))
        if base == 0 and s[0] == "0":
            s = "1" + s[1:] if rng.random() < 0.5 else s
        k = rng.random()
        if k < 0.2:
            s += "x"
        elif k < 0.3:
            s += "_"
        elif k < 0.4:
            s = s[:5] + "__" + s[5:]
        elif k < 0.5:
            s = s[:nd // 2] + "_" + s[nd // 2:]
        elif k < 0.6:
            s = "-" + s + " "
        parse_case("parse", s, base, maxd)
    # bytes
    bfixed = [b"12 ", b" 0x10", b"\xff", b"'", b"\"'", b"a" * 300, b"x", b"", b" ", b"1\x00",
              b"\xd9\xa1", b"0_0", b"010", b"\\", b"1" * 1000, b"\xa01", b"\x851"]
    for b in bfixed:
        for base in (10, 0, 16):
            parse_case("pbytes", b, base, 640)
    for _ in range(300):
        s, base = valid_literal([], 200)
        s = "".join(c if ord(c) < 128 else " " for c in s)
        if rng.random() < 0.4:
            s = mutate(s)
        b = s.encode("utf-8", "surrogatepass")
        parse_case("pbytes", b, base, 4300)


# ---- formatting ------------------------------------------------------------

def formatting():
    for _ in range(300):
        n = rint(600)
        sys.set_int_max_str_digits(0)
        for maxd in ([0, 4300] if rng.random() < 0.8 else [640, 1000]):
            sys.set_int_max_str_digits(maxd)
            run("fmt", ["10", "0", str(maxd), I(n)], lambda: [T(str(n))])
        sys.set_int_max_str_digits(4300)
        run("fmt", ["16", "1", "0", I(n)], lambda: [T(hex(n))])
        run("fmt", ["8", "1", "0", I(n)], lambda: [T(oct(n))])
        run("fmt", ["2", "1", "0", I(n)], lambda: [T(bin(n))])
        run("fmt", ["16", "3", "0", I(n)], lambda: [T(format(n, "#X"))])
        run("fmt", ["16", "2", "0", I(n)], lambda: [T(format(n, "X"))])
        run("fmt", ["2", "0", "0", I(n)], lambda: [T(format(n, "b"))])
    for _ in range(20):
        n = rint(5000)
        run("fmt", ["10", "0", "0", I(n)], lambda: [T(str(n))])
    # the int -> str limit at its edges
    for maxd in (640, 641, 700):
        sys.set_int_max_str_digits(max(maxd, 640))
        for n in (10**maxd - 1, 10**maxd, -(10**maxd - 1), -(10**maxd), 10**(maxd + 1),
                  10**(maxd - 1), 2**(maxd * 3), 2**(maxd * 4), 10**(maxd * 3)):
            run("fmt", ["10", "0", str(maxd), I(n)], lambda: [T(str(n))])
    sys.set_int_max_str_digits(4300)


# ---- arithmetic ------------------------------------------------------------

def pairs(count, maxbits=1000):
    for _ in range(count):
        yield rint(maxbits), rint(maxbits)
    for a in I64:
        for b in I64:
            yield a, b


def arithmetic():
    # "arith": + - * // % / & | ^ of one pair (divmod is // and %)
    for a, b in pairs(500, 1000):
        if b == 0:
            b = rng.choice([1, -1, 3])
        run("arith", [I(a), I(b)], lambda: [I(a + b), I(a - b), I(a * b), I(a // b), I(a % b),
                                              F(a / b), I(a & b), I(a | b), I(a ^ b)])
    for a, b in [(1, 0), (0, 0), (-5, 0), (2**100, 0)]:
        for op, fn in (("floordiv", lambda: [I(a // b)]), ("mod", lambda: [I(a % b)]),
                       ("divmod", lambda: [I(divmod(a, b)[0]), "0"]), ("truediv", lambda: [F(a / b)])):
            run(op, [I(a), I(b)], fn)
    # division with a small divisor and a quotient of any size
    for _ in range(200):
        a, b = rint(), rng.choice([1, -1, 2, 3, -3, 7, 10, 2**32 + 15, -(2**63)])
        run("floordiv", [I(a), I(b)], lambda: [I(a // b)])
        run("mod", [I(a), I(b)], lambda: [I(a % b)])
        run("truediv", [I(a), I(b)], lambda: [F(a / b)])
    # true division: ties, near-ties, subnormals, overflow
    for _ in range(400):
        k = rng.random()
        b = abs(rint(400)) or 1
        if k < 0.3:
            m = rng.getrandbits(54) | (1 << 53) | 1  # 54 bits, odd: a tie between two doubles
            sh = rng.randint(-60, 60)
            a = m * b
            a, b = (a << sh, b) if sh >= 0 else (a, b << -sh)
            a += rng.choice([0, 0, 1, -1])
        elif k < 0.5:
            # quotient near the subnormal range
            e = rng.randint(1020, 1080)
            a = rng.getrandbits(rng.randint(1, 80)) + 1
            b = (a << e) // rng.randint(1, 1 << 20) + rng.choice([0, 1, -1])
        elif k < 0.65:
            # quotient near DBL_MAX and the overflow boundary
            q = rng.choice([2**1024 - 2**970, 2**1024 - 2**971, 2**1024, 2**1023,
                            2**1024 - 2**970 - 1])
            b = abs(rint(200)) or 1
            a = q * b + rng.choice([0, 1, -1, b // 2])
        elif k < 0.8:
            a, b = rint(2000), rint(2000) or 1
        else:
            a, b = rint(70), rint(70) or 1
        if rng.random() < 0.5:
            a = -a
        run("truediv", [I(a), I(b)], lambda: [F(a / b)])
    for a in [2**2000, -(2**2000), 1, 3, 10**400]:
        for b in [3, 2**2000, -(2**2000) - 1, 2**1100, 7 * 2**1070]:
            run("truediv", [I(a), I(b)], lambda: [F(a / b)])
    # pow without modulus
    for _ in range(500):
        a = rint(200) if rng.random() < 0.6 else rng.randint(-20, 20)
        e = rng.randint(0, 20) if abs(a) > 2**64 else rng.randint(0, 120)
        run("pow", [I(a), I(e)], lambda: [I(a ** e)])
    for a in [0, 1, -1, 2, -2, 3, 10, -10, 2**47, -(2**47), 3037000499, 2**31, -(2**31)]:
        for e in range(0, 70, 3):
            run("pow", [I(a), I(e)], lambda: [I(a ** e)])
        run("pow", [I(a), I(63)], lambda: [I(a ** 63)])
        run("pow", [I(a), I(64)], lambda: [I(a ** 64)])
    for a in [0, 1, -1]:
        run("pow", [I(a), I(10**30)], lambda: [I(a ** (10**30))])
        run("pow", [I(a), I(10**30 + 1)], lambda: [I(a ** (10**30 + 1))])
    # int ** negative int -> float
    for _ in range(200):
        a = rint(1100) if rng.random() < 0.5 else rng.randint(-20, 20)
        e = -rng.randint(1, 80) if rng.random() < 0.8 else -(abs(rint(1100)) or 1)
        run("powf", [I(a), I(e)], lambda: [F(a ** e)])
    for a, e in [(0, -1), (0, -(10**400)), (10**400, -1), (2, -(10**400)), (-2, -1), (-3, -2),
                 (-1, -(2**1030)), (1, -1), (10, -400)]:
        run("powf", [I(a), I(e)], lambda: [F(a ** e)])
    # pow with modulus
    for _ in range(500):
        a = rint(400)
        b = rint(300) if rng.random() < 0.7 else -abs(rint(200))
        m = rint(400) or 7
        if rng.random() < 0.1:
            m = rng.choice([1, -1, 2, -2, 0])
        run("powmod", [I(a), I(b), I(m)], lambda: [I(pow(a, b, m))])
    for a, b, m in [(2, 3, 0), (2, -1, 0), (0, -1, 5), (0, -1, 1), (0, -1, -1), (4, -1, 6),
                    (3, -1, 7), (3, -1, -7), (3, 5, -7), (5, 0, -3), (0, 0, 1), (-2, 3, 5),
                    (2, 10**20, 10**9 + 7), (6, -1, 3)]:
        run("powmod", [I(a), I(b), I(m)], lambda: [I(pow(a, b, m))])


def shifts():
    def shift_cases():
        for _ in range(500):
            yield rint(), rng.choice([rng.randint(0, 70), rng.randint(0, 3000), 63, 64, 47, 48])
        for a in I64:
            for n in (0, 1, 15, 16, 17, 31, 32, 46, 47, 48, 62, 63, 64, 65, 127, 128, 200):
                yield a, n
        for a in [0, 1, -1, 5, -5, 2**100, -(2**100), 2**30, 2**30 - 1, 2**60]:
            for n in [-1, -(2**70), 2**64, 2**64 + 1, 10**30, 2**63 - 1, 2**63, 2**62,
                      30 * 2305843009213693944, 30 * 2305843009213693944 + 1,
                      30 * 2305843009213693945, 30 * 2305843009213693951,
                      30 * 2305843009213693950 + 29, 30 * 2305843009213693943 + 29,
                      30 * 2305843009213693943 + 30, 2**127, 2**128, 2**200]:
                yield a, n

    for a, n in shift_cases():
        run("lshift", [I(a), I(n)], lambda: [I(a << n)])
        run("rshift", [I(a), I(n)], lambda: [I(a >> n)])


def bits():
    for a in [rint() for _ in range(400)] + EDGES:
        run("bits", [I(a)], lambda: [str(a.bit_length()), str(a.bit_count()), I(~a)])


def rounding():
    for _ in range(300):
        a = rint(600)
        nd = rng.choice([rng.randint(-60, 3), rng.randint(-200, -1), -1000])
        run("round", [I(a), str(nd)], lambda: [I(round(a, nd))])
    for a in [25, 35, -25, -15, -5, 5, 15, 150, 250, -250, 10**400, 5 * 10**399, 15 * 10**399, 0]:
        for nd in [-1, -2, -3, -400, -401, 0, 2]:
            run("round", [I(a), str(nd)], lambda: [I(round(a, nd))])


# ---- floats ------------------------------------------------------------------

def floats():
    for _ in range(600):
        a = rint(1200)
        run("tofloat", [I(a)], lambda: [F(float(a))])
    for k in range(40, 1030, 37):
        for base in [2**53 + 1, 2**53 + 3, 2**54 - 1, 2**52 + 1]:
            for d in [0, 1, -1]:
                a = (base << k) + d
                run("tofloat", [I(a)], lambda: [F(float(a))])
                run("tofloat", [I(-a)], lambda: [F(float(-a))])
    # frexp: m correctly rounded in [0.5, 1), any size
    for _ in range(300):
        a = rint(3000)
        e = a.bit_length()
        m = float(fractions.Fraction(a, 2**e)) if a else 0.0
        if abs(m) == 1.0:
            m, e = m / 2, e + 1
        emit("frexp", I(a), "ok", F(m), str(e))
    for a in [2**1024, 2**1024 - 2**970, 2**1024 - 2**970 - 1, 2**1024 - 2**971, 2**1023,
              2**5000, 2**1088 - 1, 2**1089, 2**64 - 1, 2**64 - 1025, 2**64 - 1024, 2**63 + 1]:
        run("tofloat", [I(a)], lambda: [F(float(a))])
        run("tofloat", [I(-a)], lambda: [F(float(-a))])
    modes = {"trunc": int, "floor": math.floor, "ceil": math.ceil, "round": round}
    # "dbl": int() math.floor math.ceil round() as_integer_ratio() hash() of a finite float
    for _ in range(500):
        d = rdouble()
        run("dbl", [F(d)], lambda: [I(int(d)), I(math.floor(d)), I(math.ceil(d)), I(round(d)),
                                     I(d.as_integer_ratio()[0]), I(d.as_integer_ratio()[1]),
                                     str(hash(d))])
    for d in specials():
        for name, fn in modes.items():
            run("fromfloat", [name, F(d)], lambda: [I(fn(d))])
        run("ratio", [F(d)], lambda: [I(d.as_integer_ratio()[0]), I(d.as_integer_ratio()[1])])
        run("hashf", [F(d)], lambda: [str(hash(d)) if not math.isnan(d) else "0"])
    # comparisons int <-> float
    for _ in range(800):
        if rng.random() < 0.5:
            a = rint(1100)
            try:
                d = float(a) + rng.choice([0.0, 0.0, 1.0, -1.0, 0.5]) * (2.0 ** rng.randint(-3, 60))
            except OverflowError:
                d = rdouble()
        else:
            d = rdouble()
            a = int(d) + rng.choice([0, 1, -1, 0]) if math.isfinite(d) else rint()
        run("cmpf", [I(a), F(d)], lambda: [str((a > d) - (a < d)) if not math.isnan(d) else "2"])
    for a in I64 + EDGES:
        for d in [float(a), float(a) + 1.0, float(a) - 0.5, float(a) * 2.0, 2.0**63, -2.0**63,
                  math.inf, -math.inf, math.nan, 0.5, -0.5, 9007199254740993.0]:
            run("cmpf", [I(a), F(d)], lambda: [str((a > d) - (a < d)) if not math.isnan(d) else "2"])


# ---- bytes ---------------------------------------------------------------------

def tobytes():
    for _ in range(600):
        a = rint(300)
        signed = rng.random() < 0.5
        if rng.random() < 0.3:
            a = abs(a)
        need = (a.bit_length() + 7) // 8
        length = max(0, need + rng.choice([-1, 0, 0, 0, 1, 2]))
        order = rng.choice(["big", "little"])
        run("tobytes", [I(a), str(length), order, str(int(signed))],
            lambda: [T(a.to_bytes(length, order, signed=signed))])
    for a in [0, 1, -1, -2, 127, 128, -128, -129, 255, 256, -256, -257, 2**63, -(2**63), 2**64 - 1,
              -(2**64), 2**64]:
        for length in range(0, 11):
            for signed in (0, 1):
                run("tobytes", [I(a), str(length), "big", str(signed)],
                    lambda: [T(a.to_bytes(length, "big", signed=bool(signed)))])
    for _ in range(400):
        n = rng.choice([0, 1, 2, 7, 8, 9, 16, rng.randint(0, 80)])
        b = bytes(rng.getrandbits(8) for _ in range(n))
        if n and rng.random() < 0.3:
            b = bytes([rng.choice([0, 0x80, 0xFF, 0x7F])]) + b[1:]
        order = rng.choice(["big", "little"])
        signed = rng.random() < 0.5
        run("frombytes", [T(b), order, str(int(signed))],
            lambda: [I(int.from_bytes(b, order, signed=signed))])


# ---- hashes ----------------------------------------------------------------------

def hashes():
    P = 2**61 - 1
    cands = [rint(2000) for _ in range(600)]
    cands += [k * P + d for k in (1, 2, -1, -3, 2**64) for d in (-2, -1, 0, 1, 2)]
    cands += EDGES + I64
    for a in cands:
        run("hash", [I(a)], lambda: [str(hash(a))])
    for _ in range(400):
        q = fractions.Fraction(rint(300), abs(rint(300)) or 1)
        if rng.random() < 0.1:
            q = fractions.Fraction(rint(100), P * rng.randint(1, 5))
        run("hashq", [I(q.numerator), I(q.denominator)], lambda: [str(hash(q))])
    for n, d in [(1, 3), (-1, 3), (1, P), (-1, P), (-7, 2), (0, 1), (5, 1), (-1, 1), (1, P * P)]:
        q = fractions.Fraction(n, d)
        run("hashq", [I(q.numerator), I(q.denominator)], lambda: [str(hash(q))])


def main():
    zeros = tables()
    parsing(zeros)
    formatting()
    arithmetic()
    shifts()
    bits()
    rounding()
    floats()
    tobytes()
    hashes()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bigint_cases.txt")
    with open(path, "w", encoding="ascii") as f:
        f.write("# Generated by gen_bigint_cases.py from CPython %s; do not edit.\n"
                % sys.version.split()[0])
        for line in out_lines:
            f.write(line + "\n")
    print("%d lines, %d bytes -> %s" % (len(out_lines), os.path.getsize(path), path))


if __name__ == "__main__":
    main()
