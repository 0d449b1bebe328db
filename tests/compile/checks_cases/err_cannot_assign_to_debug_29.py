def f():
    try:
        return 1
    finally:
        __debug__ = 2
