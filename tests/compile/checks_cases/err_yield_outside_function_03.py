if 0:
    yield
