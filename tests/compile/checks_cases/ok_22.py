async def f():
    [await x for x in y]
    [x async for x in y]
    {k: v async for k, v in y}
