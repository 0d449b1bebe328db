lambda *, __debug__=1: 0
