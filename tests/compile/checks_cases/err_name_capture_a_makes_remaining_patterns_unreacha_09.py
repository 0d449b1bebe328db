match x:
    case (1 | 2) | (a | b): pass
