#!/usr/bin/env python3.11
"""The compiler's SyntaxErrors (src/compile/checks.c) against CPython.

    python3.11 tests/compile/checks_run.py --krait build/krait [--no-stdlib] [CASE...]

1. Every tests/compile/checks_cases/NAME.py is run as `krait -X check NAME.py`
   in that directory: Krait's stderr must be byte-equal to NAME.exp (written
   by checks_regen.py from python3.11): the SyntaxWarnings, each with its
   source line, then for err_* cases the error, whose source line and carets
   check its line, offset and end offset.  The exit status must be 1 for
   err_* cases, else 0.
2. Unless --no-stdlib, every .py file under /usr/lib/python3.11: when
   compile() accepts it `krait -X check` must too, and when compile() raises
   SyntaxError Krait must reject it, on the same line when ast.parse()
   accepts the file (the parser's lines are tests/parser's business).
   SyntaxWarnings Krait prints are set aside there.

Prints one line per failure, then `checks: N passed, M failed`; exits 1 if
anything failed.
"""
import argparse
import os
import re
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "checks_cases")
STDLIB = "/usr/lib/python3.11"
TIMEOUT = 20


def case_names():
    return sorted(f[:-3] for f in os.listdir(CASES) if f.endswith(".py"))


def normalise(stderr):
    """Turns `  File "/abs/path/to/checks_cases/NAME.py"` into `  File "NAME.py"`,
    and a warning's `/abs/path/to/checks_cases/NAME.py:LINE:` into `NAME.py:LINE:`."""
    for d in {os.path.realpath(CASES), os.path.abspath(CASES)}:
        stderr = stderr.replace(b'  File "' + os.fsencode(d) + b"/", b'  File "')
        stderr = re.sub(rb"(?m)^" + re.escape(os.fsencode(d)) + rb"/(?=[^/\n]*:-?\d+: )", b"",
                        stderr)
    return stderr


WARNING_RE = re.compile(rb"(?m)^[^\n]*:-?\d+: SyntaxWarning: [^\n]*\n(  [^\n]*\n)?")


def run_case(krait, name):
    exp_path = os.path.join(CASES, name + ".exp")
    if not os.path.exists(exp_path):
        return "%s: no %s.exp (run checks_regen.py)" % (name, name)
    with open(exp_path, "rb") as f:
        exp = f.read()
    try:
        r = subprocess.run([krait, "-X", "check", name + ".py"], cwd=CASES,
                           capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "%s: timed out" % name
    got = normalise(r.stderr)
    want_rc = 1 if name.startswith("err_") else 0
    if r.returncode != want_rc or got != exp or r.stdout:
        return "%s: exit %d, expected %d\n  expected %r\n  got      %r" % (
            name, r.returncode, want_rc, exp.decode("utf-8", "replace"),
            got.decode("utf-8", "replace"))
    return None


LINE_RE = re.compile(rb'^  File "[^"]*", line (-?\d+)$', re.M)


def run_stdlib_file(krait, path):
    with open(path, "rb") as f:
        src = f.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(src, path, "exec", dont_inherit=True)
        line = None
    except SyntaxError as e:
        line = e.lineno or 0
        try:
            import ast
            ast.parse(src, path)
        except SyntaxError:
            # The parser's error (tests/parser covers its line): compile() of
            # bytes and a file run can even disagree on decoding errors.
            line = -2
    except (ValueError, RecursionError, MemoryError):
        return None  # not a SyntaxError: nothing to compare
    try:
        r = subprocess.run([krait, "-X", "check", path], capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "%s: timed out" % path
    r.stderr = WARNING_RE.sub(b"", r.stderr)
    if line is None:
        if r.returncode != 0 or r.stderr:
            return "%s: compile() accepts it, krait -X check says %r" % (
                path, r.stderr[-300:].decode("utf-8", "replace"))
        return None
    if r.returncode != 1:
        return "%s: compile() rejects it on line %d, krait accepts it" % (path, line)
    if line == -2:
        return None
    m = LINE_RE.search(r.stderr)
    got = int(m.group(1)) if m else 0
    if got != line:
        return "%s: compile() rejects it on line %d, krait on line %d" % (path, line, got)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--krait", default="build/krait")
    ap.add_argument("--no-stdlib", action="store_true")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args()
    krait = os.path.abspath(args.krait)
    if not os.access(krait, os.X_OK):
        print("checks: no krait executable at %s" % krait)
        print("checks: 0 passed, 1 failed")
        return 1
    names = args.cases or case_names()
    jobs = [(run_case, n) for n in names]
    if not args.no_stdlib and not args.cases:
        for d, _, files in os.walk(STDLIB):
            for f in sorted(files):
                if f.endswith(".py"):
                    jobs.append((run_stdlib_file, os.path.join(d, f)))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as ex:
        results = list(ex.map(lambda j: j[0](krait, j[1]), jobs))
    failed = [r for r in results if r]
    for r in failed:
        print(r)
    print("checks: %d passed, %d failed" % (len(results) - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
