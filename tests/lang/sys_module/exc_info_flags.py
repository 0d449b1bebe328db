# sys.exc_info, sys.exception and the flags the runner relies on.
import sys
def current():
    return sys.exc_info()[0], sys.exception()
print(current())
try:
    raise KeyError('k')
except KeyError:
    et, ev = current()
    print(et.__name__, repr(ev))
print(current())
print(sys.flags.bytes_warning, sys.flags.quiet, sys.flags.hash_randomization in (0, 1), sys.flags.dev_mode, sys.flags.safe_path)
print(sys.orig_argv[-1].endswith('exc_info_flags.py') if hasattr(sys, 'orig_argv') else '-', sys.argv[1:])
print(type(sys.warnoptions).__name__, sys.warnoptions, type(sys._xoptions).__name__)
