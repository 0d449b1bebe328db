#!/usr/bin/python3.11
"""Parsing speed: `krait -X parse` against CPython 3.11's compile().

Takes every .py file under /usr/lib/python3.11 that CPython compiles, then
measures, side by side in one run (rounds interleaved, best of --runs):

  krait    `krait -X parse FILE...` over all of them (in batches below
           ARG_MAX); wall time of the processes, so start-up and reading
           the files count against Krait
  compile  compile(source_bytes, path, 'exec') in this process, sources read
           into memory beforehand, only the loop timed
  ast      compile(..., ast.PyCF_ONLY_AST), i.e. ast.parse() without the
           bytecode compiler, for reference

and prints the times and the ratios krait/compile and krait/ast.
"""

import argparse
import ast
import gc
import os
import subprocess
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def find_files(root, patterns):
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in files:
            if f.endswith(".py"):
                p = os.path.join(d, f)
                if not patterns or any(pat in p for pat in patterns):
                    out.append(p)
    return sorted(out)


def batches(paths, budget):
    """Splits paths into argument lists of at most `budget` bytes each."""
    cur, size = [], 0
    for p in paths:
        n = len(os.fsencode(p)) + 1
        if cur and size + n > budget:
            yield cur
            cur, size = [], 0
        cur.append(p)
        size += n
    if cur:
        yield cur


def time_krait(krait, groups):
    """Returns (seconds, error output of the invocations that failed)."""
    t0 = time.perf_counter()
    errors = []
    for g in groups:
        r = subprocess.run([krait, "-X", "parse", *g], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        if r.returncode != 0:
            errors.append(r.stderr.decode("utf-8", "replace"))
    return time.perf_counter() - t0, errors


def time_cpython(sources, flags):
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        for path, src in sources:
            compile(src, path, "exec", flags, dont_inherit=True)
        return time.perf_counter() - t0
    finally:
        gc.enable()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("patterns", nargs="*", metavar="FILTER",
                    help="only files whose path contains FILTER")
    ap.add_argument("--krait", default=os.path.join(REPO, "build", "krait"))
    ap.add_argument("--root", default="/usr/lib/python3.11")
    ap.add_argument("--runs", type=int, default=3, help="best of RUNS (default 3)")
    args = ap.parse_args()

    # SyntaxWarnings ("is" with a literal...) would flood the output.
    warnings.simplefilter("ignore")
    if not os.access(args.krait, os.X_OK):
        sys.exit(f"parse_speed: no krait executable at {args.krait}")

    sources = []
    rejected = 0
    for p in find_files(args.root, args.patterns):
        with open(p, "rb") as f:
            src = f.read()
        try:
            compile(src, p, "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            rejected += 1
            continue
        sources.append((p, src))
    nbytes = sum(len(s) for _, s in sources)
    # Stay well below ARG_MAX (which also has to hold the environment).
    budget = min(os.sysconf("SC_ARG_MAX") // 4, 512 * 1024)
    groups = list(batches([p for p, _ in sources], budget))
    print(f"{len(sources)} files CPython compiles ({nbytes / 1e6:.1f} MB; {rejected} "
          f"rejected ones left out), {len(groups)} krait invocations, best of {args.runs}")

    best = {"krait": float("inf"), "compile": float("inf"), "ast": float("inf")}
    krait_errors = []
    for _ in range(args.runs):
        t, krait_errors = time_krait(args.krait, groups)
        best["krait"] = min(best["krait"], t)
        best["compile"] = min(best["compile"], time_cpython(sources, 0))
        best["ast"] = min(best["ast"], time_cpython(sources, ast.PyCF_ONLY_AST))

    print(f"krait -X parse          {best['krait']:8.3f} s")
    print(f"python3.11 compile()    {best['compile']:8.3f} s")
    print(f"python3.11 ast.parse()  {best['ast']:8.3f} s")
    print(f"ratio krait/compile     {best['krait'] / best['compile']:8.3f}")
    print(f"ratio krait/ast.parse   {best['krait'] / best['ast']:8.3f}")
    if krait_errors:
        text = "".join(krait_errors)
        print(f"warning: {len(krait_errors)} krait invocations exited non-zero: krait rejects "
              f"files CPython compiles, so the times above are not comparable yet:")
        print(text if len(text) < 4000 else text[:4000] + "\n[...]")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
