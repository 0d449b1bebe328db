# More of sys: orig_argv, hooks, the site's exit/quit, streams, specs of built-in modules.
import sys
print(type(sys.orig_argv).__name__, sys.orig_argv[-1].endswith('more_attrs.py'), sys.argv[0] == sys.orig_argv[-1])
print(sys.unraisablehook is sys.__unraisablehook__, callable(sys.unraisablehook))
print(sys.__displayhook__ is sys.displayhook, sys.__excepthook__ is sys.excepthook)
print(repr(exit), str(quit), type(exit).__name__, exit.name, quit.eof)
try:
    exit(1, 2)
except TypeError as e:
    print('TypeError:', e)
try:
    quit('bye')
except SystemExit as e:
    print('SystemExit', e.code, sys.stdin.closed)
try:
    sys.stdin.readline()
except ValueError as e:
    print('ValueError:', e)
print(repr(sys.stdout), repr(sys.stderr))
print(sys.stdout.closed, sys.stdout.line_buffering, sys.stderr.errors, sys.stdout.errors, sys.stdout.mode)
print(sys, sys.modules['builtins'], sys.__spec__)
print(sys.__loader__, sys.__loader__.is_package('sys'), sys.__loader__.get_source('sys'))
print(sys.__spec__.name, sys.__spec__.origin, sys.__spec__.parent, sys.__spec__.has_location, sys.__spec__.submodule_search_locations)
print(sys.__loader__.find_spec('builtins'), sys.__loader__.find_spec('no_such_module'))
print(sys.__package__, sys.modules['builtins'].__package__)
print(sys.builtin_module_names.__class__.__name__, 'sys' in sys.builtin_module_names)
print(sys.platform, sys.float_repr_style, type(sys.abiflags).__name__, sys.api_version > 0)
print(isinstance(sys.executable, str), sys.executable != '', type(sys.prefix).__name__)
print(sys.getrecursionlimit() == 1000, sys._getframe().f_code.co_name, sys._getframe(0).f_back)
def inner():
    return sys._getframe(1).f_code.co_name, sys._getframe().f_code.co_name
print(inner())
try:
    sys._getframe(100)
except ValueError as e:
    print('ValueError:', e)
print(sys.exc_info(), sys.exception())
try:
    sys.exit(1, 2)
except TypeError as e:
    print('TypeError:', e)
