# await inside try/except/finally, exceptions crossing awaits, async with in async for.
class Pause:
    def __init__(self, label):
        self.label = label
    def __await__(self):
        yield self.label

def run(coro):
    trace = []
    while True:
        try:
            trace.append(coro.send(None))
        except StopIteration as e:
            return trace, e.value

async def failing(n):
    await Pause(f'failing {n}')
    raise ValueError(f'failure {n}')

async def handler():
    out = []
    try:
        await failing(1)
    except ValueError as e:
        await Pause('in except')
        out.append(str(e))
    finally:
        await Pause('in finally')
        out.append('finally')
    try:
        try:
            await failing(2)
        finally:
            await Pause('inner finally')
    except ValueError as e:
        out.append('outer caught ' + str(e))
    return out
print(run(handler()))

class Lock:
    def __init__(self):
        self.held = False
    async def __aenter__(self):
        await Pause('acquire')
        self.held = True
        return self
    async def __aexit__(self, *exc):
        await Pause('release')
        self.held = False

class Stream:
    def __init__(self, items):
        self.items = list(items)
    def __aiter__(self):
        return self
    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        await Pause('next')
        return self.items.pop(0)

async def consumer():
    lock = Lock()
    got = []
    async for item in Stream('ab'):
        async with lock:
            got.append((item, lock.held))
    return got, lock.held
print(run(consumer()))

# return value of a coroutine awaited inside an expression
async def value(v):
    await Pause('value')
    return v
async def expr():
    return (await value(2)) * (await value(3)) + sum([await value(i) for i in range(3)])
print(run(expr()))

# an exception thrown in through the driver reaches the innermost await
async def waits():
    try:
        await Pause('waiting')
    except KeyError:
        return 'KeyError delivered'
c = waits()
c.send(None)
try:
    c.throw(KeyError('k'))
except StopIteration as e:
    print(e.value)
