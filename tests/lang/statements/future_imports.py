# __future__ imports: every known feature is accepted, unknown ones and late
# ones are SyntaxErrors raised by the compiler.
def check(src):
    try:
        compile(src, '<src>', 'exec')
        print('ok', repr(src))
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)

for feature in ['nested_scopes', 'generators', 'division', 'absolute_import',
                'with_statement', 'print_function', 'unicode_literals',
                'generator_stop', 'annotations', 'barry_as_FLUFL']:
    check('from __future__ import ' + feature)
check('from __future__ import generator_stop, annotations')
check('from __future__ import (division,\n    annotations)')
check('"""doc"""\nfrom __future__ import annotations')
check('"""doc"""\n"""second string"""\nfrom __future__ import annotations')
check('from __future__ import annotations\nfrom __future__ import division')
check('from __future__ import spam')
check('from __future__ import annotations, spam')
check('from __future__ import braces')
check('x = 1\nfrom __future__ import annotations')
check('import sys\nfrom __future__ import division')
check('def f():\n    from __future__ import division')
check('from __future__ import *')
check('from __future__ import annotations as a')
check('if 1:\n    from __future__ import division')
check('from __future__ import annotations\nx: (yield) = 1')
check('from __future__ import annotations\nx: (y := 1)')
check('from __future__ import annotations\ndef f(x: (await y)): pass')

