def f(a=(yield)):
    return 1
