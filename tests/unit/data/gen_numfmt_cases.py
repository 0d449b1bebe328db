#!/usr/bin/python3.11
"""Generates numfmt_cases.h, the expected values for tests/unit/test_numfmt.c.

Every expected value comes from CPython 3.11 itself (repr, format, the %
operator, round, float.hex, float.fromhex), so run this with Debian's
python3.11, the reference:

    /usr/bin/python3.11 tests/unit/data/gen_numfmt_cases.py > tests/unit/data/numfmt_cases.h

Each case is {kind, value, arg, status, expected, expected length}:
  'r'  repr(x)                       value = bits of x in hex
  'f'  format(x, spec)               value = bits, arg = spec
  'i'  format(n, spec)               value = n in decimal, arg = spec
  's'  format(s, spec)               value = s (UTF-8, surrogates encoded)
  'p'  conv % x  (float)             value = bits, arg = "%..." (one conversion)
  'q'  conv % n  (int)               value = n in decimal, arg = "%..."
  'P'  conv parse errors             arg = "%..."
  'R'  repr(round(x, n))             value = bits, arg = n
  'h'  x.hex()                       value = bits
  'X'  repr(float.fromhex(s))        arg = s
status: 0 ok, 1 ValueError, 2 OverflowError (expected = the message).
The random parts use a fixed seed, so the output is reproducible.
"""
import random
import re
import struct
import sys

assert sys.version_info[:3] == (3, 11, 2), "expected values must come from Debian's 3.11.2"

# --text SEED SCALE writes a larger random set as text instead (one case a
# line: kind, value, arg, status, expected, tab-separated, with \\, \t, \n
# and \xHH escapes) for `build/tests/test_numfmt FILE`; the checked-in
# header keeps the repository small.
TEXT = len(sys.argv) == 4 and sys.argv[1] == "--text"
rng = random.Random(int(sys.argv[2]) if TEXT else 20241123)
SCALE = float(sys.argv[3]) if TEXT else 1.0
cases = []


def count(n):
    return int(n * SCALE)


def bits(x):
    return "0x%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def outcome(fn):
    try:
        return 0, fn()
    except ValueError as e:
        return 1, str(e)
    except OverflowError as e:
        return 2, str(e)


def add(kind, value, arg, fn):
    status, text = outcome(fn)
    cases.append((kind, value, arg, status, text))


# ------------------------------------------------------------------ values

SPECIAL_DOUBLES = [
    0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375,
    2.675, 1.005, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e16, 1e15, 9999999999999998.0, 1e17, 1e22, 1e23, 1e-4, 1e-5,
    0.00015, 123456789.0, 1234567890.0, 1234.5, 1234.5678, 5e-324, 1e-323, 9e-323, 2.2250738585072014e-308,
    2.225073858507201e-308, 1.7976931348623157e308, 8.98846567431158e307, 9.5, 0.05, 0.15, 0.25, 0.35,
    -0.001, -0.0004, -0.004, 1e300, 1e-300, 4.35, 4.45, 0.045, 1.25e-7, 2 ** 53, 2 ** 53 + 2, 2.0 ** 63,
    2.0 ** 64, 2.0 ** -1022, 2.0 ** -1074 * 12345, 299792458.0, 6.02214076e23, 1.602176634e-19, 3.141592653589793,
]
SPECIAL_DOUBLES = [float(x) for x in SPECIAL_DOUBLES]


def random_double():
    r = rng.random()
    if r < 0.3:
        while True:
            x = from_bits(rng.getrandbits(64))
            if x == x:
                return x
    if r < 0.45:
        return rng.uniform(-1e6, 1e6)
    if r < 0.55:
        return rng.choice(SPECIAL_DOUBLES)
    if r < 0.62:
        return from_bits(rng.getrandbits(52) | (rng.randint(0, 3) << 52))  # subnormal or tiny
    if r < 0.72:
        return float(rng.randint(-10 ** rng.randint(1, 22), 10 ** rng.randint(1, 22)))
    if r < 0.85:
        return round(rng.uniform(-1000, 1000), rng.randint(0, 6))  # short decimals: ties
    if r < 0.92:
        return rng.randint(1, 99999) / 10 ** rng.randint(0, 8) * rng.choice([1, -1])
    return from_bits(rng.randint(1, 2046) << 52)  # powers of two


