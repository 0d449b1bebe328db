#!/usr/bin/python3.11
"""Writes the cases that tests/unit/test_ustr.c checks src/core/ustr.c
against: CPython 3.11's answers for the str methods on random and chosen
strings.

    /usr/bin/python3.11 tests/unit/data/gen_ustr_cases.py > tests/unit/data/ustr_cases.txt

One case per line: `OP ARG ... = RESULT ...`, tokens separated by spaces:
  s<hex>,<hex>,...   a string as its code points in hex ("s" alone is "")
  b<hex>,<hex>,...   bytes
  i<n>               an integer          n    None
  T / F              booleans
  L<k>               a list: the next k tokens are its items
  E                  ValueError (empty separator)
  C<start>,<end>,<reason with _ for spaces>   a UnicodeError's details
The random strings mix ASCII, Latin-1, other BMP and astral code points so
every width and every width change of a result is exercised; the seed is
fixed, so the file only changes when this script does.
"""
import random
import sys

R = random.Random(3110)

ASCII = list("abcAB xyzXYZ019_-+\t\n\r.,")
LATIN1 = list("éÉßµÿ\xa0\x85\xaa\xba\xc0\xe0\xbd")
BMP = list("ΣσςİıǅǆǄŉΐΆάﬀﬁ\u0301\u0345\u2028\u2029\u3000\u1680\u2167ⅷ一二Ωω\u0130\u1e9e\u00df\u03d0\u1fbc\u1f80\ud800\udc00\u200b\u00ad\u2000\u0660\u0966\u00b2\u2460")
ASTRAL = list("\U0001d400\U0001f600\U00010400\U00010428\U0001e900\U0001e922\U000104b0\U0001d7ce\U00010107\U000e0001")
POOLS = [ASCII, ASCII + LATIN1, ASCII + BMP, ASCII + LATIN1 + BMP + ASTRAL, ASTRAL + ASCII, BMP]
SPACES = list(" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009\u200a\u2028\u2029\u202f\u205f\u3000") + ["\u200b", "x"]


def rstr(maxlen=12, pool=None):
    pool = pool or R.choice(POOLS)
    return "".join(R.choice(pool) for _ in range(R.randint(0, maxlen)))


def enc(v):
    if v is None:
        return "n"
    if v is True:
        return "T"
    if v is False:
        return "F"
    if isinstance(v, int):
        return "i%d" % v
    if isinstance(v, str):
        return "s" + ",".join("%x" % ord(c) for c in v)
    if isinstance(v, bytes):
        return "b" + ",".join("%x" % c for c in v)
    if isinstance(v, (list, tuple)):
        return " ".join(["L%d" % len(v)] + [enc(x) for x in v])
    raise TypeError(v)


out = []


def case(op, args, fn):
    try:
        r = fn()
    except ValueError as e:
        if isinstance(e, UnicodeError):
            r = "C%d,%d,%s" % (e.start, e.end, e.reason.replace(" ", "_"))
        else:
            r = "E"
    else:
        r = enc(r)
    out.append("%s %s = %s" % (op, " ".join(enc(a) for a in args), r))


def search_pair():
    """A haystack over a small alphabet and a needle likely to occur."""
    kind = R.randrange(4)
    alpha = R.choice([list("ab"), list("abc"), ["a", "\xe9"], ["a", "\u03a3", "b"],
                      ["a", "\U0001f600"], ["\u4e00", "\u4e01"], list("aaab")])
    h = "".join(R.choice(alpha) for _ in range(R.randint(0, 40)))
    if kind == 0 and h:
        i = R.randrange(len(h))
        n = h[i:i + R.randint(0, 6)]
    elif kind == 1:
        n = "".join(R.choice(alpha) for _ in range(R.randint(0, 5)))
    elif kind == 2:
        n = rstr(3)
    else:
        n = "".join(R.choice(alpha + ["\U0001f600", "\u0100", "\xff"]) for _ in range(R.randint(1, 3)))
    return h, n


