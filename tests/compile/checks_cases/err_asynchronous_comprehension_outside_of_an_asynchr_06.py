async def f():
    def g():
        [x async for x in y]
