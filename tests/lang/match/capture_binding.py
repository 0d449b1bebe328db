# match: every pattern kind, class-pattern errors, and when captures are
# bound (only once the whole pattern matched; a failed guard keeps them).
class P:
    __match_args__ = ('x', 'y')
    def __init__(self, x, y): self.x, self.y = x, y
def m(v):
    match v:
        case 0 | 1 | 2 as small: return ('small', small)
        case [1, *rest] if rest: return ('list1', rest)
        case [x, y, *_]: return ('seq', x, y)
        case {'k': 1, **kw}: return ('map', kw)
        case P(0, y=yy): return ('P0', yy)
        case P(x, y) if x > y: return ('Pgt', x, y)
        case P(x=xx): return ('Px', xx)
        case str() | bytes() as s: return ('text', s)
        case int(n) | float(n): return ('num', n)
        case (a, b) if a == b: return ('pair', a)
        case -1.5 | 1+2j | -3-4j: return ('lit', v)
        case None | True | False: return ('sing', v)
        case _: return ('other', type(v).__name__)
for v in [0, 2, [1, 2], [1], [5, 6, 7], {'k': 1, 'z': 2}, P(0, 9), P(5, 1), P(1, 5),
          'ab', b'c', 7, 2.5, (3, 3), -1.5, 1+2j, -3-4j, None, True, False, {1}, (1,), []]:
    print(m(v))
def errs():
    class NoArgs: pass
    try:
        match NoArgs():
            case NoArgs(1): pass
    except TypeError as e: print(e)
    class Many:
        __match_args__ = ('a',)
        a = 1
    try:
        match Many():
            case Many(1, 2): pass
    except TypeError as e: print(e)
    try:
        match 1:
            case int(a, b): pass
    except TypeError as e: print(e)
    class Bad:
        __match_args__ = 'a'
    try:
        match Bad():
            case Bad(1): pass
    except TypeError as e: print(e)
    try:
        match 1:
            case Many(a=1, a2=2): print('no')
    except TypeError as e: print(e)
    try:
        match {}:
            case {'a': 1}: pass

    except TypeError as e: print(e)
errs()
# bound names survive after failed partial matches
match [1, 2]:
    case [a, 3]: pass
    case _: print('a bound?', 'a' in dir())
# walrus-ish value patterns with dotted names
class Color:
    RED = 'red'
match 'red':
    case Color.RED: print('red matched')
# mapping with duplicate key at runtime
try:
    k = 'a'
    match {'a': 1}:
        case {'a': 1, Color.RED: 2}: pass
    print('ok')
except Exception as e: print(type(e).__name__, e)
# a failed pattern binds nothing; a failed guard keeps the bindings
def binds(v):
    match v:
        case [p1, 3] | [p1, 4, 5]: pass
        case {'k': p2, **p3} if False: pass
        case P(p4, 99): pass
        case [*p5, 9]: pass
        case (p6 as p7) if p6 == 'never': pass
        case _: pass
    return sorted(k for k in locals() if k.startswith('p'))
print(binds([1, 2]))
print(binds({'k': 1}))
print(binds(P(1, 2)))
print(binds([1, 8]))
print(binds('x'))
print(binds([1, 4, 5]))
