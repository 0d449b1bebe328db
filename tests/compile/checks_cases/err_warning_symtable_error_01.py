def f(x):
    return x is 1
class C:
    x is 2
    def g(): nonlocal y
