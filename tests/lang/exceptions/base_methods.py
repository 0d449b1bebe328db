# Methods of BaseException: with_traceback, add_note, __reduce__,
# __setstate__, and the argument checks of each.
def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

e = ValueError('x', 1)
attempt('wt none', lambda: e.with_traceback(None) is e)
attempt('wt no arg', lambda: e.with_traceback())
attempt('wt two', lambda: e.with_traceback(None, None))
attempt('wt bad', lambda: e.with_traceback('tb'))
attempt('note none', lambda: e.add_note())
attempt('note bytes', lambda: e.add_note(b'x'))
attempt('note ok', lambda: e.add_note('first'))
print(e.__notes__, e.__dict__)

class S(str):
    pass
e.add_note(S('sub'))
print(e.__notes__, type(e.__notes__[1]).__name__)

# __notes__ replaced by a non-list
e.__notes__ = ('a',)
attempt('note tuple', lambda: e.add_note('b'))
del e.__notes__
e.add_note('again')
print(e.__notes__)

# __reduce__: (type, args) and the instance dict once there is one
r = ValueError(1, 2)
print(r.__reduce__())
attempt('reduce arg', lambda: r.__reduce__(1))
r.attr = 'a'
print(r.__reduce__())
print(KeyError('k').__reduce__(), SystemExit(3).__reduce__())

# __setstate__ sets attributes from a dict
s = TypeError()
s.__setstate__({'a': 1, 'b': [2]})
print(s.a, s.b, sorted(s.__dict__))
print(s.__setstate__(None))
attempt('setstate list', lambda: s.__setstate__([1]))
attempt('setstate none', lambda: s.__setstate__())

# rebuilding from __reduce__
cls, args, state = r.__reduce__()
copy = cls(*args)
copy.__setstate__(state)
print(repr(copy), copy.attr)
