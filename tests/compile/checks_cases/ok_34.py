async def f():
    [[x async for x in y] for z in w]
