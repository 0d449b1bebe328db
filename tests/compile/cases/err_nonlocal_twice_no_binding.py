def f():
    nonlocal x
    nonlocal x
