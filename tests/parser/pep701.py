"""PEP 701 f-strings (the 3.12 grammar Krait accepts) against CPython 3.11.

python3.11 cannot parse these sources, so each case pairs the 3.12 form with
a 3.11 form of the same length whose tree differs only in ways we undo on
CPython's tree before dumping it:

  - other quotes inside the replacement field ('a' for "a"): same tree;
  - a placeholder string of the same length where 3.11 forbids a backslash,
    whose Constant value we then set to the real one;
  - spaces where 3.11 forbids a comment.

Krait's dump of the 3.12 form must equal CPython's dump of the patched 3.11
form.  Usage: python3.11 tests/parser/pep701.py path/to/krait
"""
import ast
import os
import subprocess
import sys
import tempfile

# (3.12 source, 3.11 source of the same length, {placeholder: real value})
CASES = [
    ('f"{x["a"]}"\n', "f\"{x['a']}\"\n", {}),
    ('f"{f"{x}"}"\n', "f\"{f'{x}'}\"\n", {}),
    ('f"{x!r:{"w"}}"\n', "f\"{x!r:{'w'}}\"\n", {}),
    ("f'{d['k']:>{w}}'\n", "f'{d[\"k\"]:>{w}}'\n", {}),
    ('f"{"\\n".join(a)}"\n', "f\"{'ZZ'.join(a)}\"\n", {"ZZ": "\n"}),
    ('f"{"\\t"} and {"\\\\"}"\n', "f\"{'QQ'} and {'RR'}\"\n", {"QQ": "\t", "RR": "\\"}),
    ("x = f'''{a # comment\n}'''\n", "x = f'''{a          \n}'''\n", {}),
    ("f'''{\n  a,  # first\n  b,  # second\n}'''\n",
     "f'''{\n  a,         \n  b,          \n}'''\n", {}),
    ('f"{"a" if x else "b"}"\n', "f\"{'a' if x else 'b'}\"\n", {}),
    ('f"{",".join(f"{k}={v}" for k, v in d.items())}"\n',
     "f\"{','.join(f'{k}={v}' for k, v in d.items())}\"\n", {}),
    ('print(f"{user["name"]} is {user["age"]}")\n',
     "print(f\"{user['name']} is {user['age']}\")\n", {}),
    # The text before '=' is the source text, so it keeps 3.12's quotes.
    ('f"{x:{"<"}{w}}" f"{y["z"]=}"\n', "f\"{x:{'<'}{w}}\" f\"{y['z']=}\"\n",
     {"y['z']=": 'y["z"]='}),
]


def reference(src311, subst):
    tree = ast.parse(src311)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in subst:
            node.value = subst[node.value]
    return ast.dump(tree, include_attributes=True)


def main():
    krait = sys.argv[1] if len(sys.argv) > 1 else "build/krait"
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (src312, src311, subst) in enumerate(CASES):
            assert len(src312.encode()) == len(src311.encode()), src312
            path = os.path.join(tmp, "case%d.py" % i)
            with open(path, "w") as f:
                f.write(src312)
            r = subprocess.run([krait, "-X", "dump-ast", path], capture_output=True, text=True)
            want = reference(src311, subst)
            got = r.stdout.rstrip("\n")
            if r.returncode == 0 and got == want:
                passed += 1
                continue
            failed += 1
            print("FAIL %r" % src312)
            if r.returncode:
                print("  krait: exit %d: %s" % (r.returncode, r.stderr.strip()))
            else:
                j = next((k for k in range(min(len(got), len(want))) if got[k] != want[k]),
                         min(len(got), len(want)))
                print("  want: ...%s" % want[max(0, j - 80):j + 80])
                print("  got:  ...%s" % got[max(0, j - 80):j + 80])
    print("pep701: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
