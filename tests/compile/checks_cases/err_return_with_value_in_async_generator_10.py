def f():
    yield
    return 1
    ([x for x in w] for q in [y async for y in z])
