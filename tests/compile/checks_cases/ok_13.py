match x:
    case {a.b: a, a.b: b}: pass
