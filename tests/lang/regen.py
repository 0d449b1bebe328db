#!/usr/bin/env python3.11
"""Writes the expectations of tests/lang from the reference interpreter.

    python3.11 tests/lang/regen.py [--check] [FILTER...]

For each test TOPIC/NAME.py, runs `/usr/bin/python3.11 NAME.py` in TOPIC/ (same
environment as run.py) and writes NAME.exp (stdout), and NAME.err (stderr, the
test directory removed from `File "..."` lines) and NAME.rc (exit status) when
they are not empty / not 0; stale .err/.rc files are removed.

Each program is run twice, with PYTHONHASHSEED=1 and PYTHONHASHSEED=2; if the
two runs differ, the program depends on hash randomization, ids, addresses or
timing and is refused: rewrite it.  A program that exits non-zero or writes to
stderr is refused too unless it contains the line `# lang: expect-stderr`
(tracebacks, sys.exit tests), so a broken test cannot pass itself off as an
expectation.

--check writes nothing: it reports every test whose files differ from what
python3.11 prints now, and exits 1 if any does.
"""
import argparse
import concurrent.futures
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (shares discovery, environment and normalisation)


def generate(python, test):
    """(stdout, stderr, rc, problem or None) for one test."""
    directory, name = run.paths(test)
    a = run.run_program(python, test, extra_env={"PYTHONHASHSEED": "1"})
    b = run.run_program(python, test, extra_env={"PYTHONHASHSEED": "2"})
    if a != b:
        what = [w for w, x, y in zip(("stdout", "stderr", "exit status"), a, b) if x != y]
        return a + ("output differs between two runs (%s): depends on hashing, ids or "
                    "timing" % ", ".join(what),)
    out, err, rc = a
    if not isinstance(rc, int):
        return a + ("python3.11: %s" % rc,)
    with open(os.path.join(directory, name + ".py"), encoding="utf-8", errors="replace") as f:
        marked = run.STDERR_MARK in f.read().splitlines()
    if (err or rc) and not marked:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return a + ("exit status %d, stderr %r, but no %r line" % (rc, last[0], run.STDERR_MARK),)
    if marked and not (err or rc):
        return a + ("marked %r but exits 0 with an empty stderr" % run.STDERR_MARK,)
    return a + (None,)


def files_for(out, err, rc):
    files = {".exp": out, ".err": err or None, ".rc": (b"%d\n" % rc) if rc else None}
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("filters", nargs="*")
    ap.add_argument("--check", action="store_true", help="compare only, write nothing")
    ap.add_argument("--python", default=run.REFERENCE, help="reference interpreter (default %(default)s)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not os.access(args.python, os.X_OK):
        print("regen: %s not found" % args.python)
        return 2

    tests = run.discover(args.filters)
    ok = bad = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        for test, (out, err, rc, problem) in zip(tests, pool.map(lambda t: generate(args.python, t), tests)):
            if problem:
                print("REFUSED %s: %s" % (test, problem))
                bad += 1
                continue
            directory, name = run.paths(test)
            base = os.path.join(directory, name)
            differ = []
            for ext, data in files_for(out, err, rc).items():
                path = base + ext
                old = None
                if os.path.exists(path):
                    with open(path, "rb") as f:
                        old = f.read()
                if old == data:
                    continue
                differ.append(ext)
                if args.check:
                    continue
                if data is None:
                    os.remove(path)
                else:
                    with open(path, "wb") as f:
                        f.write(data)
            if differ and args.check:
                print("DIFFERS %s: %s" % (test, ", ".join(differ)))
                bad += 1
            else:
                if differ:
                    print("wrote %s: %s" % (test, ", ".join(differ)))
                ok += 1
    label = "regen --check" if args.check else "regen"
    print("%s: %d ok, %d %s" % (label, ok, bad, "differ or refused" if args.check else "refused"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
