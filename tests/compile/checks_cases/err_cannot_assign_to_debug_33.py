(a, x.__debug__) = 1, 2
