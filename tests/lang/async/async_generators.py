# Async generators: async for, asend, athrow, aclose.
class Tick:
    def __await__(self):
        yield

def run(coro):
    while True:
        try:
            coro.send(None)
        except StopIteration as e:
            return e.value

async def agen(n):
    for i in range(n):
        await Tick()
        received = yield i
        if received is not None:
            print('agen received', received)
    print('agen finished')

a = agen(2)
print(type(a).__name__, a.__name__, a.ag_code.co_name)

async def consume():
    return [x async for x in agen(3)]
print(run(consume()))

async def manual():
    g = agen(3)
    print(await g.__anext__())
    print(await g.asend('hello'))
    try:
        await g.athrow(ValueError('stop'))
    except ValueError as e:
        print('athrow propagated', e)
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print('exhausted after athrow')
    return 'manual done'
print(run(manual()))

async def cleanup():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup ran')

async def closer():
    g = cleanup()
    print(await g.__anext__())
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print('closed')
    return 'ok'
print(run(closer()))

async def catches():
    try:
        yield 'first'
    except KeyError:
        yield 'recovered'
async def thrower():
    g = catches()
    await g.__anext__()
    return await g.athrow(KeyError)
print(run(thrower()))
print(aiter(agen(1)) is not None, type(anext(agen(1))).__name__ in ('async_generator_asend', 'coroutine'))
a.aclose().close()
