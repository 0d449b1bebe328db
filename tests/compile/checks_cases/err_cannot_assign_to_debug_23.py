match x:
    case {1: a, **__debug__}: pass
