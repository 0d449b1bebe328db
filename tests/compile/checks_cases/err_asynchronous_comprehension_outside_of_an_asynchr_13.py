async def f(a=[x async for x in y]): pass
