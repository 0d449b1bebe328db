match x:
    case [a] | [a, *__debug__]: pass
