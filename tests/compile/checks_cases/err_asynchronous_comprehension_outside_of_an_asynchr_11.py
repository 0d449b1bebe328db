def f():
    yield
    return 1
    lambda: [x async for x in y]
