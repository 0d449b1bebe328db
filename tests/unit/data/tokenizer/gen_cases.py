#!/usr/bin/python3.11
"""Generates cases.h, the expected values for tests/unit/test_tokenizer.c.

Run with CPython 3.11 (Debian's /usr/bin/python3.11):

    /usr/bin/python3.11 tests/unit/data/tokenizer/gen_cases.py \\
        > tests/unit/data/tokenizer/cases.h

Every expected value comes from CPython:

token_cases     Sources and their tokens.  NAME, NUMBER, STRING and operator
                positions come from the tokenize module (3.11's pure-Python
                tokenizer places these tokens as the C tokenizer does),
                columns turned from characters into UTF-8 bytes.  f-strings
                using PEP 701 come from python3.12's tokenize (the C
                tokenizer there), the FSTRING_START..FSTRING_END group making
                one STRING.  NEWLINE, INDENT, DEDENT and ENDMARKER are placed
                as CPython 3.11's C tokenizer places them, which the tokenize
                module does not show: the rules are applied here to
                tokenize's tokens, and position_cases checks the rules
                against CPython's own error positions.
error_cases     Sources CPython rejects in the tokenizer: exception class,
                message, lineno, offset, end_lineno, end_offset, turned into
                0-based byte columns (an offset <= 0 stays as offset - 1; an
                end_lineno of None becomes 0).  They are those of running the
                source as a file (`python3.11 FILE`), except for errors found
                while decoding, which are compile()'s (as for an imported
                module: running a file reports "Non-UTF-8 code starting
                with ..." and "encoding problem: NAME" instead).  The two
                ways differ otherwise only at the end of the text.  `soft`
                is found by compiling "$\\n" + source: a soft error does not
                replace the parser's "invalid syntax" at the '$' (see
                Tokenizer.soft_error).
position_cases  Sources whose parse fails at a NEWLINE, INDENT, DEDENT or
                ENDMARKER token: CPython's error position there, running the
                source as a file (`python3.11 FILE`, whose positions at the
                end of the text differ from compile()'s), is the token's
                position in our conventions.
"""
import ast
import io
import keyword
import subprocess
import sys
import tokenize
import warnings

assert sys.version_info[:2] == (3, 11), "expected values must come from 3.11"
warnings.simplefilter("ignore")

PY312 = "/root/.pyenv/versions/3.12.1/bin/python3.12"


def cstr(b):
    """A C string literal for bytes b."""
    out = ['"']
    prev_hex = False
    for c in b:
        ch = chr(c)
        if ch == '"' or ch == '\\':
            out.append('\\' + ch)
            prev_hex = False
        elif ch == '\n':
            out.append('\\n')
            prev_hex = False
        elif 0x20 <= c < 0x7f and not (prev_hex and ch in '0123456789abcdefABCDEF'):
            out.append(ch)
            prev_hex = False
        elif 0x20 <= c < 0x7f:
            out.append('""' + ch)
            prev_hex = False
        else:
            out.append('\\x%02x' % c)
            prev_hex = True
    out.append('"')
    return ''.join(out)


def normalise(src):
    """What CPython's tokenizer reads: universal newlines, no BOM."""
    if src.startswith(b'\xef\xbb\xbf'):
        src = src[3:]
    return src.replace(b'\r\n', b'\n').replace(b'\r', b'\n')


def byte_col(line, col):
    return len(line[:col].encode('utf-8'))


def structural(kind, lineno, col):
    """INDENT/DEDENT/ENDMARKER as we give them: see tokenizer.c."""
    return (kind, lineno, col - 1, lineno, -2)


def last_line(text):
    """The line CPython's tokenizer is on at the end of the text: the last
    one (line 1 for an empty text)."""
    return max(1, text.count('\n') + (0 if text.endswith('\n') or not text else 1))


