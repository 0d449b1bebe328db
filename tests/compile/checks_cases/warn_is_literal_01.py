def f(x):
    if x is 1: pass
    if x is 1: pass; x is 2
    1 is x is 2
    assert (1, 2)
    assert ()
    assert (x,)
    x is -1
    x is (1, 2)
    x is ()
    x is None
    x is ...
    x is 1 + 2
    x is "a" * 3
    x is [1]
    x is f"a"
def g(x):
    try:
        pass
    finally:
        x is 1
def h(x):
    for i in x:
        try:
            return
        finally:
            x is 2
    with x:
        x is 3
