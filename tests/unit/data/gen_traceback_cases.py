"""Generates traceback_cases.h for tests/unit/test_traceback_fmt.c.

Run with Debian's /usr/bin/python3.11 (the reference):
    /usr/bin/python3.11 tests/unit/data/gen_traceback_cases.py > tests/unit/data/traceback_cases.h

Each case is a small program that dies with an uncaught exception.  It is run
twice in a scratch directory:
  1. plainly, `python3.11 x.py`: its stderr, minus the final exception lines,
     is the expected output (the directory removed from the file names);
  2. under a helper (both runs with -X no_debug_ranges for the cases so named) that exec()s the same code object under the same file name,
     catches the exception and records, for every traceback entry, tb_lineno,
     co_name, sys.tracebacklimit, whether the file still exists, and the position co_positions() gives for the
     instruction at tb_lasti — exactly what CPython's printer looked at.
No expectation is written by hand.
"""
import os
import subprocess
import sys
import tempfile

PY = "/usr/bin/python3.11"

CASES = [
    # binary operators: ~ around the operands, ^ under the operator
    ("binop statement", "a = 1\nb = 'x'\na + b\n"),
    ("binop in assignment", "a = 1\nb = 'x'\nc = a + b\n"),
    ("binop parenthesised, comment", "a = 1\nb = 'x'\nc = (a  +   b)  # hi\n"),
    ("binop two-char operator", "a = 1; b = 0\nz = a // b\n"),
    ("binop power then div", "a = 1; b = 0\nz = a ** b + a / b\n"),
    ("binop no spaces", "a = 1; b = 0\nz = a/b\n"),
    ("binop space after op", "a = 1; b = 0\nz = a/ b\n"),
    ("binop parenthesised left: anchor on )", "a = 1; b = 0\nz = (a) / b\n"),
    ("binop parenthesised right: two-char anchor", "a = 1; b = 0\nz = a /(b)\n"),
    ("binop shift", "a = 1; b = -1\nz = a << b\n"),
    ("binop modulo string", "z = 1 % 'x'\n"),
    ("binop matmul", "z = 1 @ 2\n"),
    ("binop chained left", "a = 1; b = 0\nz = a + a * a / b - 1\n"),
    ("binop nested in call", "a = 1; b = 0\nprint(a / b)\n"),
    ("binop nested in call, whole", "a = 1; b = 0\nprint(a / b, a)\n"),
    ("augmented assignment", "a = 1\na += 'x'\n"),
    ("augmented assignment indented", "a = 1\nif a:\n    a //= 0\n"),
    ("compare", "z = 1 < 'x'\n"),
    ("compare chained", "z = 0 < 1 < 'x'\n"),
    ("unary", "z = -'x'\n"),
    ("unary whole line", "-'x'\n"),
    # subscripts
    ("subscript list", "c = [1][5]\n"),
    ("subscript dict, trailing spaces", "x = {}\nc = x['k']   \n"),
    ("subscript spaces", "x = [1]\nz = x  [ 5 ]\n"),
    ("subscript whole line", "x = {}\nx['k']\n"),
    ("subscript slice", "x = None\nz = x[1:2]\n"),
    ("subscript tuple", "x = {}\nz = x[1, 2]\n"),
    ("subscript chained", "x = {'a': {}}\nz = x['a']['b']\n"),
    ("subscript of call", "def g(): return {}\nz = g()['b']\n"),
    ("subscript store", "x = ()\nx[0] = 1\n"),
    ("subscript del", "x = ()\ndel x[0]\n"),
    # calls and attributes
    ("call statement, whole line", "def f(): 1/0\nf()\n"),
    ("call in assignment", "def f(): 1/0\nz = f()\n"),
    ("call with args", "def f(*a): 1/0\nz = f(1, 2)\n"),
    ("method call", "class C:\n    def m(self): 1/0\nz = C().m()\n"),
    ("call not callable", "z = 1\nz()\n"),
    ("call not callable assigned", "y = 1\nz = y()\n"),
    ("attribute whole line", "x = None\nx.y\n"),
    ("attribute indented whole line", "x = None\nif 1:\n    x.y\n"),
    ("attribute trailing spaces", "x = None\nx.y   \n"),
    ("attribute indented trailing spaces", "x = None\nif 1:\n    x.y   \n"),
    ("attribute in assignment", "x = None\nz = x.y\n"),
    ("attribute tab-indented", "x = None\nif 1:\n\tz = x.y\n"),
    ("attribute mixed indentation", "x = None\nif 1:\n  \t  z = x.y\n"),
    ("attribute form feed indentation", "x = None\n\x0cz = x.y\n"),
    ("attribute chained", "class C: pass\nz = C().a.b\n"),
    ("name error", "z = undefined_name\n"),
    ("name error whole line", "undefined_name\n"),
    ("name error in expression", "z = 1 + undefined_name\n"),
    ("raise statement", "raise ValueError('x')\n"),
    ("raise in function", "def f():\n    raise ValueError('x')\nf()\n"),
    ("raise indented with comment", "def f():\n    raise ValueError('x')  # boom\nf()\n"),
    ("assert", "assert 1 == 2\n"),
    ("assert with message", "x = 1\nassert x == 2, 'msg'\n"),
    ("import error", "import no_such_module_krait\n"),
    ("from import error", "from os import no_such_name_krait\n"),
    ("for over int", "for i in 5:\n    pass\n"),
    ("unpack", "a, b = 1\n"),
    ("with non-context", "with 1:\n    pass\n"),
    ("lambda", "f = lambda: 1/0\nf()\n"),
    ("comprehension", "z = [1/0 for i in range(3)]\n"),
    ("comprehension element", "z = [i/0 for i in range(3)]\n"),
    ("generator", "def g():\n    yield 1/0\nz = list(g())\n"),
    ("decorator", "def d(f): return 1/0\n@d\ndef f(): pass\n"),
    ("class body", "class C:\n    x = 1/0\n"),
    # several lines
    ("multi-line binop, first line marked", "a = 1; b = 0\nz = (a +\n   b) / b\n"),
    ("multi-line right operand", "a = 1; b = 0\nz = a / (b +\n  0)\n"),
    ("multi-line call statement", "def f(*a): 1/0\nf(1,\n  2)\n"),
    ("multi-line call assigned", "def f(*a): 1/0\nz = f(1,\n  2)\n"),
    ("multi-line call trailing spaces", "def f(*a): 1/0\nz = f(1,   \n  2)\n"),
    ("multi-line call trailing comment", "def f(*a): 1/0\nz = f(1,  # c\n  2)\n"),
    ("multi-line subscript", "x = [1]\nz = x[\n 5]\n"),
    ("multi-line attribute", "x = None\n(x.\ny)\n"),
    ("multi-line attribute indented", "x = None\nif 1:\n    (x.\ny)\n"),
    ("backslash continuation", "def f(*a): 1/0\nz = \\\n  f(1)\n"),
    ("backslash inside binop", "a = 1; b = 0\nz = a \\\n/ b\n"),
    ("multi-line string arg", "def f(*a): 1/0\nz = f('''x\ny''')\n"),
    ("multi-line non-ASCII first line", "\u00e9 = 1; b = 0\nz = '\u00e9\u00e9' + (\u00e9 +\n b) / b\n"),
    ("multi-line non-ASCII trailing spaces", "\u00e9 = 1; b = 0\nz = '\u00e9\u00e9' + (\u00e9 +    \n b) / b\n"),
    ("multi-line indented non-ASCII", "\u00e9 = 1; b = 0\nif 1:\n    z = '\u00e9\u00e9' + (\u00e9 +\n b) / b\n"),
    ("multi-line whole first line", "def f(*a): 1/0\nf(\n1)\n"),
    # non-ASCII: byte columns shown as characters
    ("non-ASCII before binop", "\u00e9 = 1; b = 0\nz = '\u00e9\u00e9' + \u00e9 / b\n"),
    ("non-ASCII indented", "\u00e9 = 1; b = 0\nif 1:\n    z = '\u00e9\u00e9' + \u00e9 / b\n"),
    ("non-ASCII operands", "\u00e9\u00e9 = 1; \u00fc = 0\nz = \u00e9\u00e9 / \u00fc\n"),
    ("non-ASCII subscript", "d = {}\nz = d['\u4e2d\u6587']\n"),
    ("non-ASCII three-byte", "\u4e2d = 1; b = 0\nz = '\u4e2d' + \u4e2d / b\n"),
    ("non-ASCII four-byte", "b = 0\nz = '\U0001F600' + 1 / b\n"),
    ("non-ASCII attribute", "\u00e9 = None\nz = \u00e9.y\n"),
    ("non-ASCII tab indented", "\u00e9 = 1; b = 0\nif 1:\n\tz = '\u00e9' + \u00e9 / b\n"),
    ("non-ASCII subscript value", "\u00e9\u00e9 = [1]\nz = \u00e9\u00e9[5]\n"),
    ("non-ASCII both operands", "\u00e9 = '\u00e9'\nz = \u00e9 / '\u00fc\u00fc'\n"),
    ("multi-line non-ASCII at end of first line", "def f(*a): 1/0\nz = f('\u00e9\u00e9\u00e9',\n 2)\n"),
    ("multi-line non-ASCII string then spaces", "def f(*a): 1/0\nz = f('\u4e2d\u4e2d',  \n 2)\n"),
    ("call of call result", "def f(x): return None\nz = f(1)(2)\n"),
    ("subscript of subscript whole line", "x = [[1]]\nx[0][3]\n"),
    ("binop inside subscript", "x = [1]; b = 0\nz = x[1 // b]\n"),
    ("coding declaration latin-1", None),  # filled below (bytes)
    ("CRLF line endings", "a = 1; b = 0\r\nz = a / b\r\n"),
    ("tab inside line", "a = 1; b = 0\nz = a /\tb\n"),
    ("tab before operand", "a = 1; b = 0\nz =\ta / b\n"),
    ("long line", "a = 1; b = 0\nz = " + " + ".join(["a"] * 60) + " + a / b\n"),
    ("long operands", "a = 1; b = 0\nz = (" + "a + " * 40 + "a) / b\n"),
    ("semicolon statements", "a = 1; b = 0; z = a / b\n"),
    ("no final newline", "a = 1; b = 0\nz = a / b"),
    ("deep indentation", "a = 1; b = 0\nif 1:\n  if 1:\n    if 1:\n        if 1:\n            z = a / b\n"),
    # frame sequences and the repetition rule
    ("two frames", "def f():\n    return 1/0\ndef g():\n    return f()\ng()\n"),
    ("three frames assigned", "def f():\n    return 1/0\ndef g():\n    x = f()\n    return x\nz = g()\n"),
    ("recursion 2 repeats", "def f(n):\n    if n == 0:\n        raise ValueError\n    f(n - 1)\nf(2)\n"),
    ("recursion 3 repeats", "def f(n):\n    if n == 0:\n        raise ValueError\n    f(n - 1)\nf(3)\n"),
    ("recursion 4 repeats", "def f(n):\n    if n == 0:\n        raise ValueError\n    f(n - 1)\nf(4)\n"),
    ("recursion 5 repeats", "def f(n):\n    if n == 0:\n        raise ValueError\n    f(n - 1)\nf(5)\n"),
    ("recursion 30 repeats", "def f(n):\n    if n == 0:\n        raise ValueError\n    f(n - 1)\nf(30)\n"),
    ("recursion 30 repeats assigned", "def f(n):\n    if n == 0:\n        raise ValueError\n    x = f(n - 1)\nz = f(30)\n"),
    ("mutual recursion", "def f(n):\n    if n == 0:\n        raise ValueError\n    g(n - 1)\ndef g(n):\n    f(n)\nf(6)\n"),
    ("recursion same line different columns",
     "def f(n):\n    if n == 0:\n        raise ValueError\n    return f(n - 1) if n % 2 else f(n - 1)\nf(8)\n"),
    ("recursion on one line", "def f(n): return 1/0 if n == 0 else f(n - 1)\nf(6)\n"),
    ("recursion then different frames", "def f(n):\n    if n == 0:\n        return h()\n    return f(n - 1)\ndef h():\n    return 1/0\nf(7)\n"),
    ("tracebacklimit 2", "import sys\nsys.tracebacklimit = 2\ndef f(n):\n    if n == 0:\n        raise ValueError\n    f(n - 1)\nf(5)\n"),
    ("tracebacklimit 1", "import sys\nsys.tracebacklimit = 1\ndef f():\n    1/0\nf()\n"),
    ("tracebacklimit 6 with recursion", "import sys\nsys.tracebacklimit = 6\ndef f(n):\n    if n == 0:\n        raise ValueError\n    f(n - 1)\nf(9)\n"),
    ("tracebacklimit 0", "import sys\nsys.tracebacklimit = 0\ndef f():\n    1/0\nf()\n"),
    # positions unknown (-X no_debug_ranges) and source unreadable
    ("no debug ranges: binop", "a = 1; b = 0\nz = a / b\n"),
    ("no debug ranges: frames", "def f():\n    return 1/0\nz = f()\n"),
    ("source file removed", "import os\nos.remove(__file__)\ndef f():\n    1/0\nf()\n"),
    ("tracebacklimit negative", "import sys\nsys.tracebacklimit = -3\ndef f():\n    1/0\nf()\n"),
]

