# from m import * honours __all__, else skips names starting with _.
from _star_source import *
print(public_a, renamed)
print('public_b' in dir(), '_private' in dir())
from _star_noall import *
print(visible, '_hidden' in dir(), '_sys_alias' in dir())
def f():
    import _star_source as s
    return s.public_b
print(f())
