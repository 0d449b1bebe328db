match x:
    case {"é": a, "é": b}: pass
