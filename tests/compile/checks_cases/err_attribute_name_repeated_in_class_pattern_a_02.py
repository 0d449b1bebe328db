match x:
    case C(a=1, b=[x], a=3): pass
