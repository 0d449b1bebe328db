# args, str/repr, with_traceback, add_note/__notes__.
for e in [Exception(), Exception('one'), Exception('a', 2), Exception(None),
          KeyError('k'), KeyError('a', 'b'), KeyError(), ValueError(''), IndexError(0)]:
    print(repr(e), '|', str(e), '|', e.args)

e = ValueError('x')
e.args = ('changed', 1)
print(e, repr(e))
e.args = 'abc'
print(e.args)

# attributes can be added to exception instances
e.extra = 42
print(e.extra, e.__dict__)

# with_traceback returns the exception itself
try:
    raise TypeError('tb')
except TypeError as t:
    tb = t.__traceback__
    print(type(tb).__name__, tb.tb_lineno, tb.tb_frame.f_code.co_name, tb.tb_next)
    fresh = RuntimeError('fresh')
    print(fresh.with_traceback(tb) is fresh, fresh.__traceback__ is tb)
    print(fresh.with_traceback(None).__traceback__)

try:
    Exception().with_traceback(5)
except TypeError as err:
    print(type(err).__name__, err)

# notes
n = Exception('noted')
print(hasattr(n, '__notes__'))
n.add_note('first')
n.add_note('second')
print(n.__notes__)
try:
    n.add_note(5)
except TypeError as err:
    print(type(err).__name__, err)
n.__notes__ = 'not a list'
try:
    n.add_note('x')
except TypeError as err:
    print(type(err).__name__, err)

# BaseException takes no keyword arguments
try:
    Exception(a=1)
except TypeError as err:
    print(type(err).__name__, err)

# exception instances compare by identity
print(ValueError(1) == ValueError(1))
# __str__ of a one-tuple arg
print(str(Exception((1, 2))), str(Exception([1])))