LATIN1 = b"# -*- coding: latin-1 -*-\nb = 0\nz = '\xe9\xe9' + 1 / b\n"

HELPER = r'''
import sys, traceback
path = sys.argv[1]
with open(path, "rb") as fh:
    src = fh.read()
code = compile(src, path, "exec")
g = {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__}
try:
    exec(code, g)
except BaseException as e:
    exc = e
else:
    raise SystemExit("no exception")
tb = exc.__traceback__
out = []
while tb is not None:
    co = tb.tb_frame.f_code
    if co.co_filename == path:
        pos = list(co.co_positions())[tb.tb_lasti // 2]
        pos = [-1 if p is None else p for p in pos]
        out.append((tb.tb_lineno if tb.tb_lineno is not None else -1, co.co_name, pos))
    tb = tb.tb_next
limit = getattr(sys, "tracebacklimit", None)
import os
print(repr((out, limit, "".join(traceback.format_exception_only(type(exc), exc)),
            os.path.exists(path))))
'''


def c_str(data):
    """A C string literal for bytes, octal escapes so nothing merges."""
    parts = []
    for b in data:
        ch = chr(b)
        if ch == "\\":
            parts.append("\\\\")
        elif ch == '"':
            parts.append('\\"')
        elif ch == "\n":
            parts.append("\\n")
        elif 32 <= b < 127 and ch != "?":
            parts.append(ch)
        else:
            parts.append("\\%03o" % b)
    return '"' + "".join(parts) + '"'