def tokens_311(src):
    text_bytes = normalise(src)
    toks = list(tokenize.tokenize(io.BytesIO(text_bytes).readline))
    enc = toks[0].string
    text = text_bytes.decode(enc)
    if text and not text.endswith('\n'):
        text += '\n'
    lines = text.split('\n')
    out = []
    comment = None
    eof_line = last_line(text)
    for t in toks[1:]:
        name = tokenize.tok_name[t.exact_type]
        if t.type in (tokenize.ENCODING, tokenize.NL):
            comment = None
            continue
        if t.type == tokenize.COMMENT:
            comment = t
            continue
        sl = lines[t.start[0] - 1] if t.start[0] <= len(lines) else ''
        if t.type == tokenize.NEWLINE:
            start = comment if comment and comment.start[0] == t.start[0] else t
            c0 = byte_col(sl, start.start[1])
            c1 = byte_col(sl, t.start[1])
            out.append(('NEWLINE', t.start[0], c0, t.start[0], c1))
        elif t.type == tokenize.INDENT:
            out.append(structural('INDENT', t.start[0], byte_col(sl, t.end[1])))
        elif t.type == tokenize.DEDENT:
            if t.start[0] > eof_line:
                out.append(structural('DEDENT', eof_line, 0))
            else:
                out.append(structural('DEDENT', t.start[0], byte_col(sl, t.start[1])))
        elif t.type == tokenize.ENDMARKER:
            out.append(structural('ENDMARKER', eof_line, 0))
        elif t.type == tokenize.ERRORTOKEN and t.string.isspace():
            continue   # tokenize.py reports the blank before an error token
        else:
            if t.type == tokenize.NAME and keyword.iskeyword(t.string):
                name = 'KW_' + t.string.upper()
            el = lines[t.end[0] - 1]
            out.append((name, t.start[0], byte_col(sl, t.start[1]), t.end[0],
                        byte_col(el, t.end[1])))
        comment = None
    return out


SCRIPT_312 = r'''
import io, sys, tokenize
src = sys.stdin.buffer.read()
toks = list(tokenize.tokenize(io.BytesIO(src).readline))
lines = src.decode().split('\n')
def bc(l, c): return len(lines[l - 1][:c].encode())
depth = 0
for t in toks[1:]:
    n = tokenize.tok_name[t.type]
    if n == 'FSTRING_START':
        if depth == 0: start = t.start
        depth += 1
    elif n == 'FSTRING_END':
        depth -= 1
        if depth == 0:
            print('STRING', start[0], bc(*start), t.end[0], bc(*t.end))
    elif depth == 0 and n not in ('ENCODING', 'NL', 'COMMENT', 'NEWLINE', 'INDENT', 'DEDENT', 'ENDMARKER'):
        print(tokenize.tok_name[t.exact_type], t.start[0], bc(*t.start), t.end[0], bc(*t.end))
'''


def tokens_312(src):
    """PEP 701 f-strings, delimited by 3.12's tokenizer.  These cases are
    single logical lines, so NEWLINE and ENDMARKER follow from the line."""
    r = subprocess.run([PY312, '-c', SCRIPT_312], input=src, capture_output=True, check=True)
    out = []
    for ln in r.stdout.decode().splitlines():
        k, a, b, c, d = ln.split()
        out.append((k, int(a), int(b), int(c), int(d)))
    nl = src.rstrip(b'\n').count(b'\n') + 1
    line = src.split(b'\n')[nl - 1]
    out.append(('NEWLINE', nl, len(line), nl, len(line)))
    out.append(structural('ENDMARKER', nl, 0))
    return out


def fmt_tokens(toks):
    return ' '.join('%s %d:%d-%d:%d' % t for t in toks)


