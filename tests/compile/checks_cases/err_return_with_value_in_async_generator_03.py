async def f():
    lambda: (yield)
    return 1
    yield
