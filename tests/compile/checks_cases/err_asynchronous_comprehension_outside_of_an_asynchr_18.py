async def f():
    [lambda: [x async for x in y] for z in w]
