#!/usr/bin/python3.11
"""Generates literal_cases.h, the expected values for tests/unit/test_literal.c.

Every expected value comes from CPython 3.11 itself (ast.parse, repr,
ast.dump), so run this with python3.11:

    /usr/bin/python3.11 tests/unit/data/gen_literal_cases.py > tests/unit/data/literal_cases.h

Sections:
  number_cases   NUMBER token text -> constant kind and repr
  string_cases   literal source -> decoded value and repr, or SyntaxError msg
  float_cases    double (as a C hex literal) -> repr, and the complex repr
  str_repr_cases arbitrary str values (UTF-8, surrogates encoded) -> repr
  dump_cases     source -> C code building the same tree -> ast.dump output
"""
import ast
import os
import random
import re
import struct
import sys
import unicodedata
import warnings

assert sys.version_info[:2] == (3, 11), "expected values must come from 3.11"
warnings.simplefilter("ignore")  # invalid escape sequence warnings

HERE = os.path.dirname(os.path.abspath(__file__))
AST_DEF = os.path.join(HERE, "..", "..", "..", "src", "parse", "ast.def")

out = []


def emit(line=""):
    out.append(line)


def c_bytes(b):
    """A C string literal for arbitrary bytes (octal escapes never run on)."""
    parts = []
    for c in b:
        ch = chr(c)
        if c < 0x80 and (ch.isalnum() or ch in " _.,:;=+-*/()[]{}<>!#%&|^~@$'`"):
            parts.append(ch)
        else:
            parts.append("\\%03o" % c)
    return '"' + "".join(parts) + '"'


def c_str(s):
    return c_bytes(s.encode("utf-8", "surrogatepass"))


def c_double(x):
    if x != x:
        return "NAN"
    if x in (float("inf"), float("-inf")):
        return "INFINITY" if x > 0 else "-INFINITY"
    return x.hex()


def const_kind(v):
    if v is None:
        return "AST_CONST_NONE"
    if v is True:
        return "AST_CONST_TRUE"
    if v is False:
        return "AST_CONST_FALSE"
    if v is ...:
        return "AST_CONST_ELLIPSIS"
    if isinstance(v, int):
        return "AST_CONST_INT" if -2**63 <= v < 2**63 else "AST_CONST_BIGINT"
    if isinstance(v, float):
        return "AST_CONST_FLOAT"
    if isinstance(v, complex):
        return "AST_CONST_COMPLEX"
    if isinstance(v, str):
        return "AST_CONST_STR"
    if isinstance(v, bytes):
        return "AST_CONST_BYTES"
    raise TypeError(v)


# ---------------------------------------------------------------- numbers

NUMBERS = [
    "0", "7", "00", "0_0", "1_000_000", "0x_ff", "0XFF", "0o17", "0O7_7", "0b1010",
    "0B_1", "9223372036854775807", "9223372036854775808", "18446744073709551616",
    "0x7fffffffffffffff", "0x8000000000000000", "0xffffffffffffffffffff",
    "0o1777777777777777777777", "0b" + "1" * 63, "0b" + "1" * 64, "0b" + "10" * 100,
    "1" * 400, "1_" * 50 + "0", "0" * 40, "0" * 40 + ".5",
    "0x" + "f" * 300, "0o" + "7" * 250,
    "1.", ".5", "0.0", "1.5", "1e10", "1E-5", "1_0.0_1e1_0", "1e22", "1e23", "1e-7",
    "0.1", "0.30000000000000004", "5e-324", "2e-324", "3e-324", "1e-400",
    "1.7976931348623157e308", "1.7976931348623159e308", "1e309", "123456789012345678.0",
    "9007199254740993.0", "1e15", "1e16", "0.0001", "0.00001", "100000000000000000000.0",
    "2.5", "1_000.000_1", "0e0", "00.5", "0000001.5e-0003", "3.14159265358979323846264338327950288",
    "1j", "1.5J", "0j", "1e16j", "1e309j", "10j", "1_0j", "0.1j", "1e-5j", "123456789012345678901234567890j",
    "09.5", "0e10",
]


