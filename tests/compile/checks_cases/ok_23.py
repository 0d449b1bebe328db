async def f():
    async with a as b, c as d:
        async for x in y:
            await z