SPECIAL_INTS = [
    0, 1, -1, 7, -7, 255, -255, 1234, -1234, 1234567, 65, 0x1F600, 0x10FFFF, 0x110000, 0xD800, 499,
    2 ** 31, 2 ** 63 - 1, -2 ** 63, 2 ** 63, -2 ** 63 - 1, 2 ** 64, 2 ** 53 + 1, 2 ** 54 + 2, 2 ** 54 + 6,
    2 ** 1024 - 2 ** 970, 2 ** 1024 - 2 ** 970 - 1, -(2 ** 1024 - 2 ** 970 - 1), 10 ** 400, 10 ** 100 + 1,
]


def random_int():
    r = rng.random()
    if r < 0.3:
        return rng.randint(-1000, 1000)
    if r < 0.55:
        return rng.randint(-2 ** 64, 2 ** 64)
    if r < 0.7:
        return rng.choice(SPECIAL_INTS)
    return rng.randint(-10 ** rng.randint(1, 60), 10 ** rng.randint(1, 60))


STRINGS = ["", "a", "abc", "héllo", "€uro", "😀x", "a\u0301b", "xyz" * 10, "\ud800z", "tab\there"]

# ------------------------------------------------------------------ specs

FILLS = ["*", "0", "x", "é", "<", "=", " ", "€", "😀", "{", "."]


def random_spec(types):
    s = ""
    if rng.random() < 0.3:
        if rng.random() < 0.5:
            s += rng.choice(FILLS)
        s += rng.choice("<>^=")
    if rng.random() < 0.35:
        s += rng.choice("+- ")
    if rng.random() < 0.15:
        s += "z"
    if rng.random() < 0.2:
        s += "#"
    if rng.random() < 0.2:
        s += "0"
    if rng.random() < 0.5:
        s += str(rng.choice([0, 1, 5, 8, 9, 10, 12, 15, 20, 25, 40]))
    if rng.random() < 0.2:
        s += rng.choice(",_")
    if rng.random() < 0.6:
        s += "." + str(rng.choice(list(range(0, 20)) + [25, 30, 50, 100, 330, 800]))
    if rng.random() < 0.9:
        s += rng.choice(types)
    return s


FLOAT_TYPES = ["e", "E", "f", "F", "g", "G", "n", "%", "", "", ""]
INT_TYPES = ["b", "c", "d", "o", "x", "X", "n", "", "", "e", "f", "g", "%"]

# Specs that exercise one rule each, checked against every kind of value.
EDGE_SPECS = [
    "", "z", "x", "s", ".", ".x", ",_", "_,", ",,", "__", "10.3fx", ",s", "_s", ",x", "_x", "_b", ",b",
    ",c", ",n", "_n", "+", "#", "=", "05", "=5", ",", "d", ".2", "z5", ".2d", "+c", "#c", "zd", "é", "\x01",
    " c", "- ", " +", "99999999999999999999", ".99999999999999999999", ".2147483648f", ".2147483648",
    "c", "010", "=+10", "010,.2f", "08,", "07,", "06,", "0>10,", "0^10,", "0=10,", "x=10,", "x<10,",
    "<05", "x<05", "x05", "#012b", "#x", "#X", "#o", "#b", "#010x", "+#x", "5c", "^5c", "05c", "é^6",
    ",é", "_\x01", "10.3fé", "10.3fxy", "z.1f", "z.2f", "z.2e", "z.2g", "zf", "z%", "z.0%", "g", "#g",
    "#.0g", ".0g", ".10", ".11", "F", "E", "%", "#.3e", "n", "_", ",d", "_o", "<=", "=<", "0=", "0", "00",
    "000", "-", " ", "\n<5", "{<5", "%<5", "5<5", ".<5", "+0", "z0", "f", ".30f", "e", ".3", "#014_x",
    "#012,", "#.0", ".0", "+z#010,.3f", "#z", "z#", "0z", "+0z", "+#", "#+", "+=", "=+", "=z", "+x",
    "z x", "+,", "=,", "+#c", "#+c", "z.2", ".2z", "z.2c", "+.2c", ".2,c", ",.2", "z#.2c", "z,x", ",zx",
    "5,", "_c", "_e", "_%", "_X", "#_b", "10.3%", "#.0%", "^+10.2e", "^+11.2e", "^6", "^=6", "_^6", "+z",
    "z+", "z=", "+z#=", "=+#", "=#", "z#=", "=z#", "#=", "+zc", "z#c", "#c", "=c", "z=c", "=+c", "=#c",
    "=,c", "=#s", "+zs", "=zs", "+#s", "z,c", "+,c", "+.2,c", ".2%", ".2x", ".2f", "=x", "=#x", "+=5s",
    "=5s", "z=5s", "#.1", "#.2", ".16", ".17", ".18", "#.10", "#,", "#.15", "\x7f", "~", "!", "\u2007",
    "0,", "015,", "015_", "015,.3f", "020_x", "#020_b", "-020,d", "\u20ac=15,", "\u20ac>15,", "0<15,",
    "^015,", "s", "10s", ".1000f", "#.800e",
]

