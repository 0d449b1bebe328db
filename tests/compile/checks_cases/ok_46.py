async def f():
    def g(a=[x async for x in y]): pass