TOKEN_CASES = [
    # Operators and delimiters, each one.
    b"a ( ) [ ] { } : , ; + - * / | & < > = . % == != <= >= ~ ^ << >> ** += -= *= /= %= &= |= ^= <<= >>= **= // //= @ @= -> ... :=\n",
    b"a<<=b>>=c**=d//=e...f.g..h\n",
    b"x=-1;y=~2\n",
    # Keywords, soft keywords and names.
    b"False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield\n",
    b"match case _ type print self __init__ Print NONE if_ _if\n",
    # Numbers.
    b"0 00 0_0 1 123 1_000_000 0x1F 0XdeadBEEF 0x_1 0o17 0O7_7 0b101 0B_1_0\n",
    b"1. .5 1.5 1e5 1E-5 1e+5 1.5e10 1_0.2_5e1_0 0.0 00.5 09.5 0e0\n",
    b"1j 1J 1.5j .5j 1e5j 0j 09j 1_0j 0_1j 09e1\n",
    b"1 .real\n",
    b"1if x else y\n",
    b"0x1for x in y\n",
    b"[0in x, 1or 2, 1and 2, 1is x, 1jif 1 else 2]\n",
    b"x = 1not in y\n",
    # Strings: every prefix, quotes, triple quotes, escapes, adjacency.
    b"'a' \"b\" '''c''' \"\"\"d\"\"\" '' \"\" '''''' \"\"\"\"\"\"\n",
    b"r'a' R'a' u'a' U'a' b'a' B'a' f'a' F'a'\n",
    b"br'a' bR'a' Br'a' BR'a' rb'a' rB'a' Rb'a' RB'a'\n",
    b"fr'a' fR'a' Fr'a' FR'a' rf'a' rF'a' Rf'a' RF'a'\n",
    b"ur'a' bu'a' ub'a' bf'a' x'a'\n",
    b"'a\\'b' \"a\\\"b\" 'a\\\\' r'a\\'b' '\\n' '''a'''''\n",
    b"s = '''line one\nline two\n  line three'''\n",
    b"s = 'a\\\nb'\n",
    b"s = (\"abc\"\n     'def'\n     f\"{x}\")\n",
    b"x = \"\"\"\n\"\"\" + 'y'\n",
    # 3.11 f-strings.
    b"f'{x}' f\"{x!r}\" f'{x:>10}' f'{x!r:^{w}.{p}}' f'{{}}' f'{x=}' f'{x = !s:>3}'\n",
    b"f'{a[\"k\"]}' f\"{'a' if b else 'c'}\" f'{(lambda: 1)()}' f'{ {1: 2}[1] }'\n",
    b"f'''{\nx\n}''' rf'\\{x}' f'\\N{BULLET} {x}'\n",
    # Indentation.
    b"if x:\n    y\n    if z:\n        w\n\n    v\nu\n",
    b"if x:\n    if y:\n        if z:\n            pass\n",
    b"if x:\n\ty\n\tif z:\n\t\tw\n",
    b"if x:\n  y\n# comment\n      # indented comment\n\n  z\n",
    b"if x:\n\x0c  y\n  \x0c  z\n",
    b"x = (1,\n  2,\n      3)\ny = [\n]\n",
    b"x = 1 + \\\n    2\nif x: \\\n  y\n",
    b"if x:\n  y = {\n'a': 1,\n}\n  z\n",
    b"class A:\n    def f(self):\n        return 1\n\nclass B: pass\n",
    # Comments and newlines.
    b"x = 1  # comment\n# only a comment\ny = 2 # another\n",
    b"x = 1",
    b"if x:\n  y",
    b"# just a comment",
    b"",
    b"\n\n\n",
    b"x\n\n\n# trailing\n",
    b"x = 1\r\ny = 2\r\n",
    b"x = 1\ry = 2\r\rz = '''a\r\nb'''\r",
    b"\xef\xbb\xbfx = 1\n",
    b"\xef\xbb\xbf# coding: utf-8\nx = 1\n",
    # Non-ASCII: byte columns.
    "\u00e9t\u00e9 = '\u00e9' + \u5b57 # \u00e9\n".encode(),
    "x = ('\u20ac', \u00e9)\n".encode(),
    "\u00e9 = 1\nif \u00e9:\n    \u00e0 = '''\u00e9\n\u00e9'''\n".encode(),
    b"# coding: latin-1\nx = '\xe9' + \xe9t\xe9\n",
    b"#!/usr/bin/env python\n# -*- coding: iso-8859-1 -*-\n\xe9 = 1\n",
    b"# coding: ascii\nx = 1\n",
    # Form feeds and tabs between tokens.
    b"x\x0c=\t1\n",
    # The error token.
    b"x $ y ? z `\n",
]

# PEP 701 f-strings (3.12 delimits them; single logical lines only).
FSTRING_CASES = [
    b"f\"{\"a\"}\"\n",
    b"f'{f'{f'{1}'}'}'\n",
    b"f\"{x:{'a'}}\" f\"{a['b']:{c}}\"\n",
    b"f'{\"\\n\".join(a)}'\n",
    b"f'{a!r:{b}{c}}'\n",
    b"f\"\"\"{\"\"\"a\"\"\"}\"\"\"\n",
]