def gen_numbers():
    emit("static const struct NumberCase {")
    emit("    const char *text;")
    emit("    AstConstKind kind;")
    emit("    const char *repr;")
    emit("} number_cases[] = {")
    for text in NUMBERS:
        v = eval(text)
        emit("    { %s, %s, %s }," % (c_str(text), const_kind(v), c_str(repr(v))))
    emit("};")
    emit()


# ---------------------------------------------------------------- strings

STRINGS = [
    r'""', r'"abc"', r"'it\'s'", r'"\x41\x7e\x7f\xff"', r'"\u00e9\u20ac"', r'"\U0001F600"',
    r'"\U0010ffff"', r'"\ud800"', r'"\udfff\ud800"', r'"\ud83d\ude00"', r'"\0\00\000\0000"',
    r'"\1\12\123\1234"', r'"\400"', r'"\777"', r'"\8\9"', r'"\a\b\f\v\n\r\t"',
    r'"\\\'\""', '"a\\\nb"', r'"\q\w\e\ \{"', r'"\é"', r'"é\x41é"', r'"\u12345"',
    r'"\N{LATIN SMALL LETTER A}"', r'"\N{latin small letter a}"', r'"\N{EMPTY SET}x"',
    r'"\N{EURO SIGN}\N{GRINNING FACE}"',
    r'"\x4"', r'"\x"', r'"\x4g"', r'"\xg"', r'"ab\x4"', r'"é\x4"', r'"éé\x4"', r'"\é\x4"',
    r'"\u12"', r'"\u"', r'"\U00110000"', r'"\U0011000"', r'"\Uffffffff"', r'"\N{NOPE}"',
    r'"\N"', r'"\Nx"', r'"\N{"', r'"\N{}"', r'"\N{abc"', r'"\N{é}"', r'"\N{é"', r'"\xé"',
    r'"\N{a}é\x4"', r'"\N{LATIN SMALL LETTER A}\x4"', r'"\N{EMPTY SET"', r'"é\N{NOPE}"',
    r'"\N{latin_small letter a}"', r'"\N{ LATIN SMALL LETTER A}"', r'"😀\u12"',
    r'r"\x4\N{nope}\\"', r'R"\n"', r'u"\x41"',
    r'b""', r'b"abc"', r'b"\x41\x7e\x7f\xff\x00"', r'b"\0\00\000\0000"', r'b"\400"',
    r'b"\777"', r'b"\8"', r'b"\u1234\N{x}"', r'b"\a\b\f\v\n\r\t\\\'\""', 'b"a\\\nb"',
    r'b"\x4"', r'b"ab\x4"', r'b"\x"', r'b"\xzz"', r'b"é"', r'rb"é"', r'Br"\x4"',
    r'b"it\'s"', r'b"\x22\x27"', r'"\x22\x27"', r"'\"'", r'"\x27"',
    '"""a\nb"""', '"""\\\n"""',
]


def split_literal(src):
    m = re.match(r"([a-zA-Z]*)('''|\"\"\"|'|\")(.*)\2$", src, re.S)
    prefix, quote, body = m.groups()
    return prefix.lower(), body


def gen_strings():
    emit("static const struct StringCase {")
    emit("    const char *body;")
    emit("    size_t len;")
    emit("    bool raw, bytes, ok;")
    emit("    const char *value;   /* ok: decoded value; else: error message */")
    emit("    size_t value_len;")
    emit("    const char *repr;")
    emit("} string_cases[] = {")
    for src in STRINGS:
        prefix, body = split_literal(src)
        raw, isbytes = "r" in prefix, "b" in prefix
        b = body.encode()
        try:
            v = ast.literal_eval(src)
            ok = True
            enc = v if isbytes else v.encode("utf-8", "surrogatepass")
            val, vlen, rep = c_bytes(enc), len(enc), c_str(repr(v))
        except SyntaxError as e:
            ok = False
            val, vlen, rep = c_str(e.msg), 0, "NULL"
        emit("    { %s, %d, %s, %s, %s, %s, %d, %s }," % (
            c_bytes(b), len(b), str(raw).lower(), str(isbytes).lower(),
            str(ok).lower(), val, vlen, rep))
    emit("};")
    emit()


