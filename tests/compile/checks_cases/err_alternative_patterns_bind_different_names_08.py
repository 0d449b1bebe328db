match x:
    case [a, *_, _] | [b, *_]: pass
