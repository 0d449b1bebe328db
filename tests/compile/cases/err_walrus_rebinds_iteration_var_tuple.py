def f(pairs):
    return [(a := 1) for a, b in pairs]
