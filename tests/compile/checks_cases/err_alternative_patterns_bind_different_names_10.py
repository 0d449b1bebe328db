match x:
    case {1: a, 2: _, **r} | {1: a}: pass
