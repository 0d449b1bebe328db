@dec(x=1, x=2)
def __debug__(a=(yield)): pass
