def f():
    yield
    return 1
    [(x async for x in y) for z in w]
