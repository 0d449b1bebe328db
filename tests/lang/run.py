#!/usr/bin/env python3.11
"""Runs the tests/lang corpus: small Python programs against Krait.

    python3.11 tests/lang/run.py KRAIT [FILTER...]
    python3.11 tests/lang/run.py --list [FILTER...]

Every tests/lang/TOPIC/NAME.py (names starting with `_` are helper modules, not
tests) is run as `KRAIT NAME.py` with TOPIC/ as working directory, and must
print exactly NAME.exp on stdout.  NAME.err, when present, is the expected
stderr (tracebacks, with the test directory removed from `File "..."` lines);
when absent stderr must be empty.  NAME.rc, when present, is the expected exit
status; when absent it must be 0.  NAME.in, when present, is fed to stdin
(otherwise stdin is /dev/null).

All expectations are python3.11's output, written by regen.py.  When the
reference interpreter (/usr/bin/python3.11, Debian's 3.11.2) is installed, each
program is also run under it and compared with the same files, so an
expectation cannot be quietly wrong (--no-cpython skips this).

Both interpreters run with the same environment: every PYTHON* variable is
removed (PYTHONUNBUFFERED, PYTHONDONTWRITEBYTECODE, PYTHONHASHSEED,
PYTHONPATH...), and LC_ALL=C.UTF-8.

Prints one line per failure (`-v`: with a short diff), then
`lang: N passed, M failed`; exits 1 if anything failed.  FILTERs select tests
whose `TOPIC/NAME` contains one of them.
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = "/usr/bin/python3.11"
TIMEOUT = 10
# A test file containing this line may exit non-zero or write to stderr;
# regen.py refuses any other test that does (it would be a broken test).
STDERR_MARK = "# lang: expect-stderr"


def set_timeout(seconds):
    global TIMEOUT
    TIMEOUT = seconds


def discover(filters=()):
    """Sorted list of test ids `TOPIC/NAME`."""
    tests = []
    for topic in sorted(os.listdir(HERE)):
        d = os.path.join(HERE, topic)
        if not os.path.isdir(d) or topic.startswith((".", "_")):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".py") and not f.startswith("_"):
                tests.append(topic + "/" + f[:-3])
    if filters:
        tests = [t for t in tests if any(flt in t for flt in filters)]
    return tests


def clean_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["LC_ALL"] = "C.UTF-8"
    return env


def paths(test):
    topic, name = test.split("/")
    return os.path.join(HERE, topic), name


# Under AddressSanitizer with allocator_may_return_null=1 a refused huge
# allocation (bytes(2**62), which Krait turns into MemoryError) still prints
# this warning; it says nothing about the program.
ASAN_ALLOC_WARNING = re.compile(rb"^==\d+==WARNING: AddressSanitizer failed to allocate 0x[0-9a-f]+ bytes\n", re.M)


def normalise_stderr(data, directory):
    """`File "/abs/dir/NAME.py"` -> `File "NAME.py"` (either spelling)."""
    for d in {os.path.realpath(directory), os.path.abspath(directory)}:
        data = data.replace(b'File "' + os.fsencode(d) + b"/", b'File "')
    return ASAN_ALLOC_WARNING.sub(b"", data)


def run_program(interp, test, timeout=None, extra_env=None):
    """Runs one test program; returns (stdout, normalised stderr, rc)."""
    directory, name = paths(test)
    if timeout is None:
        timeout = TIMEOUT
    env = clean_env()
    if extra_env:
        env.update(extra_env)
    stdin_path = os.path.join(directory, name + ".in")
    stdin = open(stdin_path, "rb") if os.path.exists(stdin_path) else subprocess.DEVNULL
    try:
        r = subprocess.run([interp, name + ".py"], cwd=directory, env=env,
                           stdin=stdin, capture_output=True, timeout=timeout)
        return r.stdout, normalise_stderr(r.stderr, directory), r.returncode
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b""), normalise_stderr(e.stderr or b"", directory), "timeout"
    except OSError as e:
        return b"", str(e).encode(), "cannot run"
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()


def read_expectation(test):
    """(stdout, stderr, rc) expected, or None when NAME.exp is missing."""
    directory, name = paths(test)
    base = os.path.join(directory, name)
    if not os.path.exists(base + ".exp"):
        return None
    with open(base + ".exp", "rb") as f:
        out = f.read()
    err = b""
    if os.path.exists(base + ".err"):
        with open(base + ".err", "rb") as f:
            err = f.read()
    rc = 0
    if os.path.exists(base + ".rc"):
        with open(base + ".rc") as f:
            rc = int(f.read().strip())
    return out, err, rc


def show(b, limit=70):
    s = b.decode("utf-8", "backslashreplace") if isinstance(b, bytes) else str(b)
    s = repr(s)
    return s if len(s) <= limit else s[:limit - 4] + "...'"


def first_difference(what, expected, got):
    """One-line description of where `got` departs from `expected`."""
    exp = expected.split(b"\n")
    act = got.split(b"\n")
    for i, (e, a) in enumerate(zip(exp, act)):
        if e != a:
            return "%s line %d: expected %s, got %s" % (what, i + 1, show(e), show(a))
    if len(exp) > len(act):
        return "%s ends at line %d, expected %s next" % (what, len(act), show(exp[len(act)]))
    return "%s has extra line %d: %s" % (what, len(exp) + 1, show(act[len(exp)]))


def short_diff(expected, got, limit=12):
    exp = expected.decode("utf-8", "backslashreplace").splitlines()
    act = got.decode("utf-8", "backslashreplace").splitlines()
    lines = list(difflib.unified_diff(exp, act, "expected", "got", lineterm="", n=1))[2:]
    if len(lines) > limit:
        lines = lines[:limit] + ["... (%d more diff lines)" % (len(lines) - limit)]
    return ["      " + l for l in lines]


def compare(expected, actual):
    """List of (one-line description, diff lines); empty when they agree."""
    problems = []
    (eo, ee, erc), (ao, ae, arc) = expected, actual
    if arc != erc:
        problems.append(("exit status %s, expected %s" % (arc, erc), []))
    if ao != eo:
        problems.append((first_difference("stdout", eo, ao), short_diff(eo, ao)))
    if ae != ee:
        problems.append((first_difference("stderr", ee, ae), short_diff(ee, ae)))
    return problems


def check(krait, python, test):
    """Returns a list of (description, diff lines) for one test."""
    expected = read_expectation(test)
    if expected is None:
        return [("no .exp file (run tests/lang/regen.py)", [])]
    problems = [("krait: " + d, diff) for d, diff in compare(expected, run_program(krait, test))]
    if python:
        for d, diff in compare(expected, run_program(python, test)):
            problems.append(("EXPECTATION STALE, python3.11 disagrees: " + d, diff))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("krait", nargs="?", help="the krait executable")
    ap.add_argument("filters", nargs="*", help="run tests whose TOPIC/NAME contains one of these")
    ap.add_argument("--list", action="store_true", help="list the tests and exit")
    ap.add_argument("--no-cpython", action="store_true", help="do not re-check against python3.11")
    ap.add_argument("-v", "--verbose", action="store_true", help="print a short diff per failure")
    ap.add_argument("--ratchet", metavar="FILE",
                    help="run only the tests listed in FILE (the ones that must keep passing); "
                         "--update-ratchet rewrites FILE with every test that passes now")
    ap.add_argument("--update-ratchet", action="store_true")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds per program (default %d)" % TIMEOUT)
    args = ap.parse_intermixed_args()

    if args.list:
        filters = ([args.krait] if args.krait else []) + args.filters
        for t in discover(filters):
            print(t)
        return 0
    if not args.krait:
        ap.error("KRAIT is required")
    if args.timeout:
        set_timeout(args.timeout)
    # A path is made absolute (tests run in their own directories); a bare
    # command name is looked up in PATH.
    krait = os.path.abspath(args.krait) if os.sep in args.krait else shutil.which(args.krait)
    if not krait:
        ap.error("%s: command not found" % args.krait)
    python = None
    if not args.no_cpython and os.access(REFERENCE, os.X_OK):
        python = REFERENCE

    tests = discover(args.filters)
    listed = None
    if args.ratchet and not args.update_ratchet:
        with open(args.ratchet) as f:
            listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]
        known = set(tests)
        missing = [t for t in listed if t not in known]
        if missing:
            print("lang: listed in %s but not found: %s" % (args.ratchet, ", ".join(missing)))
            return 1
        tests = [t for t in tests if t in set(listed)]
    passed = failed = 0
    passing = []
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = pool.map(lambda t: (t, check(krait, python, t)), tests)
        for test, problems in results:
            if not problems:
                passed += 1
                passing.append(test)
                continue
            failed += 1
            print("FAIL %s: %s" % (test, "; ".join(d for d, _ in problems)))
            if args.verbose:
                for _, diff in problems:
                    for line in diff:
                        print(line)
    if python is None and not args.no_cpython:
        print("lang: note: %s not found, expectations not re-checked" % REFERENCE)
    if args.update_ratchet and args.ratchet:
        with open(args.ratchet, "w") as f:
            f.write("# tests/lang programs that pass on Krait; `make test` fails if one stops\n"
                    "# passing.  The list only grows: python3.11 tests/lang/run.py build/krait\n"
                    "# --ratchet tests/lang/passing.txt --update-ratchet\n")
            for t in sorted(passing):
                f.write(t + "\n")
    print("lang: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
