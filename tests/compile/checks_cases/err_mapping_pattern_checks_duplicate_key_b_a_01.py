match x:
    case {b"a": a, b"a": b}: pass
