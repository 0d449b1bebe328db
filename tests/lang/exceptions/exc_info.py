# sys.exc_info() and sys.exception() during and after handling.
import sys
print(sys.exc_info(), sys.exception())
try:
    raise KeyError('outer')
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), type(tb).__name__, sys.exception() is v)
    try:
        raise ValueError('inner')
    except ValueError:
        print('inner:', repr(sys.exception()))
    print('restored:', repr(sys.exception()))
print('after:', sys.exc_info())

def in_function():
    return sys.exc_info()[0]
try:
    1 / 0
except ZeroDivisionError:
    print(in_function().__name__)

# inside finally without an exception: nothing
try:
    pass
finally:
    print(sys.exception())

# inside finally with an exception propagating
try:
    try:
        raise IndexError('propagating')
    finally:
        print('in finally:', repr(sys.exception()))
except IndexError:
    pass

# a generator sees the exception active where it is resumed? No: its own state
def gen():
    yield repr(sys.exception())
    try:
        raise TypeError('in gen')
    except TypeError:
        yield repr(sys.exception())
    yield repr(sys.exception())
g = gen()
try:
    raise OSError('caller')
except OSError:
    print(next(g))
    print(next(g))
print(next(g))
