def f():
    yield
    return 1
    [x for x in w if (y async for y in z)]
