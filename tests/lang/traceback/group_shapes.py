# lang: expect-stderr
# Exception groups printed by sys.excepthook: nesting beyond the depth
# limit, more members than the width limit, notes on groups and members,
# chains inside members, and a group raised from an except* handler.
import sys

def show(e):
    sys.excepthook(type(e), e, e.__traceback__)

def nest(n):
    if n == 0:
        return ValueError('leaf')
    return ExceptionGroup(f'level{n}', [nest(n - 1), TypeError(n)])

try:
    raise nest(12)
except ExceptionGroup as e:
    show(e)

wide = ExceptionGroup('wide', [KeyError(i) for i in range(17)])
show(wide)

def failing(i):
    raise OSError(f'op {i} failed')

errors = []
for i in range(2):
    try:
        failing(i)
    except OSError as e:
        e.add_note(f'while running step {i}')
        errors.append(e)
group = ExceptionGroup('steps', errors)
group.add_note('group note\nwith two lines')
try:
    raise group
except ExceptionGroup as e:
    show(e)

try:
    try:
        raise KeyError('inner cause')
    except KeyError as k:
        raise ExceptionGroup('chained', [RuntimeError('member')]) from k
except ExceptionGroup as e:
    show(e)

def member_with_context():
    try:
        1 / 0
    except ZeroDivisionError:
        return ValueError('after division')
try:
    raise ExceptionGroup('ctx', [BaseExceptionGroup('base', [member_with_context(), KeyboardInterrupt()])])
except BaseExceptionGroup as e:
    show(e)

try:
    raise ExceptionGroup('star', [ValueError(1), TypeError(2)])
except* ValueError:
    raise RuntimeError('from handler')
except* TypeError:
    pass
