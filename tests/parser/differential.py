#!/usr/bin/python3.11
"""Differential test of Krait's parser against CPython 3.11's.

For every .py file under the root (default /usr/lib/python3.11: the standard
library plus CPython's test suite), compare

    krait -X dump-ast FILE

with what CPython prints for

    print(ast.dump(ast.parse(open(FILE, 'rb').read()), include_attributes=True))

byte for byte.  For a file CPython rejects, Krait must reject it too: exit
status 1, a SyntaxError / IndentationError / TabError as the last line of
stderr, and the same `line N` in the `File "...", line N` header as
`python3.11 FILE` prints (no header when CPython prints none, as for a bad
coding declaration).  A different message or exception class is reported as a
note (a failure with --strict-messages).

Deliberate differences are listed in tests/parser/known_differences.txt
(path relative to the root, whitespace, reason).  A listed file is expected to
differ; if it stops differing, that is a failure too, so the list stays true.
A crash or a hang is never an expected difference.

Prints one line per failing file and ends with
    differential: N passed, M failed
Exit status: 0 when nothing unexpected happened, 1 otherwise, 2 on usage
errors.
"""

import argparse
import ast
import fnmatch
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_ROOT = "/usr/lib/python3.11"
DEFAULT_KRAIT = os.path.join(REPO, "build", "krait")
DEFAULT_KNOWN = os.path.join(HERE, "known_differences.txt")
ERROR_CLASSES = ("SyntaxError", "IndentationError", "TabError")
LINE_RE = re.compile(r'^  File "(?:[^"]*)", line (\d+)', re.M)
CONTEXT = 60

# Set in each worker by init_worker().
OPTS = None


def find_files(root, patterns):
    """Every .py file under root, sorted, optionally filtered."""
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in files:
            if f.endswith(".py"):
                out.append(os.path.join(d, f))
    out.sort()
    if patterns:
        def keep(p):
            rel = os.path.relpath(p, root)
            for pat in patterns:
                if any(c in pat for c in "*?["):
                    if fnmatch.fnmatch(p, pat) or fnmatch.fnmatch(rel, pat):
                        return True
                elif pat in p:
                    return True
            return False
        out = [p for p in out if keep(p)]
    return out


def read_known(path):
    """known_differences.txt: `relative/path.py  reason`, '#' comments."""
    known = {}
    if not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 1)
            if len(parts) < 2:
                sys.exit(f"{path}:{n}: expected 'path reason', got {line!r}")
            known[parts[0]] = parts[1]
    return known


def error_summary(stderr_text):
    """(class, message, line or None) from an uncaught-SyntaxError printout."""
    lines = [l for l in stderr_text.splitlines() if l.strip()]
    last = lines[-1] if lines else ""
    cls, _, msg = last.partition(": ")
    if ":" not in last:
        cls, msg = last, ""
    m = LINE_RE.search(stderr_text)
    return cls.strip(), msg.strip(), (int(m.group(1)) if m else None)


