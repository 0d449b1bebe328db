async def f():
    x = {y: [a async for a in b] for y in z}
