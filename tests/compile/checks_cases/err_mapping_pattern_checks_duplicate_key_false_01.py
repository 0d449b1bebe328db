match x:
    case {0: a, False: b}: pass