BOUNDS = [None, 0, 1, 2, 3, -1, -2, -3, -100, 5, 100, 7]

for _ in range(600):
    h, n = search_pair()
    st = R.choice(BOUNDS)
    en = R.choice(BOUNDS) if R.random() < 0.6 else None
    for op in ("find", "rfind", "count", "startswith", "endswith"):
        case(op, [h, n, st, en], lambda op=op: getattr(h, op)(n, st, en))

# Long haystacks for the skip logic.
for _ in range(50):
    alpha = R.choice([list("ab"), list("abcd"), list("ab\u0100"), list("a\U00010000")])
    h = "".join(R.choice(alpha) for _ in range(R.randint(50, 300)))
    i = R.randrange(len(h))
    n = h[i:i + R.randint(1, 12)] if R.random() < 0.7 else "".join(R.choice(alpha) for _ in range(R.randint(2, 8)))
    for op in ("find", "rfind", "count"):
        case(op, [h, n, None, None], lambda op=op: getattr(h, op)(n))

for _ in range(600):
    pool = R.choice([SPACES + list("ab\xe9\u0100\U0001f600"), SPACES[:3] + ["a", "b"]])
    s = rstr(16, pool)
    ms = R.choice([-1, -1, 0, 1, 2, 3, 100])
    case("split", [s, None, ms], lambda: s.split(None, ms))
    case("rsplit", [s, None, ms], lambda: s.rsplit(None, ms))
    case("splitlines", [s, False], lambda: s.splitlines(False))
    case("splitlines", [s, True], lambda: s.splitlines(True))
    case("strip", [s, None], lambda: s.strip())
    case("lstrip", [s, None], lambda: s.lstrip())
    case("rstrip", [s, None], lambda: s.rstrip())
    case("isspace", [s], lambda: s.isspace())

for _ in range(400):
    h, n = search_pair()
    ms = R.choice([-1, -1, 0, 1, 2, 3, 100])
    case("split", [h, n, ms], lambda: h.split(n, ms))
    case("rsplit", [h, n, ms], lambda: h.rsplit(n, ms))
    case("partition", [h, n], lambda: h.partition(n))
    case("rpartition", [h, n], lambda: h.rpartition(n))
    new = R.choice(["", "-", "\xe9\xe9", "\u0100", "\U0001f600x", "ab", rstr(3)])
    cnt = R.choice([-1, -1, 0, 1, 2, 5])
    case("replace", [h, n, new, cnt], lambda: h.replace(n, new, cnt))
    chars = n
    case("strip", [h, chars], lambda: h.strip(chars))
    case("lstrip", [h, chars], lambda: h.lstrip(chars))
    case("rstrip", [h, chars], lambda: h.rstrip(chars))

CASE_WORDS = ["ß", "İ", "ŉ", "ΣΑΣ", "ΌΣΟΣ", "ΣΑΣ ΣΑΣ", "aΣ", "aΣb", "aΣ.", "a\u0301Σ", "aΣ\u0301",
              "Σ", "ǅ", "ǆAΣ", "ǄǅǆDz", "ﬁre ﬂy", "\u0345", "ΐ", "hello world", "HELLO",
              "they're bill's", "\U00010400\U00010428", "\U0001e900\U0001e922x", "ǆemal", "i̇",
              "aΣ\U0001d400", "1aΣ", "ᾼ", "ᾀ", "ﬃ", "\u1e9e", "ꭰ", "ς", "σς", "A\u00adΣ"]
for w in CASE_WORDS + [rstr(10) for _ in range(300)]:
    for op in ("lower", "upper", "casefold", "title", "capitalize", "swapcase",
               "isalpha", "isalnum", "isdecimal", "isdigit", "isnumeric", "islower",
               "isupper", "istitle", "isprintable", "isascii", "isidentifier", "isspace"):
        case(op, [w], lambda op=op: getattr(w, op)())

IDENTS = ["", "_", "a", "1a", "a1", "_1", "é", "ǅx", "a b", "\u2167", "℘", "℮", "·", "a·",
          "\u0301", "a\u0301", "\U0001d400", "\u309b", "a\u309b", "\u00b2", "ª", "x\u200b",
          "x\u200c", "\u0660", "a\u0660", "$"]
