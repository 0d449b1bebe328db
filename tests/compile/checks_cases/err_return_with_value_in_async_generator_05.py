def f():
    try:
        return 1
    finally:
        try:
            pass
        finally:
            return (yield)
    [await z for z in w]
