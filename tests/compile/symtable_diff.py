#!/usr/bin/python3.11
"""Differential test of Krait's symbol tables against CPython 3.11's.

For every .py file under the root (default /usr/lib/python3.11: the standard
library and CPython's test suite), compare

    krait -X symtable FILE

with what tests/compile/symtable_dump.py prints for it from CPython's
`symtable` module, byte for byte.  The reference's cells/frees lines are
themselves checked against the code objects compile() makes (see
symtable_dump.py).

A file that compile() rejects must be rejected by Krait too: exit status 1,
a SyntaxError (or IndentationError / TabError) as the last line of stderr
and the line number of compile()'s SyntaxError (no line for errors decoding
the file, where compile() and `python3.11 FILE` differ).  A file for which
compile() raises something else (ValueError for a NUL byte) is skipped.
No file is ever run, except the hand-written cases (see --cases).

With --cases (for the hand-written corpus in tests/compile/cases) the check
is stricter: Krait's whole stderr must equal what `python3.11 FILE` prints
(these cases alone are run, being known to do nothing), so message, line,
column and carets are checked too; and a case's name says what CPython must
do with it, err_*.py being rejected and every other case accepted, so a case
cannot turn into a test of something else unnoticed.

Prints one line per failing file and ends with
    LABEL: N passed, M failed        (LABEL is `symtable` unless --label)
Exit status: 0 when all passed, 1 otherwise, 2 on usage errors.
"""

import argparse
import fnmatch
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import symtable_dump  # noqa: E402  (the reference dump, from this directory)

DEFAULT_ROOT = "/usr/lib/python3.11"
DEFAULT_KRAIT = os.path.join(REPO, "build", "krait")
ERROR_CLASSES = ("SyntaxError", "IndentationError", "TabError")
DECODING_ERRORS = ("unknown encoding", "encoding problem", "(unicode error)")
LINE_RE = re.compile(r'^  File "(?:[^"]*)", line (\d+)', re.M)

OPTS = None   # set in each worker by init_worker()


def find_files(root, patterns):
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        out += [os.path.join(d, f) for f in files if f.endswith(".py")]
    out.sort()
    if patterns:
        def keep(p):
            rel = os.path.relpath(p, root)
            return any(fnmatch.fnmatch(p, pat) or fnmatch.fnmatch(rel, pat)
                       if any(c in pat for c in "*?[") else pat in p for pat in patterns)
        out = [p for p in out if keep(p)]
    return out


def error_summary(stderr_text):
    """(class, message, line or None) from an uncaught-SyntaxError printout."""
    lines = [l for l in stderr_text.splitlines() if l.strip()]
    last = lines[-1] if lines else ""
    cls, _, msg = last.partition(": ")
    m = LINE_RE.search(stderr_text)
    return cls.strip(), msg.strip(), (int(m.group(1)) if m else None)


def first_difference(expected, got):
    exp, act = expected.splitlines(), got.splitlines()
    for i, (e, a) in enumerate(zip(exp, act)):
        if e != a:
            ctx = next((exp[j] for j in range(i, -1, -1) if " line " in exp[j] and
                        exp[j].lstrip().split(" ", 1)[0] in ("module", "function", "class")),
                       "")
            return f"dump line {i + 1} (in {ctx.strip()!r}): expected {e!r}, got {a!r}"
    return (f"dump lengths differ: expected {len(exp)} lines, got {len(act)}; "
            f"first extra: {(exp[len(act)] if len(exp) > len(act) else act[len(exp)])!r}")


