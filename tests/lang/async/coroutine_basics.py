# Coroutines driven by hand with send(None).
class Suspend:
    """An awaitable that suspends once, handing `value` to the driver."""
    def __init__(self, value):
        self.value = value
    def __await__(self):
        got = yield self.value
        return got

async def add(a, b):
    x = await Suspend('adding')
    return a + b + (x or 0)

async def main():
    r1 = await add(1, 2)
    r2 = await add(10, 20)
    return [r1, r2]

def run(coro, feed=None):
    """Sends None (or the fed values) until the coroutine returns."""
    feed = list(feed or [])
    value = None
    while True:
        try:
            yielded = coro.send(value)
        except StopIteration as e:
            return e.value
        print('  driver saw', yielded)
        value = feed.pop(0) if feed else None

c = main()
print(type(c).__name__, c.__name__, c.__qualname__, c.cr_code.co_name)
print(run(c))
print(run(main(), feed=[100, 1000]))

# a finished coroutine cannot be awaited again
async def once():
    return 'once'
o = once()
print(run(o))
try:
    o.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)

# awaiting something that is not awaitable
async def bad():
    await 5
b = bad()
try:
    b.send(None)
except TypeError as e:
    print(type(e).__name__, e)

# __await__ must return an iterator
class BadAwait:
    def __await__(self):
        return 1
async def bad2():
    await BadAwait()
b2 = bad2()
try:
    b2.send(None)
except TypeError as e:
    print(type(e).__name__, e)

# a coroutine is not an iterator
c2 = once()
try:
    iter(c2)
except TypeError as e:
    print(type(e).__name__, e)
c2.close()
print(run(once()))
