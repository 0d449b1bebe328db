match x:
    case {0.1+0.2j: a, 0.1+0.2j: b}: pass
