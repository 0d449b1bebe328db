match x:
    case [_, *_, a] | [a, b]: pass
