# raise ... from: __cause__, __context__ and __suppress_context__.
def info(e):
    return (type(e).__name__, str(e), repr(e.__cause__), repr(e.__context__),
            e.__suppress_context__)

try:
    try:
        {}['missing']
    except KeyError as k:
        raise ValueError('converted') from k
except ValueError as e:
    print(info(e))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError('hide the context') from None
except RuntimeError as e:
    print(info(e))

try:
    raise IndexError('direct') from OSError('unrelated cause')
except IndexError as e:
    print(info(e))

# from an exception class: it is instantiated
try:
    raise KeyError('k') from TypeError
except KeyError as e:
    print(info(e))

# the cause must be an exception (or None)
try:
    raise ValueError from 42
except TypeError as e:
    print(type(e).__name__, e)

# setting the attributes by hand
e = ValueError('manual')
e.__cause__ = KeyError('c')
print(e.__suppress_context__, repr(e.__cause__))
e.__suppress_context__ = False
try:
    e.__cause__ = 'not an exception'
except TypeError as err:
    print(type(err).__name__, err)
try:
    e.__context__ = 5
except TypeError as err:
    print(type(err).__name__, err)
