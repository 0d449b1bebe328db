match x:
    case 1 if (yield): pass
