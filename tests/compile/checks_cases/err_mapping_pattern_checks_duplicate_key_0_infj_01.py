match x:
    case {-1e400j: a, -1e500j: b}: pass