ERROR_CASES = [
    # Numbers.
    b"1_000_", b"1__0", b"1_", b"0_", b"0__0", b"0x", b"0x_", b"0xg", b"0xfg", b"0x1j",
    b"0x1_", b"0o", b"0o8", b"0o18", b"0o7x", b"0or 1", b"0b", b"0b2", b"0b12", b"0b1_",
    b"0b1x", b"1e", b"1e+", b"1e+z", b"1.e", b"1.0e-", b"1E+5_", b"1.e_1", b"1.5x",
    b"1.5_", b"1._5", b"1_.5", b"1.__class__", b".5x", b".5_", b"1j2", b"1jx",
    b"1e5x", b"1andy", b"1\xc3\xa9", b"0x1\xc3\xa9", b"1e\xc3\xa9",
    b"0_7", b"09", b"007", b"0_0_7", b"x = 0777 + 1",
    # Strings.
    b'"abc', b"x = 'abc", b'x = "abc\\"', b"rb'abc", b'x = f"abc', b'x = f"{x',
    b'"abc\\\ndef', b"'abc\\\ndef\n\n", b'x = """abc\n', b'x = """abc',
    b"x = '''abc\ndef\n\n", b'"""', b"f'''{x}\n", b"x = '''\n\n",
    b"x = 1\ny = 'a\n",
    # Brackets.
    b"(1,", b"x = (1,\n2,\n", b"x = [1,\n(2,\n", b"(", b"((\n)", b"x = (\\",
    b"x)", b"}", b"]\n", b"x = (1]", b"x = (1,\n2]", b"x = {1: (2]}",
    b"x = [\n1\n)", b"f(a)]",
    b"x = " + b"(" * 201 + b")" * 201 + b"\n",
    # Indentation.
    b"if 1:\n\tx\n        y\n", b"if 1:\n        x\n\ty\n", b"if 1:\n  x\n y\n",
    b"if x:\n  pass\n else:\n", b"if 1:\n\t\tif 2:\n\t\t\tpass\n\tx",
    b"if 1:\n \tx\n\t y\n",
    b"".join(b" " * i + b"if 1:\n" for i in range(100)) + b" " * 100 + b"x\n",
    # Line continuation.
    b"x = 1 \\", b"x = 1 \\\n", b"x = 1 \\ \n", b"x = 1 \\x", b"\\\n", b"x=1\n\\",
    b"x=1\ny = \\ z\n", b"if x:\n    y = 1 \\\n", b"x = 1 + \\\n  \\\n",
    b"x=1\n  \\\n", b"if 1:\n  x\n  \\\n", b"\\\n\\\n", b"  \\x", b"  \\ \n",
    # Continuation lines in the indentation.
    b"if 1:\n\tx\n\t\\\n        y\n", b"if 1:\n  x\n \\\n  y\n",
    # Characters.
    b"x = \xe2\x82\xac", b"x = a\xe2\x80\x8bb", b"a\xe2\x82\xacb", b"\xe2\x82\xac",
    b"x = \xc3\xa9\xe2\x82\xac", b"\x01", b"x = \x7f", b"x = \x0b", b"x = 1 \x1b",
    "x = \u00a0".encode(), "\u00b7x = 1".encode(), "x\u2028y = 1".encode(),
    "x = \U0001F600".encode(),
    # Invalid UTF-8 outside strings and comments.
    b"x\xff = 1", b"x = 1\n\xff", b"x = \xe2\x82", b"x = \xc3\xa9\xe2\x82 + 1",
    b"abc = \xc3\xa9\xff", b"x = a\xc3", b"\xef\xbb# coding: latin-1\n",
    b"x = \xe0\x80", b"x = \xed\xa0\x80", b"x = \xf0\x80", b"x = \xf4\x90",
    b"x = \xf0\x90\x80", b"x = \xf0\x90\x80x", b"x = \xf0\x90x", b"x = \xf5",
    b"x = \xc0\xaf",
    # Encodings.
    b"# coding: foo\nx=1", b"\n# coding: foo\nx=1", b"#!/usr/bin/python\n# -*- coding: foo -*-\n",
    b"  # coding: foo\n", b"# coding:  \t foo\n", b"#coding=foo.bar-baz_9!\n",
    b"# coding: utf8-foo\n", b"\x0c# coding: foo\n", b"# coding: utf8_sig\n",
    b"# coding: latin.1\n", b"# coding: # coding: foo\n", b"#coding:foo",
    b"# coding: foo\r# x", b"# vim: set fileencoding=foo :\n", b"# a\n  # coding: foo\n",
    b"# coding:\tfoo\n", b"# coding= foo\n", b"# coding: u\xc3\xa9\n",
    b"\xef\xbb\xbf# coding: utf8\n", b"\xef\xbb\xbf# coding: latin-1\n",
    b"\xef\xbb\xbf\n# coding: foo\n", b"# coding: ascii\nx='\xe9'",
    b"# coding: ascii\r\nx=1\r\ny='\xe9'", b"# coding: us-ascii\n\x80",
]

