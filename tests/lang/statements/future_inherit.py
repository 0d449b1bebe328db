# The annotations future shows in co_flags and is inherited by compile()
# and exec() unless dont_inherit is set.
from __future__ import annotations
import sys

def f(x: undefined) -> also_undefined: pass
print(hex(f.__code__.co_flags), hex(sys._getframe().f_code.co_flags))
print(hex(compile('x', 'f', 'exec').co_flags), hex(compile('x', 'f', 'exec', dont_inherit=True).co_flags))
ns = {}
exec('def g(a: nothing): pass', ns)
print(ns['g'].__annotations__, hex(ns['g'].__code__.co_flags))
code = compile('def h(a: int): pass', 'f', 'exec', dont_inherit=True)
exec(code, ns)
print(ns['h'].__annotations__)
code = compile('def k(a: int): pass', 'f', 'exec', 0x1000000, True)
exec(code, ns)
print(ns['k'].__annotations__)
try:
    exec('1\x00')
except ValueError as e:
    print('ValueError', e)
