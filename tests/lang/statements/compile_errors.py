# SyntaxErrors found by the compiler (symbol table, code generation), not the parser.
cases = [
    'return 1',
    'yield 1',
    'await x',
    'break',
    'continue',
    'for x in y:\n    def f():\n        break',
    'def f(a, a): pass',
    'def f(a, *, a): pass',
    'lambda a, a: 0',
    'def f(x):\n    global x',
    'def f():\n    x = 1\n    global x',
    'def f():\n    print(x)\n    global x',
    'def f():\n    nonlocal x',
    'nonlocal x',
    'def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x',
    'def f(x):\n    def g():\n        global x\n        nonlocal x',
    '__debug__ = 1',
    'def f(__debug__): pass',
    '*a = [1]',
    'a, *b, *c = range(3)',
    'f(**x, *y)',
    'def f():\n    from os import *',
    'class C:\n    from sys import *',
    '[x async for x in y]',
    'def f():\n    [x async for x in y]',
    'async def f():\n    yield from x',
    'async def f():\n    yield 1\n    return 2',
    '[i for i in range(3) if (i := 0)]',
    '[(j := 0) for j in range(3)]',
    'class C:\n    [(y := 1) for _ in range(3)]',
    'match x:\n    case [*a, *b]: pass',
    'match x:\n    case a:\n        pass\n    case 1:\n        pass',
    'match x:\n    case _:\n        pass\n    case 1:\n        pass',
    'match x:\n    case [a] | [b]: pass',
    'match x:\n    case [a, a]: pass',
    'match x:\n    case C(x=1, x=2): pass',
    'match x:\n    case {"k": 1, "k": 2}: pass',
    'f(x=1, x=2)',
    'def f():\n    x: int\n    global x',
    'class C:\n    def f(self):\n        nonlocal __class__',   # allowed: __class__ is a cell
    'try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass',
    'async def f():\n    def g():\n        await x',
    'def f():\n    async with x: pass',
    'def f():\n    async for x in y: pass',
    'x = 1\ndef f():\n    global x\n    x: int = 2',
]
for src in cases:
    try:
        compile(src, 'case.py', 'exec')
        print('compiled without error:', repr(src))
    except SyntaxError as e:
        print(f'{type(e).__name__}: {e.msg} (line {e.lineno}, offset {e.offset}) <- {src!r}')
