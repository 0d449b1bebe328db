match x:
    case {"a\n": a, "a\n": b}: pass