# ------------------------------------------------------------------ cases

# repr
for x in SPECIAL_DOUBLES:
    add("r", bits(x), "", lambda x=x: repr(x))
for e in range(0, 2047, 7):
    for m in (0, 1, (1 << 52) - 1):
        x = from_bits((e << 52) | m)
        add("r", bits(x), "", lambda x=x: repr(x))
for k in range(-325, 310, 3):
    b = struct.unpack("<Q", struct.pack("<d", float("1e%d" % k)))[0]
    for d in (-1, 0, 1):
        if 0 < b + d < 0x7FF0000000000000:
            x = from_bits(b + d)
            add("r", bits(x), "", lambda x=x: repr(x))
for c in list(range(1, 40)) + [(1 << 52) - 1, 1 << 51]:
    add("r", bits(from_bits(c)), "", lambda c=c: repr(from_bits(c)))
for _ in range(count(1000)):
    x = random_double()
    add("r", bits(x), "", lambda x=x: repr(x))

# format(float)
for x in [-0.0, 2.675, float("inf"), 1e16, -1234.5678]:
    for spec in EDGE_SPECS:
        add("f", bits(x), spec, lambda x=x, spec=spec: format(x, spec))
for x in [-0.0, 0.5, 2.675, 1e16, 1e-5, float("nan"), 5e-324, -1.7976931348623157e308, 9.995, 999.5]:
    for t in ["e", "E", "f", "F", "g", "G", "n", "%", ""]:
        for p in ["", ".0", ".1", ".2", ".5", ".16", ".17", ".30"]:
            for flag in ["", "#"]:
                spec = flag + p + t
                add("f", bits(x), spec, lambda x=x, spec=spec: format(x, spec))
for _ in range(count(2000)):
    x = random_double()
    spec = random_spec(FLOAT_TYPES)
    add("f", bits(x), spec, lambda x=x, spec=spec: format(x, spec))
# correct rounding at every precision
for _ in range(count(250)):
    x = random_double()
    for spec in [".%de" % rng.randint(0, 25), ".%df" % rng.randint(0, 30), ".%dg" % rng.randint(0, 25),
                 ".%de" % rng.randint(14, 18), ".%dg" % rng.randint(14, 18)]:
        add("f", bits(x), spec, lambda x=x, spec=spec: format(x, spec))

# format(int)
for n in [0, -7, 1234567, 0x1F600, -2 ** 63, 2 ** 64, -10 ** 40]:
    for spec in EDGE_SPECS:
        add("i", str(n), spec, lambda n=n, spec=spec: format(n, spec))
for _ in range(count(1200)):
    n = random_int()
    spec = random_spec(INT_TYPES)
    if rng.random() < 0.6 and "." in spec:
        spec = spec[:spec.index(".")] + rng.choice(INT_TYPES)
    add("i", str(n), spec, lambda n=n, spec=spec: format(n, spec))

# format(str)
for s in ["abc", "€uro", "😀x"]:
    for spec in EDGE_SPECS:
        add("s", s, spec, lambda s=s, spec=spec: format(s, spec))
