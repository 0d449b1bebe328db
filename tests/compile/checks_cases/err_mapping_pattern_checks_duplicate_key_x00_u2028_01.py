match x:
    case {"\x00\u2028": a, "\x00\u2028": b}: pass
