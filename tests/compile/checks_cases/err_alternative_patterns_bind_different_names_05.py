match x:
    case C(a, _, b) | C(a, c): pass
