match x:
    case C(__debug__=_, __debug__=_): pass
