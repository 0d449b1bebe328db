#!/usr/bin/env python3.11
"""Regenerates the expectations of tests/compile/checks_cases from CPython.

    /usr/bin/python3.11 tests/compile/checks_regen.py

For each checks_cases/NAME.py writes NAME.exp: empty when compile() accepts
the file without a warning, else the stderr of `python3.11 NAME.py` run in
checks_cases (the directory part of the paths CPython prints removed, as
checks_run.py normalises Krait's).  Every .exp file is CPython's output,
never edited by hand.  Stops with an error when a case breaks the corpus's
rules: ast.parse must accept it (parser errors belong in tests/syntax), an
err_*.py case must be rejected and any other case accepted, a warn_*.py
case must get a SyntaxWarning from compile() and any other accepted case
none.  Accepted cases without warnings are only compiled, never run; warn_*
cases are run (their stderr is the warnings), so their module body must do
nothing observable and must exit with status 0.
"""
import ast
import os
import subprocess
import sys
import warnings

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import checks_run  # noqa: E402  (case list and normalisation)


def main():
    errors = []
    names = checks_run.case_names()
    for name in names:
        path = os.path.join(checks_run.CASES, name + ".py")
        with open(path, "rb") as f:
            src = f.read()
        try:
            ast.parse(src, name + ".py")
        except SyntaxError as e:
            errors.append("%s: ast.parse rejects it (%s): a parser case" % (name, e.msg))
            continue
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                compile(src, name + ".py", "exec", dont_inherit=True)
            warned = any(issubclass(w.category, SyntaxWarning) for w in caught)
            if warned != name.startswith("warn_"):
                errors.append("%s: %s" % (name, "warns but not named warn_*" if warned
                                          else "named warn_* but does not warn"))
                continue
            exp = b""
            if warned:
                r = subprocess.run([sys.executable, "-E", "-X", "utf8", name + ".py"],
                                   cwd=checks_run.CASES, capture_output=True, timeout=10)
                if r.returncode != 0 or r.stdout:
                    errors.append("%s: python3.11 exit status %d, stdout %r"
                                  % (name, r.returncode, r.stdout[:100]))
                    continue
                exp = checks_run.normalise(r.stderr)
        except SyntaxError:
            r = subprocess.run([sys.executable, "-E", "-X", "utf8", name + ".py"],
                               cwd=checks_run.CASES, capture_output=True, timeout=10)
            if r.returncode != 1:
                errors.append("%s: python3.11 exit status %d" % (name, r.returncode))
                continue
            exp = checks_run.normalise(r.stderr)
        if not name.startswith("warn_") and bool(exp) != name.startswith("err_"):
            errors.append("%s: %s" % (name, "rejected but not named err_*" if exp
                                      else "accepted but named err_*"))
            continue
        with open(os.path.join(checks_run.CASES, name + ".exp"), "wb") as f:
            f.write(exp)
    for f in os.listdir(checks_run.CASES):
        if f.endswith(".exp") and f[:-4] not in names:
            os.remove(os.path.join(checks_run.CASES, f))
    for e in errors:
        print("checks_regen: " + e, file=sys.stderr)
    if errors:
        sys.exit(1)
    print("checks_regen: %d cases written" % len(names))


main()
