# Literal, capture, wildcard, value and group patterns.
import sys   # only for a dotted value pattern below

class Color:
    RED = 'red'
    GREEN = 'green'

def check(x):
    match x:
        case 0:
            return 'zero'
        case 1 | 2 | 3:
            return 'small'
        case -1:
            return 'minus one'
        case 1.5:
            return 'one and a half'
        case 2j:
            return 'imaginary'
        case -1 + 2j:
            return 'complex literal'
        case 'hello' | "world":
            return 'greeting'
        case b'raw':
            return 'bytes'
        case True:
            return 'true'
        case None:
            return 'none'
        case Color.RED:
            return 'value pattern red'
        case (Color.GREEN):
            return 'group pattern green'
        case str() as s if len(s) > 5:
            return 'long string ' + s
        case other:
            return 'captured ' + repr(other)

for v in [0, 2, -1, 1.5, 2j, -1 + 2j, 'hello', 'world', b'raw', True, 1.0, None, 'red',
          'green', 'lengthy', 'x', False, [1]]:
    print(repr(v), '->', check(v))

# True matches only True (identity), while 1 == True
match True:
    case 1:
        print('1 matched True')
match 1:
    case True:
        print('never')
    case _:
        print('True does not match 1')

# the wildcard binds nothing
match 42:
    case _:
        print('_' in dir())

# capture patterns bind even in a failing alternative attempt
match (1, 2):
    case (a, 3) | (a, 2):
        print('a =', a)
print(sys.maxsize > 0)
