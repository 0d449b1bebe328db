# A generator or coroutine without an exception of its own sees its caller's (sys.exc_info, bare raise, __context__).
import sys
def gen():
    try:
        raise ValueError('in gen')
    except ValueError as e:
        print('ctx', repr(e.__context__))
    yield 1
    try:
        raise
    except Exception as e:
        print('bare raise got', repr(e))
    yield 2
g = gen()
try:
    raise KeyError('outer')
except KeyError:
    next(g)
    next(g)
def g2():
    yield sys.exc_info()[0]
    yield sys.exc_info()[0]
x = g2()
print(next(x))
try:
    1/0
except ZeroDivisionError:
    print(next(x))
async def co():
    return sys.exception()
c = co()
try:
    raise OSError('c')
except OSError:
    try:
        c.send(None)
    except StopIteration as s:
        print('coro saw', repr(s.value))
