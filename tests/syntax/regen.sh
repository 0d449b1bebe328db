#!/bin/sh
# Regenerates the expectations of the SyntaxError corpus from CPython:
#   tests/syntax/cases/NAME.exp  the stderr of `python3.11 NAME.py`, run in
#                                tests/syntax/cases, with the directory part of
#                                the absolute path CPython prints removed
#   tests/syntax/EXPECTED.md     per case: CPython's class, message, lineno,
#                                offset, end_lineno, end_offset
# Every .exp file is CPython's output, never edited by hand.
#
# A case belongs in the corpus only if ast.parse() itself rejects it (errors
# found later, by the symbol table or the compiler, are not the parser's);
# this script stops with an error on any case that breaks that rule.
#
# Usage: sh tests/syntax/regen.sh      (needs python3.11; set PYTHON to override)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-/usr/bin/python3.11}
exec "$python" - "$here" <<'PY'
import ast
import json
import os
import subprocess
import sys
import tempfile

here = sys.argv[1]
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, here)
import run  # the runner's case list, normalisation and CPython invocation

# A sitecustomize that reports the fields of the SyntaxError python3.11 raises
# when it runs the file (which can differ from what ast.parse reports).
HOOK = r'''
import json, sys
def hook(tp, e, tb):
    if isinstance(e, SyntaxError):
        sys.stderr.write("KRAIT-FIELDS " + json.dumps(
            [tp.__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text]) + "\n")
    sys.__excepthook__(tp, e, tb)
sys.excepthook = hook
'''


def file_run_fields(hookdir, name):
    env = dict(os.environ, PYTHONPATH=hookdir)
    r = subprocess.run([sys.executable, "-X", "utf8", name + ".py"], cwd=run.CASES,
                       capture_output=True, env=env, timeout=run.TIMEOUT)
    for line in r.stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("KRAIT-FIELDS "):
            return json.loads(line[len("KRAIT-FIELDS "):])
    return None


def ast_fields(name):
    with open(os.path.join(run.CASES, name + ".py"), "rb") as f:
        src = f.read()
    try:
        ast.parse(src, name + ".py")
    except SyntaxError as e:
        return [type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text]
    return None


# The units of CPython's offsets, as src/parse/syntax_error.c explains:
# characters for errors the tokenizer raises itself or in a file with a
# coding declaration, UTF-8 bytes otherwise.
TOKENIZER_MESSAGES = (
    "unterminated string literal", "unterminated triple-quoted string literal",
    "invalid decimal literal", "invalid hexadecimal literal", "invalid octal literal",
    "invalid binary literal", "invalid imaginary literal", "invalid digit '", "unmatched '",
    "closing parenthesis '", "invalid character '", "invalid non-printable character",
    "too many nested parentheses",
)


def has_coding_declaration(src):
    import re
    lines = src.split(b"\n")[:2]
    decl = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]")
    if lines and decl.match(lines[0]):
        return True
    if len(lines) > 1 and re.match(rb"^[ \t\f]*(#.*)?$", lines[0]) and decl.match(lines[1]):
        return True
    return False


def byte_col(text, offset, chars):
    """The 0-based byte column that CPython's 1-based offset stands for."""
    if offset is None:
        return None
    if offset <= 0 or not chars or text is None:
        return offset - 1
    line = text.rstrip("\n")
    n = offset - 1
    if n <= len(line):
        return len(line[:n].encode())
    return len(line.encode()) + (n - len(line))


def source_line(src, lineno):
    """Line `lineno` of the file as Python decodes it."""
    import io
    import tokenize
    enc, _ = tokenize.detect_encoding(io.BytesIO(src).readline)
    text = src.decode(enc).replace("\r\n", "\n").replace("\r", "\n")
    if enc == "utf-8-sig" or text.startswith("\ufeff"):
        text = text.lstrip("\ufeff")
    lines = text.split("\n")
    return lines[lineno - 1] if lineno and 0 < lineno <= len(lines) else None


