match x:
    case C(a, a): pass
