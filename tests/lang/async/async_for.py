# async for: __aiter__ / __anext__ and StopAsyncIteration.
class Tick:
    def __await__(self):
        yield 'tick'

class Countdown:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        await Tick()
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n

def run(coro):
    ticks = 0
    while True:
        try:
            coro.send(None)
            ticks += 1
        except StopIteration as e:
            return ticks, e.value

async def main():
    out = []
    async for v in Countdown(3):
        out.append(v)
    else:
        out.append('else')
    async for v in Countdown(5):
        if v == 2:
            break
        out.append(v)
    comp = [v * 10 async for v in Countdown(3)]
    filt = {v async for v in Countdown(6) if v % 2}
    return out, comp, sorted(filt)

print(run(main()))

async def not_async_iterable():
    async for x in [1, 2]:
        pass
try:
    run(not_async_iterable())
except TypeError as e:
    print(type(e).__name__, e)

class BadAnext:
    def __aiter__(self): return self
    def __anext__(self): return 5
async def bad_anext():
    async for x in BadAnext():
        pass
try:
    run(bad_anext())
except TypeError as e:
    print(type(e).__name__, e)

# await inside a comprehension inside a coroutine
async def double(x):
    await Tick()
    return 2 * x
async def comp():
    return [await double(i) for i in range(3)]
print(run(comp()))
