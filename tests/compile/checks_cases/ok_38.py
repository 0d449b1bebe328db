def f():
    nonlocal_ = __debug__
