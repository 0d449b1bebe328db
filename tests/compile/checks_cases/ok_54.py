def f():
    ([x async for x in y] for z in w)
    [x for x in w for q in (y async for y in z)]
