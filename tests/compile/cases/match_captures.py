# match statements bind their capture names in the enclosing block.
def classify(point):
    match point:
        case (0, 0):
            return "origin"
        case (x, 0) | (0, x):
            return x
        case [first, *rest]:
            return first, rest
        case {"k": value, **others}:
            return value, others
        case Point(x=px, y=py) as whole if px == py:
            return whole
        case str() | bytes() as s:
            return s
        case _:
            return lambda: (first, value)


match command:
    case [action, obj]:
        pass
    case {"a": 1, **kw}:
        pass


class Matcher:
    match config:
        case {"mode": mode}:
            selected = mode
