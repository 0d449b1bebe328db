match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0) | Point(1, 2, z=3):
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case {1: _, -2: _, 3.5: _, 1+2j: _, -1-2j: _, "s" "t": _, b"b": _, None: _, a.b: _}:
        pass
    case [1, *others, 2] | (1, *_) | ():
        pass
    case (a, b) if a > b:
        pass
    case str() | bytes() as s:
        pass
    case -1 | 0 | None | True | False:
        pass
    case a.b.c:
        pass
    case _:
        pass

match x, y:
    case 1, 2:
        pass
match *a, b:
    case [*_]:
        pass
match = 1
match.x = 2
match(3)
case = 4
_ = case
print(match, case)