# Sources that are valid as far as the tokenizer goes, despite coding
# declarations that look odd.
DECL_OK_CASES = [
    b"x=1\n# coding: foo\n", b"x = 1 # coding: foo\n", b"# coding:\n", b"\\\n# coding: foo\n",
    b"\"\"\"\n# coding: foo\n\"\"\"", b"\n\n# coding: foo\n", b"#codingfoo: x\n",
    b"# codinG: foo\n", b"# coding=utf8\nx='\xc3\xa9'", b"# coding: UTF-8\n",
    b"# coding: utf_8\n", b"# coding: Utf-8-sig\n", b"# coding: u8\n", b"# coding: utf-8-foo\n",
    b"# coding: latin1\nx='\xe9'", b"# coding: l1\n", b"# coding: latin-1-foo\n",
    b"# coding: ISO-8859-1\n", b"# coding: iso_8859_1\n", b"# coding: Latin 1\nx='\xe9\xff'",
    b"# coding: us-ascii\n", b"#coding:ANSI_X3.4-1968\n", b"# coding: cp65001\n",
    b"\xef\xbb\xbf# coding: utf-8\n", b"\xef\xbb\xbf# coding: UTF_8\n",
    b"# coding: iso8859\n", b"# coding: 646\n",
]

POSITION_CASES = [
    (b"x = # comment\n", 'NEWLINE'),
    (b"x = \n", 'NEWLINE'),
    (b"x = 1 +\\\n\n", 'NEWLINE'),
    (b"x = 1 +\\\n# c\n", 'NEWLINE'),
    (b"x = 1 +", 'NEWLINE'),
    (b"if 1:\n  pass\n    x\n", 'INDENT'),
    (b"x = 1\n  \n    y\n", 'INDENT'),
    (b"if 1:\n  \x0c  x\n    y\n", 'INDENT'),
    (b"  x = 1\n", 'INDENT'),
    (b"\\\n  y = 1\n", 'INDENT'),
    (b"\\\n\\\n  x\n", 'INDENT'),
    (b"if 1:\n  x = 1\n    \\\n  y = 2\n", 'INDENT'),
    (b"  \\\nx = 1\n", 'INDENT'),
    (b"if 1:\n  @d\nx", 'DEDENT'),
    (b"if 1:\n  @d\n", 'DEDENT'),
    (b"class A:\n  @d\n\nx = 1", 'DEDENT'),
    (b"if x:\n", 'ENDMARKER'),
    (b"if x:", 'ENDMARKER'),
    (b"if x:\n\n\n", 'ENDMARKER'),
    (b"if x:\n  # c\n", 'ENDMARKER'),
    (b"class A:\n", 'ENDMARKER'),
    (b"if 1:\n  x = 1\n  if 2:\n", 'ENDMARKER'),
]


SITE = r'''
import sys
def hook(t, e, tb):
    print(repr((t.__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)))
sys.excepthook = hook
'''


