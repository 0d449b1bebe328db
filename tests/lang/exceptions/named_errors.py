# The keyword-only attributes of NameError, AttributeError and ImportError,
# and StopIteration.value, SystemExit.code, KeyError's str.
def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

n = NameError('name x is not defined', name='x')
print(n.name, n.args, str(n))
print(NameError().name, UnboundLocalError('u', name='u').name)
attempt('name kw', lambda: NameError('x', foo=1))
attempt('unbound kw', lambda: UnboundLocalError('x', obj=1))

a = AttributeError('no attr', name='attr', obj=[1])
print(a.name, a.obj, a.args, str(a))
print(AttributeError().name, AttributeError().obj)
attempt('attr kw', lambda: AttributeError(nme='x'))
a.name = 'changed'
del a.obj
print(a.name, a.obj)

i = ImportError('cannot import', name='mod', path='/p/mod.py')
print(i.msg, i.name, i.path, i.args, str(i), repr(i))
print(ImportError().msg, ImportError('a', 'b').msg, str(ImportError('a', 'b')))
print(str(ImportError(1)), ImportError(name='only').args)
attempt('import kw', lambda: ImportError('x', module='m'))
attempt('mnf kw', lambda: ModuleNotFoundError('x', module='m'))
m = ModuleNotFoundError("No module named 'z'", name='z')
print(type(m).__name__, m.name, m.path, str(m))
print(ImportError('a').__reduce__())
print(ImportError('a', name='n').__reduce__())
print(ImportError('a', name=None, path='p').__reduce__())
i.msg = 'new message'
print(str(i), i.args)
i.msg = 5
print(str(i))

for args in [(), (1,), (1, 2)]:
    s = StopIteration(*args)
    x = SystemExit(*args)
    print(args, s.value, x.code, s.args, x.args)
s = StopIteration(1)
s.value = 'changed'
print(s.value, s.args)
del s.value
print(s.value)
print(StopAsyncIteration(5).args, hasattr(StopAsyncIteration(5), 'value'))
x = SystemExit('bye')
x.code = 3
print(x.code, str(x))

for k in [KeyError('k'), KeyError(''), KeyError(1), KeyError((1, 2)), KeyError(), KeyError(1, 2)]:
    print(repr(k), '|', str(k))
