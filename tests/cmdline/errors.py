#!/usr/bin/python3.11
"""`krait` against python3.11 on command lines that end during option
handling: usage errors, -h and the --help-* texts, -V, and bad
configuration values (fatal errors).  Both programs are started with
argv[0] = "PROG", since CPython echoes argv[0] in its usage line; stdout,
stderr and the exit status must match exactly.  A valid command line must get
past option handling and run its program as python3.11 does: same exit
status, and for -c programs the same stdout and stderr.

    /usr/bin/python3.11 tests/cmdline/errors.py build/krait

Prints `N passed, M failed`; exit status 1 if anything failed."""
import os
import subprocess
import sys

PY = "/usr/bin/python3.11"

# (arguments, extra environment)
CASES = [
    (["-z"], {}), (["-zc", "pass"], {}), (["-uz"], {}), (["-é"], {}), (["-Eé"], {}),
    (["-c"], {}), (["-m"], {}), (["-W"], {}), (["-X"], {}), (["-uc"], {}), (["-Sm"], {}),
    (["-J"], {}), (["-EJ"], {}), (["--foo"], {}), (["---"], {}), (["--hel"], {}),
    (["--help=1"], {}), (["--version=1"], {}), (["-E-x"], {}), (["-E--help"], {}),
    (["-u-version"], {}),
    (["--check-hash-based-pycs"], {}), (["--check-hash-based-pycs", "sometimes"], {}),
    (["--check-hash-based-pycs=always"], {}),
    (["-h"], {}), (["-?"], {}), (["--help"], {}), (["-h", "-z"], {}), (["-uh"], {}),
    (["-V", "-h"], {}), (["--help-env"], {}), (["--help-xoptions"], {}),
    (["--help-all"], {}), (["--help-env", "-z"], {}), (["-h", "--help-env"], {}),
    (["-V"], {}), (["--version"], {}), (["-V", "-c", "pass"], {}), (["-V", "-z"], {}),
    (["-z", "-V"], {}), (["-V", "x.py", "-z"], {}),
    (["-X", "utf8=2", "-c", "pass"], {}), (["-V", "-X", "utf8=2"], {}),
    (["-c", "pass"], {"PYTHONUTF8": "2"}), (["-€"], {}), (["-\udcff"], {}),
    (["-c", "pass"], {"PYTHONHASHSEED": "x"}), (["-c", "pass"], {"PYTHONHASHSEED": "4294967296"}),
    (["-c", "pass"], {"PYTHONHASHSEED": "-1"}),
    (["-X", "tracemalloc=x", "-c", "pass"], {}), (["-X", "tracemalloc=-1", "-c", "pass"], {}),
    (["-c", "pass"], {"PYTHONTRACEMALLOC": "x"}),
    (["-X", "int_max_str_digits", "-c", "pass"], {}),
    (["-X", "int_max_str_digits=5", "-c", "pass"], {}),
    (["-X", "int_max_str_digits=5", "-X", "int_max_str_digits=700", "-c", "pass"], {}),
    (["-c", "pass"], {"PYTHONINTMAXSTRDIGITS": "639"}),
    (["-X", "frozen_modules=x", "-c", "pass"], {}),
    (["-X", "tracemalloc=x", "-X", "int_max_str_digits=1", "-c", "pass"], {"PYTHONHASHSEED": "x"}),
    (["-X", "int_max_str_digits=1", "-X", "frozen_modules=x", "-c", "pass"], {}),
    (["-V", "-c", "pass"], {"PYTHONHASHSEED": "x"}),
]

# Valid command lines: Krait must get past option parsing.
# (`-m json.tool -h` joins once the standard library runs: issue 4.)
VALID = [["-c", "pass"], ["-uSE", "-c", "pass", "-z"],
         ["-Xdev", "-Wd", "-c", "pass"], ["--", "-c"], ["-c", "-z"], ["-E-"],
         ["-E", "-c", "pass"], ["-X", "int_max_str_digits=700", "-c", "pass"],
         ["-X", "utf8=0", "-X", "utf8=2", "-c", "pass"]]


def run(exe, args, env_extra):
    env = {"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin", **env_extra}
    r = subprocess.run(["PROG", *args], executable=exe, env=env, capture_output=True,
                       stdin=subprocess.DEVNULL, timeout=20)
    return r.returncode, r.stdout, r.stderr


def main():
    krait = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/krait")
    passed = failed = 0
    for args, env in CASES:
        want, got = run(PY, args, env), run(krait, args, env)
        if want == got:
            passed += 1
        else:
            failed += 1
            print(f"FAIL: {args} {env}\n  python3.11: {want}\n  krait:      {got}")
    for args in VALID:
        got = run(krait, args, {})
        want = run(PY, args, {})
        same = got == want if args[0] == "-c" else got[0] == want[0]
        if same:
            passed += 1
        else:
            failed += 1
            print(f"FAIL: {args}\n  python3.11: {want}\n  krait:      {got}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
