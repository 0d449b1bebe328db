if 0 is 0: pass
def f():
    return 1
return 2
