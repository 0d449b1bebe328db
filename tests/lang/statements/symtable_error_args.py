# SyntaxErrors of the symbol table carry their location as attributes only
# (args is just the message); the compiler's own errors put it in args too.
srcs = ['def f(a, a): pass', 'def f():\n    from x import *', '[x := 1 for x in y]',
        'def f(x):\n    global x', 'nonlocal x', '[(yield) for x in y]',
        'from __future__ import braces', 'from __future__ import nope', 'x: (yield)',
        'x = 1\nglobal x', 'def f():\n  x = 1\n  global x', 'await x', 'break',
        'continue', 'return', 'def f(*, a, a): pass', 'def g():\n  nonlocal q',
        'def g():\n  x = 1\n  def h():\n    global x\n    nonlocal x',
        'def f():\n  x = 1\n  nonlocal x', 'def f(a):\n  nonlocal a',
        'def f():\n  print(x)\n  global x', 'class C:\n  x = 1\n  global x',
        'x = 1\nfrom __future__ import division', 'yield', 'x = yield from y',
        'def f():\n  yield\n  return 1\nclass C:\n  [(yield) for x in y]',
        'def g():\n  [x async for x in y]', 'async def f():\n  yield from x',
        'def f():\n  x: int\n  global x', 'def f():\n  global x\n  x: int',
        'def f():\n  [i := 0 for i, j in y]', 'class C:\n  [y := 0 for i in z]',
        '[i for i in (j := 0)]', 'def f(**k): pass\nf(x=1, x=2)']
for s in srcs:
    try:
        compile(s, 'f', 'exec')
        print('ok', repr(s))
    except SyntaxError as e:
        print(repr(s))
        print('   ', e.args, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
        print('   ', str(e))
