match x:
    case [a, *rest] | [a, *_]: pass
