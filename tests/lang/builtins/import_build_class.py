# __import__, __build_class__ and breakpoint().
import sys
m = __import__('sys')
print(m is sys, __import__('_helper_mod').VALUE)
import _helper_mod
print(_helper_mod.VALUE, _helper_mod.__name__, _helper_mod.double(21), type(_helper_mod).__name__)
from _helper_mod import double as dbl, VALUE
print(dbl(2), VALUE)
try:
    __import__('no_such_module_xyz')
except ModuleNotFoundError as e:
    print(type(e).__name__ + ':', e, e.name)
try:
    from _helper_mod import missing_name
except ImportError as e:
    # the message ends with the module's absolute path: print the stable parts
    print(type(e).__name__ + ':', str(e).split(' (')[0], e.name, e.path.endswith('_helper_mod.py'))
print('_helper_mod' in sys.modules, sys.modules['_helper_mod'] is _helper_mod)

# __build_class__ is what the class statement calls
import builtins
calls = []
original = builtins.__build_class__
def tracing(func, name, *bases, **kw):
    calls.append((type(func).__name__, name, bases, kw))
    return original(func, name, *bases, **kw)
builtins.__build_class__ = tracing
class Traced(dict, metaclass=type):
    x = 1
builtins.__build_class__ = original
print(calls, Traced.__name__, Traced.__bases__, Traced.x)
try:
    builtins.__build_class__()
except TypeError as e:
    print(type(e).__name__ + ':', e)

# breakpoint() calls sys.breakpointhook
def hook(*args, **kw):
    print('breakpointhook called with', args, kw)
    return 'hook result'
sys.breakpointhook = hook
print(breakpoint(1, key='v'))
sys.breakpointhook = sys.__breakpointhook__
print(sys.breakpointhook is sys.__breakpointhook__)
