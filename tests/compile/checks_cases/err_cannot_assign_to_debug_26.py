f(__debug__=1, x=1, x=2)
