match x:
    case [_, *_, _] | [a]: pass
