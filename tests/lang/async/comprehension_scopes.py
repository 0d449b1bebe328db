# Async comprehensions, async generator expressions, async with/for inside
# coroutines driven by send(None).

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class AIter:
    def __init__(self, n): self.n = n; self.i = 0
    def __aiter__(self): return self
    async def __anext__(self):
        if self.i >= self.n: raise StopAsyncIteration
        self.i += 1
        return self.i
async def agen(n):
    for i in range(n):
        yield i * 10
async def main():
    a = [x async for x in AIter(3)]
    b = {x: y async for x in AIter(2) for y in range(2)}
    c = [x for x in range(3) if x]
    d = [await w for w in [asyncio_like(1), asyncio_like(2)]]
    e = (x async for x in agen(3))
    f = [v async for v in e]
    g = [[y async for y in agen(x)] for x in range(3)]
    return a, b, c, d, f, g
async def asyncio_like(v):
    return v * 100
print(run(main()))
async def gen_in_async():
    g = (x * 2 for x in range(3))
    return list(g)
print(run(gen_in_async()))
def sync_genexp_async_elt():
    return (await x for x in [1])
print(type(sync_genexp_async_elt()).__name__)
async def nested_async_def():
    async def inner():
        return [x async for x in agen(2)]
    return await inner()
print(run(nested_async_def()))
async def with_async():
    class ACM:
        async def __aenter__(self): return 'in'
        async def __aexit__(self, *a): print('aexit', a[0]); return True
    async with ACM() as v:
        raise ValueError
    return v
print(run(with_async()))
async def async_for_else():
    async for x in AIter(0):
        pass
    else:
        return 'else'
print(run(async_for_else()))
