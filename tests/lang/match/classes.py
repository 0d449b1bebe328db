# Class patterns: positional (__match_args__), keyword, built-in types.
class Point:
    __match_args__ = ('x', 'y')
    def __init__(self, x, y):
        self.x, self.y = x, y

class Circle:
    __match_args__ = ('center', 'r')
    def __init__(self, center, r):
        self.center, self.r = center, r

def where(s):
    match s:
        case Point(0, 0):
            return 'origin'
        case Point(x=0, y=y):
            return f'on y axis at {y}'
        case Point(x, 0):
            return f'on x axis at {x}'
        case Circle(Point(x, y), r=1):
            return f'unit circle at {x},{y}'
        case Circle(center=c, r=r) if r > 10:
            return f'big circle r={r}'
        case Point() | Circle():
            return 'some shape'
        case _:
            return 'unknown'

for s in [Point(0, 0), Point(0, 5), Point(3, 0), Point(1, 1), Circle(Point(2, 3), 1),
          Circle(Point(0, 0), 20), Circle(None, 2), 'str']:
    print(where(s))

# built-in classes match the subject itself positionally
for v in [5, 5.0, 'five', [5], (5,), {5: 5}, {5}, b'5', True, None]:
    match v:
        case bool(b):
            print('bool', b)
        case int(i):
            print('int', i)
        case float(f):
            print('float', f)
        case str(s):
            print('str', s)
        case list([x]) | tuple([x]):
            print('list or tuple of', x)
        case dict() | set():
            print('dict or set', v)
        case bytes(b):
            print('bytes', b)
        case _:
            print('other', v)

# errors
class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
class BadArgs:
    __match_args__ = ['x']
try:
    match BadArgs():
        case BadArgs(1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    match 1:
        case int(1, 2):
            pass
except TypeError as e:
    print(type(e).__name__, e)
notaclass = 5
try:
    match 1:
        case notaclass():
            pass
except TypeError as e:
    print(type(e).__name__, e)
class Dup:
    __match_args__ = ('a',)
    a = 1
try:
    match Dup():
        case Dup(1, a=1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
# a missing attribute simply fails to match
match Point(1, 2):
    case Point(z=3):
        print('no')
    case _:
        print('missing attribute: no match')
