# lang: expect-stderr
# An exception raised in an except* handler is wrapped in a group with
# the rest (3.11.2); the uncaught group prints with its context.
try:
    try:
        raise ExceptionGroup('src', [KeyError('k'), ValueError(1)])
    except* KeyError:
        raise RuntimeError('handler failed')
except* RuntimeError as e:
    print(repr(e))
def f():
    raise ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), KeyError(3)]), OSError(4)])
def g():
    try:
        f()
    except* ValueError:
        raise ZeroDivisionError("zz")
g()
