def f():
    try:
        return g()
    finally:
        await q
