#!/usr/bin/python3.11
"""CPython's symbol table of a file, in the canonical text form that
`krait -X symtable FILE` prints (src/compile/symtable_dump.c describes it).

    python3.11 tests/compile/symtable_dump.py FILE

Everything comes from CPython's `symtable` module: block type, name, line,
is_nested(), is_optimized(), children in order, the parameters
(`varnames`), and per symbol in sorted order its raw DEF_* flags, its scope
and the symtable.Symbol predicates that hold.  Two lines are derived, because
the symtable module does not show them directly: `cells:` and `frees:`, the
co_cellvars and co_freevars a code object of the block gets.  They are
derived by the rule Krait implements (cells that are parameters in parameter
order, then the other cells sorted; a class gets "__class__" when a child
uses it freely; free names sorted, with class names marked DEF_FREE_CLASS),
and the rule is checked here against the code objects compile() makes: a
disagreement is an error (exit status 3), so the reference cannot drift
from CPython quietly.

On a SyntaxError from symtable() the script prints the exception and exits
with status 1.
"""
import symtable
import sys
import types

FLAG_NAMES = ["DEF_GLOBAL", "DEF_LOCAL", "DEF_PARAM", "DEF_NONLOCAL", "USE", "DEF_FREE",
              "DEF_FREE_CLASS", "DEF_IMPORT", "DEF_ANNOT", "DEF_COMP_ITER"]
SCOPE_NAMES = {symtable.LOCAL: "LOCAL", symtable.GLOBAL_EXPLICIT: "GLOBAL_EXPLICIT",
               symtable.GLOBAL_IMPLICIT: "GLOBAL_IMPLICIT", symtable.FREE: "FREE",
               symtable.CELL: "CELL"}
DEF_FREE_CLASS = 64
FLAG_MASK = (1 << symtable.SCOPE_OFF) - 1
CODE_NAMES = {"lambda": "<lambda>", "listcomp": "<listcomp>", "setcomp": "<setcomp>",
              "dictcomp": "<dictcomp>", "genexpr": "<genexpr>", "top": "<module>"}


def scope_of(flags):
    return (flags >> symtable.SCOPE_OFF) & symtable.SCOPE_MASK


def cells_and_frees(table):
    """co_cellvars and co_freevars of the block, by Krait's rule."""
    raw = table._table
    syms = raw.symbols
    if table.get_type() == "class":
        cells = []
        for child in raw.children:
            f = child.symbols.get("__class__")
            if f is not None and scope_of(f) == symtable.FREE:
                cells = ["__class__"]
    else:
        params = list(raw.varnames)
        cells = [p for p in params if scope_of(syms[p]) == symtable.CELL]
        cells += sorted(n for n, f in syms.items()
                        if scope_of(f) == symtable.CELL and n not in params)
    frees = sorted(n for n, f in syms.items()
                   if scope_of(f) == symtable.FREE or f & DEF_FREE_CLASS)
    return cells, frees


def predicates(sym):
    preds = [("parameter", sym.is_parameter()), ("global", sym.is_global()),
             ("declared_global", sym.is_declared_global()), ("local", sym.is_local()),
             ("annotated", sym.is_annotated()), ("free", sym.is_free()),
             ("imported", sym.is_imported()), ("assigned", sym.is_assigned()),
             ("referenced", sym.is_referenced()), ("nonlocal", sym.is_nonlocal()),
             ("namespace", sym.is_namespace())]
    return ",".join(name for name, on in preds if on)


def flag_text(flags):
    bits = flags & FLAG_MASK
    names = [n for i, n in enumerate(FLAG_NAMES) if bits & (1 << i)]
    extra = bits & ~((1 << len(FLAG_NAMES)) - 1)
    if extra:
        names.append(hex(extra))
    return "|".join(names) if names else "0"


def dump_table(table, out, indent=0):
    pad = " " * indent
    raw = table._table
    head = f"{pad}{table.get_type()} {table.get_name()} line {table.get_lineno()}"
    if table.is_nested():
        head += " nested"
    if table.is_optimized():
        head += " optimized"
    out.append(head)
    cells, frees = cells_and_frees(table)
    for label, names in (("params", list(raw.varnames)), ("cells", cells), ("frees", frees)):
        if names:
            out.append(f"{pad}  {label}: " + " ".join(names))
    for name in sorted(table.get_identifiers()):
        flags = raw.symbols[name]
        scope = SCOPE_NAMES.get(scope_of(flags), str(scope_of(flags)))
        out.append(f"{pad}  {name} {flag_text(flags)} {scope} [{predicates(table.lookup(name))}]")
    for child in table.get_children():
        dump_table(child, out, indent + 2)


def dump(src, filename):
    """The dump of source bytes, as text (one trailing newline)."""
    top = symtable.symtable(src, filename, "exec")
    out = []
    dump_table(top, out)
    return "\n".join(out) + "\n", top


def check_against_code(table, code, where=""):
    """Compares the cells/frees/params rule with compile()'s code objects.
    Children are paired by name; blocks whose name occurs a different number
    of times among the code objects (code the compiler dropped, such as the
    body of `if 0:`) are skipped.  Returns a list of disagreements."""
    problems = []
    cells, frees = cells_and_frees(table)
    label = f"{where}{table.get_name()}@{table.get_lineno()}"
    if list(code.co_cellvars) != cells:
        problems.append(f"{label}: co_cellvars {code.co_cellvars} but rule gives {tuple(cells)}")
    if list(code.co_freevars) != frees:
        problems.append(f"{label}: co_freevars {code.co_freevars} but rule gives {tuple(frees)}")
    params = list(table._table.varnames)
    if list(code.co_varnames[:len(params)]) != params:
        problems.append(f"{label}: co_varnames {code.co_varnames} do not start with {params}")
    kids = {}
    for child in table.get_children():
        kids.setdefault(CODE_NAMES.get(child.get_name(), child.get_name()), []).append(child)
    codes = {}
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            codes.setdefault(c.co_name, []).append(c)
    for name, tables in kids.items():
        cs = codes.get(name, [])
        if len(cs) != len(tables):
            continue
        tables = sorted(tables, key=lambda t: t.get_lineno())
        cs = sorted(cs, key=lambda c: c.co_firstlineno)
        for t, c in zip(tables, cs):
            problems += check_against_code(t, c, label + "/")
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    path = argv[1]
    with open(path, "rb") as f:
        src = f.read()
    try:
        text, top = dump(src, path)
    except SyntaxError as e:
        print(f"{type(e).__name__}: {e.msg} (line {e.lineno})", file=sys.stderr)
        return 1
    try:
        code = compile(src, path, "exec", dont_inherit=True)
    except SyntaxError:
        code = None
    if code is not None:
        problems = check_against_code(top, code)
        if problems:
            for p in problems:
                print("symtable_dump: compile() disagrees: " + p, file=sys.stderr)
            return 3
    sys.stdout.buffer.write(text.encode("utf-8", "surrogatepass"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
