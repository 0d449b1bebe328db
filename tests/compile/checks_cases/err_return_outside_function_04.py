match x:
    case _:
        return
