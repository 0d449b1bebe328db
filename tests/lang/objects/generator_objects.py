# generator, coroutine and async generator objects.
def gen():
    yield 1
async def coro():
    return 2
async def agen():
    yield 3

g, c, a = gen(), coro(), agen()
for obj in (g, c, a):
    print(type(obj).__name__, obj.__name__, obj.__qualname__, repr(obj).split(' at ')[0])
print(g.gi_code is gen.__code__, c.cr_code is coro.__code__, a.ag_code is agen.__code__)
print(g.gi_running, c.cr_running, a.ag_running, c.cr_await, a.ag_await, c.cr_origin)
print(hasattr(g, 'send'), hasattr(c, 'send'), hasattr(a, 'asend'), hasattr(c, '__await__'), hasattr(a, '__anext__'))
c.close()
a_close = a.aclose()
try:
    a_close.send(None)
except StopIteration:
    print('async generator closed')
g.__name__ = 'renamed'
print(g.__name__, gen.__name__)
w = coro()
aw = w.__await__()
print(type(aw).__name__)
try:
    aw.send(None)
except StopIteration as e:
    print('coroutine returned', e.value)
import sys
def nested():
    yield sys._getframe().f_back.f_code.co_name
print(next(nested()))
class K:
    def method_gen(self):
        yield
print(K().method_gen().__qualname__)