# ---------------------------------------------------------------- floats

def gen_floats():
    rng = random.Random(3110)
    values = [0.0, -0.0, 1.0, 0.1, 0.5, 1e16, 1e15, 9999999999999998.0, 1e22, 1e23, 1e-4,
              1e-5, 0.00012345, 1.5e-5, 5e-324, 1e-323, 2.2250738585072014e-308,
              2.225073858507201e-308, 1.7976931348623157e308, float("inf"), float("nan"),
              123456789.0, 1234567890123456.0, 12345678901234567.0, 0.3, 2 / 3, 100.0,
              float(2**53), float(2**53 + 2), float(2**63), 4.35, 0.001, 1e100, 1e-100]
    values += [2.0**k for k in range(-1074, 1024, 7)]
    values += [2.0**k for k in range(-30, 70)]
    for _ in range(400):
        while True:
            x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
            if x == x and abs(x) != float("inf"):
                break
        values.append(abs(x))
    for _ in range(300):
        digits = rng.randint(1, 17)
        m = rng.randint(1, 10**digits - 1)
        values.append(float("%de%d" % (m, rng.randint(-30, 30))))
    emit("static const struct FloatCase {")
    emit("    double value;")
    emit("    const char *repr, *complex_repr;")
    emit("} float_cases[] = {")
    for x in values:
        emit("    { %s, %s, %s }," % (c_double(x), c_str(repr(x)), c_str(repr(complex(0, x)))))
    emit("};")
    emit()


# ---------------------------------------------------------------- str repr

def gen_str_reprs():
    values = ["", "'", '"', "'\"", "a'b", 'a"b', "\\", "\x00\x1f\x7f\x80\x9f\xa0\xad\xff",
              "\u0100\u0300\u037f\u2028\u2029\u200b\ufeff\ue000\ufffd\uffff",
              "\U00010000\U0001f600\U000e0001\U000f0000\U0010ffff\U0001d400",
              "\ud800\udbff\udc00\udfff", "\u3000\u00a0\u1680", "日本語", "é\u0301",
              "\t\n\r\x0b\x0c", "\x85", "\u061c\u180e\u200e"]
    values += ["".join(map(chr, range(i, i + 32))) for i in range(0, 0x300, 32)]
    # Random characters, leaving out ones unassigned in 3.11's Unicode 14.0:
    # later Unicode versions assign some of them, which would make the
    # expected repr depend on the version of the database under test.
    rng = random.Random(311)

    def random_char():
        while True:
            c = chr(rng.choice([rng.randint(0, 0x7ff), rng.randint(0, 0xffff),
                                rng.randint(0, 0x10ffff)]))
            if unicodedata.category(c) != "Cn":
                return c

    for _ in range(60):
        values.append("".join(random_char() for _ in range(12)))
    emit("static const struct StrReprCase {")
    emit("    const char *utf8;")
    emit("    size_t len;")
    emit("    const char *repr;")
    emit("} str_repr_cases[] = {")
    for s in values:
        b = s.encode("utf-8", "surrogatepass")
        emit("    { %s, %d, %s }," % (c_bytes(b), len(b), c_str(repr(s))))
    emit("};")
    emit()


# ---------------------------------------------------------------- dumps

def read_ast_def():
    text = open(AST_DEF).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    nodes = {}
    for m in re.finditer(r"NODE\((\w+),\s*(\w+),(.*?)\)\s*(?=NODE|$)", text, re.S):
        fields = re.findall(r"F\((\w+),\s*(\w+)\)", m.group(3))
        nodes[m.group(2)] = fields
    return nodes