def file_error(src):
    """The error `python3.11 FILE` reports, as a SyntaxError."""
    import os, tempfile
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, 'sitecustomize.py'), 'w') as f:
            f.write(SITE)
        path = os.path.join(d, 'case.py')
        with open(path, 'wb') as f:
            f.write(src)
        r = subprocess.run([sys.executable, path], capture_output=True,
                           env=dict(os.environ, PYTHONPATH=d))
    name, msg, l, o, el, eo = ast.literal_eval(r.stdout.decode())
    e = {'SyntaxError': SyntaxError, 'IndentationError': IndentationError,
         'TabError': TabError}[name](msg, ('f', l, o, None, el, eo))
    return e


def compile_error(src):
    try:
        compile(src, 'f', 'exec', ast.PyCF_ONLY_AST)
    except SyntaxError as e:
        return e
    except UnicodeDecodeError as e:
        return e   # CPython leaks this when a decoding error replaces another
    return None


def error_tuple(src, e):
    """CPython's error in our terms: 0-based byte columns."""
    kind = {'SyntaxError': 'SYNERR_SYNTAX', 'IndentationError': 'SYNERR_INDENTATION',
            'TabError': 'SYNERR_TAB'}[type(e).__name__]
    text = normalise(src)
    lines = text.split(b'\n')

    def col(lineno, off, chars):
        if off is None or off <= 0:
            return -2 if off is None else off - 1
        if not chars or not (0 < lineno <= len(lines)):
            return off - 1
        line = lines[lineno - 1].decode('utf-8', 'replace')
        return len(line[:off - 1].encode('utf-8'))

    # CPython counts characters in the tokenizer's own errors, bytes in the
    # errors its parser raises for the tokenizer when no encoding is
    # declared: the message tells them apart.
    chars = not (e.msg.startswith('(unicode error)') or e.msg.startswith('leading zeros'))
    lineno = e.lineno or 0
    c = col(lineno, e.offset, chars)
    if e.end_lineno is None:
        return (kind, e.msg, lineno, c, 0, 0)
    return (kind, e.msg, lineno, c, e.end_lineno, col(e.end_lineno, e.end_offset, chars))


def is_soft(src, e):
    if not e.lineno:
        return False   # found while decoding, before any token
    e = compile_error(b"$\n" + src)
    return isinstance(e, SyntaxError) and e.msg == 'invalid syntax' and e.lineno == 1


def main():
    print('/* Generated by gen_cases.py from CPython %s: do not edit. */' % sys.version.split()[0])
    print()
    print('static const struct TokenCase { const char *src; size_t len; const char *expected; } token_cases[] = {')
    for src in TOKEN_CASES:
        print('    {%s, %d,\n     %s},' % (cstr(src), len(src), cstr(fmt_tokens(tokens_311(src)).encode())))
    for src in FSTRING_CASES:
        print('    {%s, %d,\n     %s},' % (cstr(src), len(src), cstr(fmt_tokens(tokens_312(src)).encode())))
    print('};')
    print()
    print('static const struct ErrorCase {\n    const char *src; size_t len; SyntaxErrorKind kind; const char *msg;\n'
          '    int lineno, col, end_lineno, end_col; bool soft;\n} error_cases[] = {')
    for src in ERROR_CASES:
        e = compile_error(src)
        assert e is not None, src
        if e.lineno and not e.msg.startswith('(unicode error)'):
            e = file_error(src)
        kind, msg, l, c, el, ec = error_tuple(src, e)
        print('    {%s, %d, %s, %s, %d, %d, %d, %d, %s},' % (
            cstr(src), len(src), kind, cstr(msg.encode()), l, c, el, ec,
            'true' if is_soft(src, e) else 'false'))
    print('};')
    print()
    print('static const struct OkCase { const char *src; size_t len; } decl_ok_cases[] = {')
    for src in DECL_OK_CASES:
        assert compile_error(src) is None, src
        print('    {%s, %d},' % (cstr(src), len(src)))
    print('};')
    print()
    print('static const struct PositionCase {\n    const char *src; size_t len; const char *kind;\n'
          '    int lineno, col, end_lineno, end_col;\n} position_cases[] = {')
    for src, kind in POSITION_CASES:
        e = file_error(src)
        _, _, l, c, el, ec = error_tuple(src, e)
        print('    {%s, %d, "%s", %d, %d, %d, %d},  /* %s */' % (
            cstr(src), len(src), kind, l, c, el, ec, e.msg.replace('*/', '* /')))
    print('};')


main()
