def f():
    for x in y:
        try:
            continue
            return 1
        finally:
            yield from x