SOURCES = [
    ("exec", "x = 1\n"),
    ("exec", "def f(a, /, b: int = 1, *c, d, e=2, **k) -> int:\n    'doc'\n    return a\n"),
    ("exec", "async def g():\n    await x\n    async for i in y: pass\n    async with a as b, c: pass\n"),
    ("exec", "@dec\nclass C(B, metaclass=M):\n    x: int\n    y: int = 2\n    (z): int\n"),
    ("exec", "del a, b[0], c.d\nx += 1\na = b = 3\nfor i in r:\n    break\nelse:\n    continue\n"),
    ("exec", "while x:\n    pass\nelse:\n    pass\nif a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n"),
    ("exec", "with open(f) as g:\n    pass\n"),
    ("exec", "match p:\n    case 1 | 2.5 | -3 | 1+2j: pass\n    case None: pass\n    case True: pass\n"
             "    case [a, *rest]: pass\n    case {'k': v, **kw}: pass\n    case Point(1, y=2) if y: pass\n"
             "    case (x as y): pass\n    case _: pass\n    case [*_]: pass\n    case a.b: pass\n"),
    ("exec", "raise E from F\nraise\ntry:\n    pass\nexcept E as e:\n    pass\nexcept:\n    pass\n"
             "else:\n    pass\nfinally:\n    pass\n"),
    ("exec", "try:\n    pass\nexcept* E:\n    pass\n"),
    ("exec", "assert x, 'm'\nimport a.b as c, d\nfrom .. m import (x as y, z)\nfrom . import q\n"
             "from m import *\nglobal g, h\n"),
    ("exec", "def o():\n    nonlocal n\n    yield\n    yield 1\n    yield from z\n"),
    ("exec", "a and b or c\n(y := 2)\n-x + ~y * +z @ w / 1 // 2 % 3 ** 4 << 5 >> 6 | 7 ^ 8 & 9 - 0\n"
             "not a\nlambda: 0\nlambda a, *b, c=1, **d: a\nx if y else z\n"),
    ("exec", "{1: 2, **d}\n{1, 2}\n[x for x in y if x if z]\n{x for x in y}\n{k: v for k, v in i}\n"
             "(x async for x in y)\n"),
    ("exec", "a < b <= c > d >= e == f != g is h is not i in j not in k\nf(a, *b, c=1, **d)\n"),
    ("exec", "f'a{b!r:>{w}}c{d=}'\nf'{x!s}{y!a}'\nu'u'\nb'\\x00\\'\"'\n'\\ud800\\U0001f600\\x85'\n"),
    ("exec", "x.y = z[1:2:3]\nz[::]\n*a, b = c\n[a, b] = c\n(a, b) = ()\n...\nNone\nTrue\nFalse\n"),
    ("exec", "1; 1.5; 2j; 10**30; 0xffffffffffffffffff; 1e400; 1e-5; 1e16; 'é日😀'\n"),
    ("exec", "x = 1  # type: int\ndef f(a, # type: int\n  ):\n  # type: (...) -> None\n  pass\n"
             "for i in x:  # type: int\n  pass\nwith a:  # type: int\n  pass\nz = 2  # type: ignore[e]\n"),
    ("exec", "résumé = ﬁ = 1\n"),
    ("exec", ""),
    ("single", "x = 1\n"),
    ("eval", "{**a, 1: 2}"),
    ("func_type", "(int, *str, **float) -> int"),
]


