x = 1  # module body: nothing observable
def g(x):
    if x is 1: pass
    if x is not "a": pass
    assert (x, "msg")
def f():
    (1)(2)
    [1, 2][3]
    [1][""]
    ""[1.0]
    (1, 2)["a"]
