match x:
    case {"x": a} | {"y": b}: pass
