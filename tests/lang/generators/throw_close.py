# generator.throw() and generator.close().
def worker():
    while True:
        try:
            x = yield
            print('work', x)
        except KeyError as e:
            print('handled KeyError', e)
            yield 'recovered'
        except GeneratorExit:
            print('closing')
            raise

w = worker()
next(w)
w.send(1)
print(w.throw(KeyError('k')))
next(w)
w.close()
w.close()   # closing twice is fine
try:
    w.send(2)
except StopIteration:
    print('closed generator raises StopIteration')

def unhandled():
    yield 1
u = unhandled()
next(u)
try:
    u.throw(ValueError('boom'))
except ValueError as e:
    print('propagated', type(e).__name__, e)

# throw into a generator that has not started
def never():
    print('never printed')
    yield
n = never()
try:
    n.throw(RuntimeError, 'early')
except RuntimeError as e:
    print('not started:', e)

# yielding in response to close() is an error
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(type(e).__name__, e)

# returning a value after GeneratorExit is allowed
def polite():
    try:
        yield 1
    finally:
        print('finally on close')
p = polite()
next(p)
print(p.close())

# throw with an exception instance and a traceback-less class
def catcher():
    try:
        yield
    except Exception as e:
        yield type(e).__name__ + ':' + str(e)
c = catcher(); next(c)
print(c.throw(TypeError('t')))
c = catcher(); next(c)
print(c.throw(IndexError))
