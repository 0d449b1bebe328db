async def f():
    yield
    return
