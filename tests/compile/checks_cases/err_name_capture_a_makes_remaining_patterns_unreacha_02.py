match x:
    case 1 | a | 2: pass