class DumpGen:
    def __init__(self, nodes):
        self.nodes = nodes
        self.lines = []
        self.count = 0

    def var(self, prefix):
        self.count += 1
        return "%s%d" % (prefix, self.count)

    def node(self, n):
        if n is None:
            return "NULL"
        kind = type(n).__name__
        fields = self.nodes[kind]
        assert tuple(f for _, f in fields) == n._fields, kind
        if "end_col_offset" in n._attributes:
            pos = "(AstPos){ %d, %d, %d, %d }" % (n.lineno, n.col_offset, n.end_lineno,
                                                  n.end_col_offset)
        else:
            pos = "(AstPos){ 0, 0, 0, 0 }"
        v = self.var("n")
        self.lines.append("AstNode *%s = ast_new(a, AST_%s, %s);" % (v, kind, pos))
        for ftype, fname in fields:
            value = getattr(n, fname)
            lhs = "%s->v.%s.%s" % (v, kind, fname)
            if ftype in ("expr", "expr_opt", "pattern", "pattern_opt", "arg_opt", "args"):
                self.lines.append("%s = %s;" % (lhs, self.node(value)))
            elif ftype.endswith("_seq"):
                items = []
                for item in value:
                    if ftype == "ident_seq":
                        items.append("(void *)%s" % c_str(item))
                    elif ftype == "cmpop_seq":
                        items.append("(void *)(intptr_t)AST_%s" % type(item).__name__)
                    else:
                        items.append(self.node(item))
                s = self.var("s")
                self.lines.append("AstSeq *%s = ast_seq_new(a, %d);" % (s, len(items)))
                for i, it in enumerate(items):
                    self.lines.append("%s->items[%d] = %s;" % (s, i, it))
                self.lines.append("%s = %s;" % (lhs, s))
            elif ftype in ("ident", "ident_opt", "str_opt"):
                self.lines.append("%s = %s;" % (lhs, "NULL" if value is None else c_str(value)))
            elif ftype == "int":
                self.lines.append("%s = %d;" % (lhs, value))
            elif ftype in ("boolop", "binop", "unaryop", "ctx"):
                self.lines.append("%s = AST_%s;" % (lhs, type(value).__name__))
            elif ftype == "constant":
                self.constant(lhs, value)
            else:
                raise TypeError(ftype)
        return v

    def constant(self, lhs, value):
        kind = const_kind(value)
        self.lines.append("%s.kind = %s;" % (lhs, kind))
        if kind == "AST_CONST_INT":
            self.lines.append("%s.u.i = INT64_C(%d);" % (lhs, value))
        elif kind == "AST_CONST_BIGINT":
            d = str(value)
            self.lines.append("%s.u.s = %s; %s.len = %d;" % (lhs, c_str(d), lhs, len(d)))
        elif kind == "AST_CONST_FLOAT":
            self.lines.append("%s.u.f = %s;" % (lhs, c_double(value)))
        elif kind == "AST_CONST_COMPLEX":
            self.lines.append("%s.u.f = %s;" % (lhs, c_double(value.imag)))
        elif kind in ("AST_CONST_STR", "AST_CONST_BYTES"):
            b = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
            self.lines.append("%s.u.s = %s; %s.len = %d;" % (lhs, c_bytes(b), lhs, len(b)))


def gen_dumps():
    nodes = read_ast_def()
    seen = set()
    names = []
    for i, (mode, src) in enumerate(SOURCES):
        tree = ast.parse(src, mode=mode, type_comments=True)
        seen.update(type(n).__name__ for n in ast.walk(tree))
        g = DumpGen(nodes)
        root = g.node(tree)
        emit("static AstNode *dump_case_%d(Arena *a)" % i)
        emit("{")
        for line in g.lines:
            emit("    " + line)
        emit("    return %s;" % root)
        emit("}")
        emit()
        names.append((i, ast.dump(tree, include_attributes=True)))
    missing = set(nodes) - seen
    assert not missing, "no dump case covers %s" % sorted(missing)
    emit("static const struct DumpCase {")
    emit("    AstNode *(*build)(Arena *a);")
    emit("    const char *expected;")
    emit("} dump_cases[] = {")
    for i, expected in names:
        emit("    { dump_case_%d, %s }," % (i, c_str(expected + "\n")))
    emit("};")


emit("/* Generated by tests/unit/data/gen_literal_cases.py with CPython %d.%d.%d; do not edit. */"
     % sys.version_info[:3])
emit()
gen_numbers()
gen_strings()
gen_floats()
gen_str_reprs()
gen_dumps()
sys.stdout.write("\n".join(out) + "\n")
