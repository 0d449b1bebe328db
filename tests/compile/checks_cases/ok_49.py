async def f():
    async def g():
        yield 1
        return
    return [x async for x in g()]