def run(cmd, path):
    try:
        return subprocess.run(cmd + [path], capture_output=True, timeout=OPTS["timeout"],
                              stdin=subprocess.DEVNULL, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return None


def check(path):
    """Returns (path, ok, detail); ok is None for a file that cannot be
    compared."""
    with open(path, "rb") as f:
        src = f.read()
    try:
        code = compile(src, path, "exec", dont_inherit=True)
        rejected = None
    except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
        code = None
        rejected = e

    if OPTS["cases"]:
        wants_error = os.path.basename(path).startswith("err_")
        if wants_error != (code is None):
            return path, False, ("case name says CPython " +
                                 ("rejects" if wants_error else "accepts") + " it, but it does not")
    ref = None
    if code is not None:
        try:
            ref, top = symtable_dump.dump(src, path)
        except SyntaxError as e:
            return path, False, f"reference: compile() accepts but symtable() raises {e!r}"
        problems = symtable_dump.check_against_code(top, code)
        del top, code
        if problems:
            return path, False, "reference: compile() disagrees: " + problems[0]

    r = run([OPTS["krait"], "-X", "symtable"], path)
    if r is None:
        return path, False, f"krait timed out after {OPTS['timeout']}s"
    if r.returncode < 0:
        return path, False, f"krait crashed: {signal.Signals(-r.returncode).name}"
    kerr = r.stderr.decode("utf-8", "replace")

    if ref is not None:
        if r.returncode != 0:
            cls, msg, line = error_summary(kerr)
            return path, False, f"CPython accepts, krait exits {r.returncode}: {cls}: {msg} (line {line})"
        got = r.stdout.decode("utf-8", "surrogateescape")
        if got != ref:
            return path, False, first_difference(ref, got)
        return path, True, ""

    # compile() rejects the file.
    if not isinstance(rejected, SyntaxError):
        # A NUL byte: compile() raises ValueError, but `python3.11 FILE`
        # (which Krait follows) accepts one in a comment.  Nothing to
        # compare with.
        return path, None, f"compile() raises {rejected!r}"
    ref_cls = type(rejected).__name__
    ref_msg = rejected.msg
    ref_line = rejected.lineno
    if ref_msg.startswith(DECODING_ERRORS) or "codec can't decode" in ref_msg:
        # Errors decoding the file: compile() of the bytes gives line 0 or
        # 1, running the file (which Krait follows) no line at all; the
        # parser tests check these against `python3.11 FILE`.
        ref_line = None
    if r.returncode == 0:
        return path, False, f"CPython rejects ({ref_cls}: {ref_msg}, line {ref_line}) but krait accepts"
    k_cls, k_msg, k_line = error_summary(kerr)
    if r.returncode != 1 or (k_cls not in ERROR_CLASSES and k_cls != ref_cls):
        return path, False, (f"CPython rejects with {ref_cls} at line {ref_line}; krait exits "
                             f"{r.returncode} with {k_cls!r}")
    if ref_line is not None and k_line != ref_line:
        return path, False, (f"CPython rejects at line {ref_line} ({ref_cls}: {ref_msg}); "
                             f"krait at line {k_line} ({k_cls}: {k_msg})")
    if OPTS["cases"]:
        # The hand-written cases are known to do nothing when run, so
        # python3.11 may run them to show what it prints (compile() rejected
        # them anyway).  Other trees are never run: their code is unknown.
        c = run([sys.executable, "-I", "-S"], path)
        if c is None:
            return path, False, "python3.11 timed out on a file compile() rejects"
        ref_text = c.stderr.decode("utf-8", "replace")
        if kerr != ref_text:
            return path, False, f"stderr differs: expected {ref_text!r}, got {kerr!r}"
    return path, True, ""


def init_worker(opts):
    global OPTS
    OPTS = opts
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warnings.simplefilter("ignore")   # compile()'s SyntaxWarnings are not ours to show


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("patterns", nargs="*", metavar="FILTER",
                    help="only files whose path contains FILTER (or matches it as a glob)")
    ap.add_argument("--krait", default=DEFAULT_KRAIT, help="krait executable (default %(default)s)")
    ap.add_argument("--root", default=DEFAULT_ROOT, help="tree of .py files (default %(default)s)")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per file")
    ap.add_argument("--cases", action="store_true",
                    help="hand-written corpus: exact stderr for rejected files, err_*.py must "
                         "be rejected and other files accepted")
    ap.add_argument("--label", default="symtable", help="name in the summary line")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list passes")
    args = ap.parse_args()
    label = args.label

    if not (os.path.isfile(args.krait) and os.access(args.krait, os.X_OK)):
        print(f"{label}: no krait executable at {args.krait}", file=sys.stderr)
        print(f"{label}: 0 passed, 1 failed")
        return 2
    files = find_files(os.path.abspath(args.root), args.patterns)
    if not files:
        print(f"{label}: no .py files under {args.root} match", file=sys.stderr)
        print(f"{label}: 0 passed, 1 failed")
        return 2
    opts = {"krait": os.path.abspath(args.krait), "timeout": args.timeout,
            "cases": args.cases}

    order = sorted(files, key=lambda p: -os.path.getsize(p))   # biggest first
    t0 = time.monotonic()
    results = {}
    with multiprocessing.Pool(max(1, args.jobs), initializer=init_worker,
                              initargs=(opts,)) as pool:
        for res in pool.imap_unordered(check, order, chunksize=1):
            results[res[0]] = res
    elapsed = time.monotonic() - t0

    passed = failed = skipped = 0
    for path in files:
        _, ok, detail = results[path]
        if ok is None:
            skipped += 1
            if args.verbose:
                print(f"skip {path}: {detail}")
        elif ok:
            passed += 1
            if args.verbose:
                print(f"ok   {path}")
        else:
            failed += 1
            print(f"FAIL {path}: {detail}")
    skip_note = f" ({skipped} skipped: compile() raises no SyntaxError; -v lists them)" if skipped else ""
    print(f"{label}: {len(files)} files in {elapsed:.1f}s with {args.jobs} jobs{skip_note}")
    print(f"{label}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
