# BaseException's attributes: args, __traceback__, __context__, __cause__,
# __suppress_context__, __dict__, and what their setters accept.
def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

e = ValueError('v')

def set_attr(name, value):
    def f():
        setattr(e, name, value)
        return getattr(e, name)
    return f

def del_attr(name):
    def f():
        delattr(e, name)
    return f

# args: any iterable becomes a tuple; it cannot be deleted
attempt('args list', set_attr('args', [1, 2]))
attempt('args gen', set_attr('args', (x * 2 for x in range(3))))
attempt('args int', set_attr('args', 5))
attempt('del args', del_attr('args'))
print(repr(e), str(e))

# __traceback__ takes a traceback or None only
attempt('tb int', set_attr('__traceback__', 1))
attempt('tb None', set_attr('__traceback__', None))
attempt('del tb', del_attr('__traceback__'))

# __context__ and __cause__ take exceptions or None, not classes
attempt('ctx int', set_attr('__context__', 1))
attempt('ctx class', set_attr('__context__', KeyError))
attempt('ctx exc', set_attr('__context__', KeyError('k')))
attempt('del ctx', del_attr('__context__'))
attempt('cause class', set_attr('__cause__', TypeError))
attempt('del cause', del_attr('__cause__'))

# assigning __cause__ sets __suppress_context__, even to None
f = RuntimeError()
print(f.__cause__, f.__context__, f.__suppress_context__)
f.__cause__ = None
print(f.__cause__, f.__suppress_context__)
g = RuntimeError()
g.__cause__ = ValueError('c')
print(repr(g.__cause__), g.__suppress_context__)
g.__suppress_context__ = False
print(g.__suppress_context__)

# __suppress_context__ is a bool member
attempt('suppress 1', set_attr('__suppress_context__', 1))
attempt('suppress True', set_attr('__suppress_context__', True))
attempt('del suppress', del_attr('__suppress_context__'))

# __dict__
h = Exception('h')
print(h.__dict__)
h.x = 1
print(h.__dict__, h.x)
attempt('dict int', lambda: setattr(h, '__dict__', 1))
attempt('del dict', lambda: delattr(h, '__dict__'))
h.__dict__ = {'y': 2}
print(h.y, hasattr(h, 'x'))

# attribute errors on instances
attempt('missing', lambda: Exception().nothing)
