f(x=1, x=2, __debug__=3)
