match x:
    case (a as b) | 2: pass
    case 3: pass
