match x:
    case {0+1j: a, 1j: b}: pass
