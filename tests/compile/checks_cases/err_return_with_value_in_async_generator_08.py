def f():
    yield
    return 1
    {x: 1 for x in y if await z}
