def f():
    x: (yield)
