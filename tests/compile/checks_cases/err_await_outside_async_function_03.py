def f():
    for x in y:
        try:
            break
            return (yield)
        finally:
            await q