def cell(v):
    s = "" if v is None else str(v)
    return s.replace("|", "\\|").replace("\n", "\\n")


def main():
    names = run.case_names()
    with tempfile.TemporaryDirectory() as hookdir:
        with open(os.path.join(hookdir, "sitecustomize.py"), "w") as f:
            f.write(HOOK)
        rows, errors = [], []
        for name in names:
            rc, stderr = run.run_cpython(sys.executable, name)
            if rc != 1:
                errors.append("%s: python3.11 exit status %d, expected 1" % (name, rc))
                continue
            a = ast_fields(name)
            fr = file_run_fields(hookdir, name)
            if a is None:
                errors.append("%s: ast.parse accepts it (a compile-time error?): not a parser case" % name)
                continue
            if fr is None:
                errors.append("%s: no SyntaxError fields from running the file" % name)
                continue
            if fr[:3] != a[:3]:
                errors.append("%s: running the file gives %r, ast.parse %r" % (name, fr[:3], a[:3]))
                continue
            with open(os.path.join(run.CASES, name + ".exp"), "wb") as f:
                f.write(stderr)
            with open(os.path.join(run.CASES, name + ".py"), "rb") as f:
                src = f.read()
            cls, msg, lineno, offset, end_lineno, end_offset, text = fr
            chars = (msg.startswith(TOKENIZER_MESSAGES) or has_coding_declaration(src)
                     or src.startswith(b"\xef\xbb\xbf"))
            col = byte_col(text, offset, chars)
            end_col = byte_col(text, end_offset, chars) if end_lineno is not None else None
            notes = []
            if text is not None and text.rstrip("\n") != source_line(src, lineno):
                notes.append("text %s" % json.dumps(text, ensure_ascii=False))
            if a[3:6] != fr[3:6]:
                notes.append("ast.parse: offset %s, end %s:%s" % (a[3], a[4], a[5]))
            if chars and any(ord(c) > 127 for c in (text or "")):
                notes.append("offsets in characters")
            elif not chars and any(ord(c) > 127 for c in (text or "")):
                notes.append("offsets in bytes")
            rows.append((name, cls, msg, lineno, offset, end_lineno, end_offset, col, end_col,
                         "; ".join(notes)))
    for name in os.listdir(run.CASES):
        if name.endswith(".exp") and name[:-4] not in names:
            os.remove(os.path.join(run.CASES, name))
    if errors:
        for e in errors:
            print("regen: " + e, file=sys.stderr)
        sys.exit(1)

    out = [
        "# Expected syntax errors",
        "",
        "Generated by `tests/syntax/regen.sh` from %s; do not edit." % sys.version.split()[0],
        "",
        "One row per case in `tests/syntax/cases/`: the exception CPython 3.11 raises when",
        "it runs the file, with its `lineno`, `offset`, `end_lineno` and `end_offset`",
        "(1-based; offsets count UTF-8 bytes, or characters where the note says so:",
        "see `src/parse/syntax_error.c`).  `col` and `end col` are the 0-based UTF-8",
        "byte columns a `SyntaxErrorInfo` must hold for Krait to print the same",
        "(`end col` is not printed when the end is on a later line).  A note",
        "`ast.parse: ...` marks a case where `ast.parse()` on the same bytes reports",
        "other offsets than running the file; the `.exp` files follow the file run.",
        "A note `text \"...\"` gives CPython's `SyntaxError.text` where it is not the",
        "source line `lineno` (f-string expressions: the parser's `SyntaxErrorInfo.text`).",
        "",
        "%d cases." % len(rows),
        "",
        "| case | class | message | line | offset | end line | end offset | col | end col | notes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        name, cls, msg = r[:3]
        cells = ["`%s`" % name, cls, "`%s`" % cell(msg)] + [cell(v) for v in r[3:]]
        out.append("| " + " | ".join(cells) + " |")
    with open(os.path.join(here, "EXPECTED.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("regen: %d cases written" % len(rows))


main()
PY
