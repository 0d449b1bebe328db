match x:
    case C(a=_, a=_): pass
