match x:
    case {100000000000000000000: a, 1e20: b}: pass
