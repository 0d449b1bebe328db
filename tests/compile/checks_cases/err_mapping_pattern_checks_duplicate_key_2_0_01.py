match x:
    case {2: a, 2.5: b, 2.0: c}: pass
