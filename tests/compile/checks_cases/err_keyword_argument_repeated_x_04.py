f(x=1, __debug__=2, x=3)
