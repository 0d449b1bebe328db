f(a, __debug__=1)
