match x:
    case {-1.5-2j: a, -1.5-2j: b}: pass
