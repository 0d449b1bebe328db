#!/bin/sh
# Runs every test of Krait and ends with one line `N passed, M failed`
# summing them all.  `make test` runs this after building.
#
#   BUILD=build      where the build put krait and tests/ (default build)
#   PYTHON=python3.11 the reference interpreter (default /usr/bin/python3.11)
#
# Each test program prints its own `N passed, M failed` as its last such line;
# a program that exits non-zero without reporting a failure, or that prints
# no summary at all, counts as one failure.
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-/usr/bin/python3.11}
[ -x "$PYTHON" ] || PYTHON=python3.11
cd "$(dirname "$0")/.." || exit 2

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

total_pass=0
total_fail=0
summary=""

# run NAME CMD...: runs one test program, streams its output, adds its counts.
run() {
    name=$1
    shift
    echo "== $name"
    start=$(date +%s)
    { "$@"; echo $? >"$tmp/rc"; } 2>&1 | tee "$tmp/out"
    rc=$(cat "$tmp/rc")
    counts=$(sed -n 's/^\(.*: \)\{0,1\}\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\2 \3/p' "$tmp/out" | tail -n 1)
    if [ -z "$counts" ]; then
        echo "$name: printed no 'N passed, M failed' line (exit status $rc)"
        p=0
        f=1
    else
        p=${counts% *}
        f=${counts#* }
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
            echo "$name: exit status $rc but no failure reported; counting one"
            f=1
        fi
    fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    summary="$summary
  $name: $p passed, $f failed ($(($(date +%s) - start))s)"
}

if [ ! -x "$BUILD/krait" ]; then
    echo "no $BUILD/krait: run make first"
    echo "0 passed, 1 failed"
    exit 1
fi

# Unit test programs (C), built by the Makefile from tests/unit/*.c.
for t in "$BUILD"/tests/*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    run "unit/$(basename "$t")" "$t"
done

# Programs embedding Krait through include/krait.h (tests/c), built by
# the Makefile against build/libkrait.a.
for t in "$BUILD"/ctests/*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    run "embed/$(basename "$t")" "$t"
done
# The complete example of docs/EMBEDDING.md, compiled and run.
if [ -f "$BUILD/libkrait.a" ]; then
    run embed/doc_example sh tests/c/doc_example.sh "$BUILD"
fi

# Parser against CPython on every .py file under /usr/lib/python3.11.
run differential "$PYTHON" tests/parser/differential.py --krait "$BUILD/krait"

# Hand-written grammar corners (tests/parser/grammar), against CPython too.
run grammar "$PYTHON" tests/parser/differential.py --root tests/parser/grammar --krait "$BUILD/krait"

# PEP 701 f-strings, against CPython's trees of equivalent 3.11 sources.
run pep701 "$PYTHON" tests/parser/pep701.py "$BUILD/krait"

# Symbol tables against CPython's symtable module, on the stdlib and on the
# hand-written scoping cases (whose errors must match python3.11's exactly).
run symtable "$PYTHON" tests/compile/symtable_diff.py --krait "$BUILD/krait"
run symtable-cases "$PYTHON" tests/compile/symtable_diff.py --root tests/compile/cases --cases --label symtable-cases --krait "$BUILD/krait"

# The compiler's SyntaxErrors (krait -X check): hand-written cases against
# python3.11's stderr, and the stdlib against compile().
run checks "$PYTHON" tests/compile/checks_run.py --krait "$BUILD/krait"

# The command line's errors, help and -V against CPython's.
run cmdline "$PYTHON" tests/cmdline/errors.py "$BUILD/krait"
# Running programs from the command line (scripts, -c, -m, stdin, -i).
run cmdline-run "$PYTHON" tests/cmdline/running.py "$BUILD/krait"

# SyntaxError messages and positions against CPython.
if [ -f tests/syntax/run.py ]; then
    run syntax "$PYTHON" tests/syntax/run.py "$BUILD/krait"
fi

# Language programs (tests/lang) that run on Krait, each against its
# expectation from python3.11; the list only grows.
run lang "$PYTHON" tests/lang/run.py "$BUILD/krait" --ratchet tests/lang/passing.txt

echo "== summary$summary"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