def cpython_error(path):
    """What `python3.11 FILE` prints for a file ast.parse() rejects.

    The interpreter compiles the whole file before running any of it, and the
    file was just rejected by the same parser, so nothing gets executed."""
    try:
        r = subprocess.run([sys.executable, "-I", "-S", path], capture_output=True,
                           timeout=OPTS["timeout"], stdin=subprocess.DEVNULL, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return None, "", ""
    text = r.stderr.decode("utf-8", "replace")
    return r.returncode, text, error_summary(text)


def first_difference(expected, got):
    """A short description of where two dumps first differ."""
    n = min(len(expected), len(got))
    i = 0
    # Find the first differing byte quickly by halving.
    if expected[:n] == got[:n]:
        i = n
    else:
        lo, hi = 0, n
        while hi - lo > 64:
            mid = (lo + hi) // 2
            if expected[lo:mid] == got[lo:mid]:
                lo = mid
            else:
                hi = mid
        i = lo
        while i < hi and expected[i] == got[i]:
            i += 1
    # The nearest preceding lineno= in the expected dump names the source line.
    src_line = None
    j = expected.rfind(b"lineno=", 0, i)
    if j >= 0:
        m = re.match(rb"lineno=(\d+)", expected[j:j + 20])
        if m:
            src_line = int(m.group(1))
    lo = max(0, i - CONTEXT)
    exp_ctx = expected[lo:i + CONTEXT].decode("utf-8", "replace")
    got_ctx = got[lo:i + CONTEXT].decode("utf-8", "replace")
    where = f"dump offset {i}" + (f", near source line {src_line}" if src_line else "")
    return f"{where}: expected ...{exp_ctx!r}... got ...{got_ctx!r}..."


def run_krait(path):
    try:
        r = subprocess.run([OPTS["krait"], "-X", "dump-ast", path], capture_output=True,
                           timeout=OPTS["timeout"], stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None
    return r


def check(path):
    """Returns (path, ok, detail, notes)."""
    with open(path, "rb") as f:
        src = f.read()
    try:
        tree = ast.parse(src)
        ref_dump = (ast.dump(tree, include_attributes=True) + "\n").encode("utf-8", "surrogatepass")
        del tree
    except (SyntaxError, ValueError):
        ref_dump = None

    r = run_krait(path)
    if r is None:
        return path, False, f"krait timed out after {OPTS['timeout']}s", []
    if r.returncode < 0:
        return path, False, f"krait crashed: {signal.Signals(-r.returncode).name}", []
    kerr = r.stderr.decode("utf-8", "replace")

    if ref_dump is not None:
        if r.returncode != 0:
            cls, msg, line = error_summary(kerr)
            return path, False, (f"CPython accepts, krait exits {r.returncode}: "
                                 f"{cls}: {msg} (line {line})"), []
        if r.stdout != ref_dump:
            return path, False, first_difference(ref_dump, r.stdout), []
        return path, True, "", []

    # CPython rejects the file.
    rc, ref_text, ref = cpython_error(path)
    if rc is None:
        return path, False, "python3.11 timed out on a file ast.parse() rejects", []
    ref_cls, ref_msg, ref_line = ref
    if r.returncode == 0:
        return path, False, (f"CPython rejects ({ref_cls}: {ref_msg}, line {ref_line}) "
                             f"but krait accepts"), []
    k_cls, k_msg, k_line = error_summary(kerr)
    if r.returncode != 1 or k_cls not in ERROR_CLASSES:
        return path, False, (f"CPython rejects with {ref_cls} at line {ref_line}; krait exits "
                             f"{r.returncode} with {k_cls!r}"), []
    if k_line != ref_line:
        return path, False, (f"CPython rejects at line {ref_line} ({ref_cls}: {ref_msg}); "
                             f"krait at line {k_line} ({k_cls}: {k_msg})"), []
    notes = []
    if kerr != ref_text:
        notes.append(f"error text differs from python3.11's: expected {ref_cls}: {ref_msg!r}, "
                     f"got {k_cls}: {k_msg!r}")
    return path, True, "", notes


def init_worker(opts):
    global OPTS
    OPTS = opts
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("patterns", nargs="*", metavar="FILTER",
                    help="only files whose path contains FILTER (or matches it as a glob)")
    ap.add_argument("--krait", default=DEFAULT_KRAIT, help="krait executable (default %(default)s)")
    ap.add_argument("--root", default=DEFAULT_ROOT, help="tree of .py files (default %(default)s)")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--known", default=DEFAULT_KNOWN, help="known differences file")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per file")
    ap.add_argument("--strict-messages", action="store_true",
                    help="a different error message or class for a rejected file is a failure")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list passes and notes")
    args = ap.parse_args()

    if not (os.path.isfile(args.krait) and os.access(args.krait, os.X_OK)):
        print(f"differential: no krait executable at {args.krait}", file=sys.stderr)
        print("differential: 0 passed, 1 failed")
        return 2
    files = find_files(args.root, args.patterns)
    if not files:
        print(f"differential: no .py files under {args.root} match", file=sys.stderr)
        print("differential: 0 passed, 1 failed")
        return 2
    known = read_known(args.known)
    opts = {"krait": os.path.abspath(args.krait), "timeout": args.timeout}

    # Biggest files first, so the pool does not end waiting on one of them.
    order = sorted(files, key=lambda p: -os.path.getsize(p))
    t0 = time.monotonic()
    results = {}
    with multiprocessing.Pool(max(1, args.jobs), initializer=init_worker,
                              initargs=(opts,)) as pool:
        for res in pool.imap_unordered(check, order, chunksize=1):
            results[res[0]] = res
    elapsed = time.monotonic() - t0

    passed = failed = nknown = nnotes = 0
    for path in files:
        _, ok, detail, notes = results[path]
        rel = os.path.relpath(path, args.root)
        crashed = detail.startswith("krait crashed") or detail.startswith("krait timed out")
        if rel in known and not crashed:
            if ok and not notes:
                failed += 1
                print(f"FAIL {path}: listed in {os.path.basename(args.known)} "
                      f"({known[rel]}) but now matches CPython; remove the entry")
            else:
                passed += 1
                nknown += 1
                if args.verbose:
                    print(f"known {path}: {known[rel]} [{detail or '; '.join(notes)}]")
            continue
        if ok and notes and args.strict_messages:
            ok, detail = False, notes[0]
        if ok:
            passed += 1
            if notes:
                nnotes += 1
                if args.verbose:
                    for n in notes:
                        print(f"note {path}: {n}")
            elif args.verbose:
                print(f"ok   {path}")
        else:
            failed += 1
            print(f"FAIL {path}: {detail}")

    if not args.patterns:
        for rel in sorted(known):
            if not os.path.exists(os.path.join(args.root, rel)):
                print(f"warning: {rel} is listed in {os.path.basename(args.known)} "
                      f"but does not exist under {args.root}")
    extra = []
    if nknown:
        extra.append(f"{nknown} known differences")
    if nnotes:
        extra.append(f"{nnotes} rejected files with a different error message (-v lists them)")
    extra.append(f"{len(files)} files in {elapsed:.1f}s with {args.jobs} jobs")
    print("differential: " + "; ".join(extra))
    print(f"differential: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
