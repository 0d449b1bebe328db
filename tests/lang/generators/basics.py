# Generator functions: laziness, state, exhaustion.
def countdown(n):
    print('start')
    while n > 0:
        yield n
        n -= 1
    print('done')

g = countdown(3)
print(type(g).__name__, g.__name__, g.__qualname__)
print(next(g))
print(list(g))
print(next(g, 'exhausted'))
try:
    next(g)
except StopIteration as e:
    print('StopIteration', e.value, e.args)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])

# iter(gen) is gen
print(iter(f) is f)

def empty():
    return
    yield
print(list(empty()))

# yield as an expression without send gives None
def echo():
    while True:
        got = yield
        print('got', got)
e = echo()
next(e)
next(e)

# yield inside try/finally: finally runs at exhaustion
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')
print(list(guarded()))
def yielding_tuple():
    yield 1, 2
    x = yield
    yield x
print(list(yielding_tuple()))