for _ in range(count(300)):
    s = rng.choice(STRINGS)
    spec = random_spec(["s", "", "", "", "d"])
    add("s", s, spec, lambda s=s, spec=spec: format(s, spec))


# %-formatting
def percent_spec(types):
    s = "%" + "".join(rng.sample("-+ #0", rng.randint(0, 3)))
    if rng.random() < 0.6:
        s += str(rng.choice([1, 3, 5, 8, 12, 20]))
    if rng.random() < 0.6:
        s += "." + rng.choice(["", "0", "1", "2", "3", "5", "10", "17", "20", "30"])
    if rng.random() < 0.1:
        s += rng.choice("hlL")
    return s + rng.choice(types)


for x in SPECIAL_DOUBLES[:16]:
    for conv in ["%e", "%E", "%f", "%F", "%g", "%G", "%010f", "%-010f", "%+f", "% f", "%#.0f", "%#.0e",
                 "%#g", "%.0g", "%010.2f", "%020.3f", "% .3f", "%+.3f", "%#5.0e", "%.30f", "%.f", "%5.e"]:
        add("p", bits(x), conv, lambda x=x, conv=conv: conv % x)
for _ in range(count(600)):
    x = random_double()
    conv = percent_spec("eEfFgG")
    add("p", bits(x), conv, lambda x=x, conv=conv: conv % x)
for n in SPECIAL_INTS[:12] + [2 ** 63, -2 ** 63 - 1, 10 ** 100 + 1]:
    for conv in ["%d", "%i", "%u", "%o", "%x", "%X", "%.3d", "%#.3o", "%#x", "%#o", "%#010x", "%-#10x",
                 "% x", "%+X", "%#X", "%08.3d", "%-08.3d", "%+08d", "% 08d", "%#5o", "%#05o", "%.0d",
                 "%.0x", "%#.0o", "%5.3x", "%0-5d", "% +d", "%+ d", "%ld", "%hd"]:
        add("q", str(n), conv, lambda n=n, conv=conv: conv % n)
for _ in range(count(600)):
    n = random_int()
    conv = percent_spec("diuoxX")
    add("q", str(n), conv, lambda n=n, conv=conv: conv % n)
for conv in ["%", "%-", "%.", "%5.", "%3", "%(a", "%((a)", "%(a)", "%(a)5", "%9999999999999999999d",
             "%.9999999999999999999d", "%.2147483648d", "%#-+ 0"]:
    add("P", "", conv, lambda conv=conv: conv % {"a": 1, "(a": 1})

# round(x, n)
ROUND_CASES = [(2.675, 2), (0.5, 0), (1.5, 0), (-0.5, 0), (1234.5, -2), (1.7976931348623157e308, -308),
               (1.7976931348623157e308, -307), (5e-324, 323), (5e-324, 324), (1e300, -309), (-1e300, -309),
               (0.1, 400), (-0.4, 0), (-0.0001, 2), (1e16 + 2, -1), (15.0, -1), (25.0, -1), (0.125, 2),
               (0.375, 2), (2.5, 0), (-2.5, 0), (1e22, -22), (5e22, -23), (4.9e22, -23), (1.005, 2),
               (float("inf"), 2), (float("nan"), 0), (-0.0, 0), (123.456, -10), (0.5e-323, 323)]
for x, n in ROUND_CASES:
    add("R", bits(x), str(n), lambda x=x, n=n: repr(round(x, n)))
for _ in range(count(900)):
    x = random_double()
    if x != x:
        continue
    n = rng.choice([0, 1, 2, 3, -1, -2, -5, 5, 10, 15, 16, 17, 20, -308, -309, -307, 300, 323, 324,
                    rng.randint(-400, 400), rng.randint(-20, 20)])
    add("R", bits(x), str(n), lambda x=x, n=n: repr(round(x, n)))

# float.hex
for x in SPECIAL_DOUBLES:
    add("h", bits(x), "", lambda x=x: x.hex())
for _ in range(count(300)):
    x = random_double()
    add("h", bits(x), "", lambda x=x: x.hex())