def run_case(tmp, src_bytes, flags):
    path = os.path.join(tmp, "x.py")
    helper = os.path.join(tmp, "helper.py")
    with open(helper, "w") as fh:
        fh.write(HELPER)
    # The program may remove itself ("source file removed"): write it afresh.
    with open(path, "wb") as fh:
        fh.write(src_bytes)
    plain = subprocess.run([PY] + flags + [path], cwd=tmp, capture_output=True)
    with open(path, "wb") as fh:
        fh.write(src_bytes)
    info = subprocess.run([PY] + flags + [helper, path], cwd=tmp, capture_output=True, text=True)
    if info.returncode != 0:
        raise SystemExit("helper failed: " + info.stderr)
    frames, limit, exc_only, has_source = eval(info.stdout)
    err = plain.stderr.decode("utf-8")
    if not err.endswith(exc_only):
        raise SystemExit("stderr does not end with the exception: %r" % err)
    expected = err[: len(err) - len(exc_only)]
    expected = expected.replace('"' + path + '"', '"x.py"')
    return frames, limit, expected.encode("utf-8"), has_source


def main():
    out = sys.stdout
    out.write("/* Generated by tests/unit/data/gen_traceback_cases.py from "
              "/usr/bin/python3.11; do not edit. */\n")
    entries = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, src) in enumerate(CASES):
            src_bytes = LATIN1 if src is None else src.encode("utf-8")
            flags = ["-X", "no_debug_ranges"] if name.startswith("no debug ranges") else []
            frames, limit, expected, has_source = run_case(tmp, src_bytes, flags)
            # The test gives the formatter UTF-8 lines, as the VM will hold them.
            utf8 = src_bytes.decode("latin-1").encode("utf-8") if src is None else src_bytes
            out.write("static const TbCaseFrame tbc_frames_%d[] = {\n" % i)
            for lineno, co_name, (l, el, c, ec) in frames:
                out.write("    {%d, %s, {%d, %d, %d, %d}},\n" % (lineno, c_str(co_name.encode()), l, el, c, ec))
            out.write("};\n")
            entries.append("    {%s,\n     %s, %d, %s,\n     tbc_frames_%d, %d, %s, %d,\n     %s},\n" % (
                c_str(name.encode()), c_str(utf8), len(utf8), "true" if has_source else "false",
                i, len(frames),
                "true" if limit is not None else "false", limit if limit is not None else 0,
                c_str(expected)))
    out.write("static const TbCase tb_cases[] = {\n")
    out.write("".join(entries))
    out.write("};\n")


main()
