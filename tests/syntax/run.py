#!/usr/bin/env python3.11
"""Runs the SyntaxError corpus against Krait.

    python3.11 tests/syntax/run.py path/to/krait [CASE...]

For each tests/syntax/cases/NAME.py, runs `krait -X dump-ast NAME.py` with the
cases directory as working directory and requires exit status 1, nothing on
stdout, and stderr byte-equal to NAME.exp: CPython's stderr for
`python3.11 NAME.py`, as written by regen.sh.  The printed source line and
caret are what check the error's line, offset and end offset.

When python3.11 is available (pass --no-cpython to skip) each NAME.exp is also
compared with a live run of python3.11, so an expectation cannot be quietly
wrong.

CPython prints the script's absolute path in the `File "..."` line; the .exp
files hold the bare file name, and both outputs are normalised the same way
(see normalise()).  Prints one line per failure with a short diff, then
`syntax: N passed, M failed`; exits 1 if anything failed.
"""
import difflib
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
TIMEOUT = 10


def case_names():
    return sorted(f[:-3] for f in os.listdir(CASES) if f.endswith(".py"))


def normalise(stderr):
    """Turns `  File "/abs/path/to/cases/NAME.py"` into `  File "NAME.py"`."""
    for d in {os.path.realpath(CASES), os.path.abspath(CASES)}:
        stderr = stderr.replace(b'  File "' + os.fsencode(d) + b"/", b'  File "')
    return stderr


def find_cpython():
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    return shutil.which("python3.11")


def run_cpython(python, name):
    """CPython's (exit status, normalised stderr) for cases/NAME.py.  -E keeps
    PYTHON* variables from changing anything, -X utf8 makes stderr UTF-8 in
    any locale; neither changes how the file is parsed."""
    r = subprocess.run([python, "-E", "-X", "utf8", name + ".py"], cwd=CASES,
                       capture_output=True, timeout=TIMEOUT)
    return r.returncode, normalise(r.stderr)


def short_diff(expected, got, limit=8):
    exp = expected.decode("utf-8", "backslashreplace").splitlines()
    act = got.decode("utf-8", "backslashreplace").splitlines()
    lines = [l for l in difflib.unified_diff(exp, act, "expected", "got", lineterm="", n=1)]
    lines = lines[2:]  # drop the ---/+++ header
    if len(lines) > limit:
        lines = lines[:limit] + ["    ... (%d more diff lines)" % (len(lines) - limit)]
    return "\n".join("    " + visible(l) for l in lines)


def visible(line):
    """Shows control characters (tabs, form feeds...) as escapes."""
    return "".join(c if c >= " " and c != "\x7f" else
                   {"\t": "\\t", "\f": "\\f"}.get(c, "\\x%02x" % ord(c)) for c in line)


def check(krait, python, name):
    """Returns a list of failure descriptions for one case (empty: passed)."""
    problems = []
    exp_path = os.path.join(CASES, name + ".exp")
    if not os.path.exists(exp_path):
        return ["no %s.exp (run tests/syntax/regen.sh)" % name]
    with open(exp_path, "rb") as f:
        expected = f.read()

    if python:
        rc, live = run_cpython(python, name)
        if rc != 1 or live != expected:
            problems.append("%s.exp differs from python3.11's output (exit %d); regenerate?\n%s"
                            % (name, rc, short_diff(expected, live)))

    try:
        r = subprocess.run([krait, "-X", "dump-ast", name + ".py"], cwd=CASES,
                           capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return problems + ["krait timed out after %ds" % TIMEOUT]
    except OSError as e:
        return problems + ["cannot run krait: %s" % e]
    if r.returncode < 0:
        problems.append("krait killed by signal %d" % -r.returncode)
    elif r.returncode != 1:
        problems.append("krait exit status %d, expected 1" % r.returncode)
    if r.stdout:
        problems.append("krait wrote to stdout: %r" % r.stdout[:80])
    got = normalise(r.stderr)
    if got != expected:
        problems.append("stderr differs\n" + short_diff(expected, got))
    return problems


def main(argv):
    args = argv[1:]
    use_cpython = True
    if "--no-cpython" in args:
        args.remove("--no-cpython")
        use_cpython = False
    if not args:
        print("usage: " + __doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    krait = os.path.abspath(args[0])
    names = args[1:] or case_names()
    python = find_cpython() if use_cpython else None

    passed = failed = 0
    for name in names:
        problems = check(krait, python, name)
        if problems:
            failed += 1
            for p in problems:
                print("FAIL %s: %s" % (name, p))
        else:
            passed += 1
    if use_cpython and not python:
        print("note: python3.11 not found; .exp files not re-checked")
    print("syntax: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