# float.fromhex
FROMHEX = [
    "0x1.8p1", "  -0X1.8P+1  ", "inf", "-Infinity", "nan", "0x", "0x.p1", "1", ".8", "0x1p", "0x1p+",
    "0x1p-1075", "0x1p-1074", "0x1.8p-1074", "0x1p1024", "0x1.fffffffffffff8p1023",
    "0x1.fffffffffffff7ffp1023", "0x1p99999999999999999999", "0x1p-99999999999999999999",
    "0x0p99999999999999999999", "0x" + "0" * 100 + "1p-400", "\u2000 1", "1\u00a0", "1_0", "\t0x1\n",
    "0x1.0000000000000800001p0", "0x1.00000000000008p0", "0x1.00000000000018p0", "x1", "0x-1", "-0x0",
    "  ", "nAn ", "+nan", "-iNF", "infinit", "infinityy", "0x1.p0", "0x.8p0", "0x1p+1_0", "", "-", "0x1.8.0",
    "0x1p1.5", "1p-1074", "0.0000000000001p-1022", "0x0.00000000000008p-1022", "0x0.00000000000018p-1022",
    "0x0.0000000000000800001p-1022", "0x1" + "0" * 300 + "p-1200", "0x" + "f" * 40 + "p-100",
    "0x" + "f" * 40, "0x1." + "0" * 300 + "1p0", "0X1P-1", "0x1P1023", "0x1.fffffffffffffp1023",
    "0x3.fffffffffffffcp1022", "1e10", "0x1e10", "0xg", "\x00", "0x1\x00", "+0x1p+0", "++1",
]
for s in FROMHEX:
    add("X", "", s, lambda s=s: repr(float.fromhex(s)))
for _ in range(count(600)):
    x = random_double()
    h = x.hex()
    m = re.match(r"(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)", h)
    if m and rng.random() < 0.8:
        frac = m.group(3)[:rng.randint(0, 13)] + "".join(rng.choice("0123456789abcdefABCDEF")
                                                        for _ in range(rng.randint(0, 20)))
        e = int(m.group(4)) + rng.randint(-60, 60)
        h = (rng.choice(["", " ", "\t"]) + m.group(1) + rng.choice(["0x", "0X", ""]) + m.group(2) +
             rng.choice([".", ""]) + frac + rng.choice(["p", "P"]) + str(e) + rng.choice(["", " "]))
    add("X", "", h, lambda h=h: repr(float.fromhex(h)))


# ------------------------------------------------------------------ output

def c_bytes(b):
    """A C string literal for arbitrary bytes (octal escapes never run on)."""
    parts = ['"']
    for c in b:
        if c in (0x22, 0x5C):
            parts.append("\\" + chr(c))
        elif 0x20 <= c < 0x7F and c != 0x3F:  # '?' could form trigraphs
            parts.append(chr(c))
        else:
            parts.append("\\%03o" % c)
    parts.append('"')
    return "".join(parts)


def utf8(s):
    return s.encode("utf-8", "surrogatepass")


def text_field(b):
    out = []
    for c in b:
        if c == 0x5C:
            out.append("\\\\")
        elif c == 0x09:
            out.append("\\t")
        elif c == 0x0A:
            out.append("\\n")
        elif c < 0x20 or c == 0x7F:
            out.append("\\x%02x" % c)
        else:
            out.append(chr(c))
    return "".join(out).encode("latin-1")


if TEXT:
    w = sys.stdout.buffer
    for kind, value, arg, status, text in cases:
        w.write(b"\t".join([kind.encode(), text_field(utf8(value)), text_field(utf8(arg)), str(status).encode(),
                             text_field(utf8(text))]) + b"\n")
    sys.exit(0)

print("/* Generated by gen_numfmt_cases.py from CPython 3.11.2; do not edit. */")
print("struct NumfmtCase {")
print("    char kind;")
print("    const char *value, *arg;")
print("    int status;")
print("    const char *expected;")
print("    unsigned expected_len;")
print("    unsigned value_len, arg_len;")
print("};")
print("static const struct NumfmtCase numfmt_cases[] = {")
for kind, value, arg, status, text in cases:
    v, a, t = utf8(value), utf8(arg), utf8(text)
    print("    {'%s', %s, %s, %d, %s, %d, %d, %d}," % (kind, c_bytes(v), c_bytes(a), status, c_bytes(t), len(t), len(v),
                                               len(a)))
print("};")
