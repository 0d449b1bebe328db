def f():
    nonlocal a

def g():
    nonlocal b
