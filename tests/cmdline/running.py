#!/usr/bin/python3.11
"""`krait` against python3.11 on command lines that run something: scripts,
-c, -m, piped stdin, `-`, -i with the prompt read from stdin, directories,
SystemExit statuses.  Each case runs in a scratch directory holding a few
modules (written below); stdout, stderr and the exit status must match
exactly, after the interpreter's own path (sys.executable, which runpy's
messages start with) and the version banner are replaced by placeholders.

    /usr/bin/python3.11 tests/cmdline/running.py build/krait

Prints `N passed, M failed`; exit status 1 if anything failed."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PY = "/usr/bin/python3.11"

FILES = {
    "show.py": "import sys\nprint(__name__, sys.argv, __file__ == sys.argv[0] or __file__.endswith(sys.argv[0].lstrip('.')))\n"
               "print(type(__loader__).__name__, __spec__, sys.path[0] == __file__.rsplit('/', 1)[0].replace('/.', ''))\n",
    "fail.py": "def f():\n    return 1 / 0\nprint('before')\nf()\n",
    "bad_syntax.py": "x = (1,\n",
    "exits.py": "import sys\nprint('out')\nsys.exit(sys.argv[1] if len(sys.argv) > 1 else None)\n",
    "pk/__init__.py": "print('pk init', __name__)\n",
    "pk/__main__.py": "import sys\nprint('pk main', __name__, __package__, __spec__.name, sys.argv[1:])\n",
    "pk/mod.py": "print('pk.mod', __name__, __package__, __spec__.name, __spec__.parent)\n",
    "pk/sub/__init__.py": "",
    "plain.py": "print('plain', __name__, __spec__.name, type(__spec__.loader).__name__)\n",
    "dirmain/__main__.py": "import sys\nprint('dir main', __name__, sys.argv)\n",
    "nodirmain/x.py": "",
    "startup.py": "print('startup ran')\nfrom_startup = 42\n1 / 0\n",
    "skipfirst.py": "this line is not Python\nimport sys\nprint('second line', sys.argv)\n1 / 0\n",
}

# (arguments, stdin text or None[, extra environment])
CASES = [
    (["show.py", "a", "b"], None),
    (["./show.py"], None),
    (["fail.py"], None),
    (["bad_syntax.py"], None),
    (["exits.py"], None), (["exits.py", "stopping"], None),
    (["missing.py"], None),
    (["-m", "plain", "x"], None), (["-m", "pk", "arg"], None), (["-m", "pk.mod"], None),
    (["-m", "pk.sub"], None), (["-m", "nope"], None), (["-m", "nope.x"], None),
    (["-m", "plain.x"], None), (["-m", "pk.nope"], None),
    (["dirmain", "q"], None), (["nodirmain"], None), (["-x", "skipfirst.py"], None),
    ([], "print('from stdin', __name__, __file__)\nimport sys\nprint(sys.argv)\n"),
    (["-"], "print('dash')\n1/0\n"),
    (["-", "a"], "import sys; print(sys.argv)\n"),
    ([], "x = (1,\n"),
    (["-i", "-c", "x = 5"], "x\nx + 1\nfor i in range(2):\n    print(i)\n\n1/0\nprint('after')\n"),
    (["-i", "-c", "raise SystemExit(3)"], "print('still here')\n"),
    (["-i", "-c", "pass"], "import sys\nsys.exit(4)\n"),
    (["-i", "fail.py"], "print('inspecting')\n"),
    (["-q", "-i"], "1 + 1\n"),
    (["-i", "-c", "pass"], "def f(:\n1 +\nprint('ok')\n@staticmethod\ndef g(): pass\n\nclass A:\n"
                          "    def m(self):\n        return 3\n\nA().m()\n"),
    (["-i", "-c", "pass"], "if 1: print('one line block')\n\ns = '''a\nb'''\ns\nx = [1,\n2]\nx\n"),
    (["-i", "-c", "pass"], "if 1:\n  pass\n else:\n  pass\n\nNone\n'end'\n"),
    (["-i", "-c", "pass"], "exit\nquit(7)\n"),
    (["-c", "raise SystemExit(True)"], None), (["-c", "raise SystemExit('message')"], None),
    (["-c", "import sys; sys.exit([1, 2])"], None), (["-c", "raise SystemExit(2 ** 70)"], None),
    (["-c", "exit(5)"], None), (["-S", "-c", "exit"], None),
    (["-u", "-c", "import sys; sys.stdout.write('a'); sys.stderr.write('b'); print(sys.flags.quiet)"], None),
    (["-E", "-s", "-B", "-c", "import sys; f = sys.flags; print(f.ignore_environment, f.no_user_site, f.dont_write_bytecode)"], None),
    (["-I", "-c", "import sys; f = sys.flags; print(f.isolated, f.safe_path, f.ignore_environment, sys.path[0] != '')"], None),
    (["-X", "foo=bar", "-X", "baz", "-W", "ignore", "-c", "import sys; print(sys._xoptions, sys.warnoptions)"], None),
    (["-c", "import sys; print(sys.orig_argv[1:], sys.argv)", "x", "-y"], None),
    (["-O", "-c", "print(__debug__)\nassert False, 'x'\nimport sys; print(sys.flags.optimize)"], None),
    (["-OO", "-c", "import sys; print(__debug__, sys.flags.optimize)"], None),
    (["-i", "-c", "pass"], "x = 1 + \\\n 2\nx\n\udcff\udcfe\nprint('z')\r\nif 1:\r\n  5\r\n\r\n'a\udce9b'\n"),
    (["-c", "import sys; l = sys.stdin.readline(); print(ascii(l), sys.stdin.errors); sys.stdout.write(l)"],
     "a\udcffb\u00e9\n"),
    # PYTHONSTARTUP runs before the prompt only when there is no program
    (["-i"], "from_startup\n", {"PYTHONSTARTUP": "startup.py"}),
    (["-i", "-c", "pass"], "from_startup\n", {"PYTHONSTARTUP": "startup.py"}),
    (["-i"], "1\n", {"PYTHONSTARTUP": "no_such_file.py"}),
]


def run(exe, args, stdin, cwd, extra_env):
    env = {"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin", **extra_env}
    if "ASAN_OPTIONS" in os.environ:
        env["ASAN_OPTIONS"] = os.environ["ASAN_OPTIONS"]
    r = subprocess.run([exe, *args], env=env, capture_output=True, cwd=cwd,
                       input=(stdin or "").encode("utf-8", "surrogateescape"), timeout=20)
    out, err = r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")
    err = err.replace(exe, "EXE")
    # The banner names the build; only its presence is compared.
    err = re.sub(r"Python 3\.11\.2 \(.*\) \[.*\] on linux", "Python 3.11.2 BANNER on linux", err)
    # runpy's frames appear in CPython's tracebacks of -m programs only.
    err = re.sub(r'  File "<frozen runpy>".*\n', "", err)
    return r.returncode, out, err


def main():
    krait = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/krait")
    passed = failed = 0
    with tempfile.TemporaryDirectory() as d:
        for name, text in FILES.items():
            os.makedirs(os.path.join(d, os.path.dirname(name)), exist_ok=True)
            with open(os.path.join(d, name), "w") as f:
                f.write(text)
        for args, stdin, *env in CASES:
            env = env[0] if env else {}
            want = run(PY, args, stdin, d, env)
            got = run(krait, args, stdin, d, env)
            shutil.rmtree(os.path.join(d, "__pycache__"), ignore_errors=True)
            shutil.rmtree(os.path.join(d, "pk", "__pycache__"), ignore_errors=True)
            if want == got:
                passed += 1
            else:
                failed += 1
                print(f"FAIL: {args} stdin={stdin!r}\n  python3.11: {want}\n  krait:      {got}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