for w in IDENTS + ["", "1", "1a", "A1", " ", "\u2167", "Ab Cd", "Ab cD", "ǅa", "aǅ", "A1B", "ⅷ"]:
    for op in ("isidentifier", "istitle", "islower", "isupper", "isalpha", "isprintable",
               "isnumeric", "isdigit", "isdecimal", "isalnum"):
        case(op, [w], lambda op=op: getattr(w, op)())

for _ in range(400):
    s = rstr(8)
    w = R.choice([-5, 0, 1, 3, 5, 8, 9, 10, 13, 20])
    fill = R.choice([" ", "*", "\xe9", "\u0100", "\U0001f600"])
    for op in ("center", "ljust", "rjust"):
        case(op, [s, w, fill], lambda op=op: getattr(s, op)(w, fill))
    z = R.choice(["", "+", "-", "++", "-1", "+\u0100", "12", "-\U0001f600", s])
    case("zfill", [z, w], lambda: z.zfill(w))
for s in ["", "a", "ab", "abc", "abcd"]:
    for w in range(0, 9):
        case("center", [s, w, "*"], lambda: s.center(w, "*"))

for _ in range(300):
    s = rstr(14, R.choice([list("ab\t\n\r"), list("a\t\xe9\u0100\U0001f600\r\n")]))
    ts = R.choice([-3, 0, 1, 2, 4, 8])
    case("expandtabs", [s, ts], lambda: s.expandtabs(ts))

for _ in range(300):
    sep = R.choice(["", ",", ", ", "\xe9", "\u0100", "\U0001f600"])
    items = [rstr(4) for _ in range(R.randint(0, 5))]
    case("join", [sep, items], lambda: sep.join(items))

for _ in range(600):
    a = rstr(5, R.choice([list("ab\xe9"), list("a\u0100\xff"), list("a\U0001f600\uffff")]))
    b = a if R.random() < 0.2 else (a[:R.randint(0, len(a))] if R.random() < 0.3 else
                                    rstr(5, R.choice([list("ab\xe9"), list("a\u0100\xff"), list("a\U0001f600\uffff")])))
    case("compare", [a, b], lambda: (a > b) - (a < b))

# UTF-8: round trips, lone surrogates, and malformed bytes.
for _ in range(400):
    s = rstr(10)
    case("encode", [s], lambda: s.encode("utf-8"))
    good = s.encode("utf-8", "surrogatepass")
    case("decodesp", [good], lambda: good.decode("utf-8", "surrogatepass"))
    case("decode", [good], lambda: good.decode("utf-8"))
for s in ["\ud800", "a\ud800\udc00b", "ab\udfff", "\udc00\ud800x\ud800"]:
    case("encode", [s], lambda: s.encode("utf-8"))
SPECIAL_BYTES = [b"\x80", b"\xc0\x80", b"\xc1\xbf", b"\xc2", b"\xc2\x41", b"\xe0\x80\x80", b"\xe0\xa0",
                 b"\xe0\xa0\x41", b"\xed\xa0\x80", b"\xed\x9f\xbf", b"\xef\xbf\xbf", b"\xf0\x80",
                 b"\xf0\x90\x80", b"\xf0\x90\x80\x80", b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80",
                 b"\xf5", b"\xff", b"a\xe2\x82", b"a\xe2\x82b", b"\xf1\x80\x80", b"\xf1\x80\x41\x80"]
for bs in SPECIAL_BYTES:
    case("decode", [bs], lambda: bs.decode("utf-8"))
for _ in range(600):
    bs = bytes(R.choice([0x41, 0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xa0, 0x9f, 0xf0, 0xf4,
                         0x90, 0x8f, 0xf5, 0xc0]) for _ in range(R.randint(0, 6)))
    case("decode", [bs], lambda: bs.decode("utf-8"))

sys.stdout.write("\n".join(out) + "\n")
