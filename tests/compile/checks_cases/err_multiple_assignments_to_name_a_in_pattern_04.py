match x:
    case [a, b, ((a, b) | (b, a))]: pass
