async def f():
    [[[x async for x in y] for z in w] for q in r]
    ([x async for x in y] for z in w)
    [x for x in w if {y async for y in z}]
