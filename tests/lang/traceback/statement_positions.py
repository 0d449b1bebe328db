# lang: expect-stderr
# Where tracebacks point for errors raised by statements rather than
# expressions: for-loop iteration, imports, with enter/exit, assert,
# augmented assignment, comprehensions, calls spanning lines.  Each error is
# printed by sys.__excepthook__, which draws the same markers as an
# uncaught exception.
import sys

def report(f):
    try:
        f()
    except BaseException:
        sys.__excepthook__(*sys.exc_info())

def gen():
    yield 1
    raise ValueError('in gen')

class Enter:
    def __enter__(self): raise ValueError('enter')
    def __exit__(self, *a): pass

class Exit:
    def __enter__(self): return self
    def __exit__(self, *a): raise ValueError('exit')

class NoExit:
    def __enter__(self): return self

def for_not_iterable():
    for x in 5: pass

def for_multiline():
    for x in 5:
        pass

def for_next_fails():
    for x in gen(): pass

def import_missing():
    x = 1; import _no_such_module_here

def from_import_missing():
    from sys import (path,
                     _no_such_name)

def from_import_one_line():
    from sys import path, _no_such_name; x = 1

def with_enter(): 
    with Enter() as c: pass

def with_exit():
    with Exit() as c: x = 1

def with_exit_on_return():
    with Exit() as c:
        return 1

def with_exit_on_break():
    for i in [1]:
        with Exit():
            break

def with_no_exit():
    with NoExit() as c: pass

def with_not_cm():
    with 5: pass

def assert_compare():
    x = 1; assert x == 1 and (x if x == 1 else x) and 0 ; z = 1

def assert_plain():
    x = 0; assert x, 'm' + 'n' ; z = 1

def aug_assign():
    x = 5; y = 'a'; x += y

def aug_attr():
    class A: pass
    a = A(); a.b += 1; x = 2

def aug_subscript():
    d = {'a': {}}; d['a']['k'] += 1; x = 2

def comp_first_iter():
    y = [x for x in 5]

def comp_inner_iter():
    y = [x for z in [1] for x in 5]

def comp_next_fails():
    y = {x: 1 for x in gen()}

def genexp_body():
    g = (1 / x for x in [0])
    next(g)

def multiline_call():
    def f(*a): return 1 / 0
    x = 1; y = f(1,
      2); z = 3

def unpack_error():
    x = 1; a, b = [1]; z = 1

for f in [for_not_iterable, for_multiline, for_next_fails, import_missing,
          from_import_missing, from_import_one_line, with_enter, with_exit,
          with_exit_on_return, with_exit_on_break, with_no_exit, with_not_cm,
          assert_compare, assert_plain, aug_assign, aug_attr, aug_subscript,
          comp_first_iter, comp_inner_iter, comp_next_fails, genexp_body,
          multiline_call, unpack_error]:
    report(f)
print('done')
