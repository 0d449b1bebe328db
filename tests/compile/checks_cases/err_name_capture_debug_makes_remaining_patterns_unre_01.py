match x:
    case __debug__ | 1: pass
