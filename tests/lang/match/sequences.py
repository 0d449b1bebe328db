# Sequence patterns, with and without star.
def seq(x):
    match x:
        case []:
            return 'empty'
        case [a]:
            return f'one: {a}'
        case [a, b] if a == b:
            return f'pair of equal {a}'
        case (a, b):
            return f'pair {a}, {b}'
        case [first, *_, 0]:
            return f'starts {first}, ends with zero'
        case [first, *rest]:
            return f'first {first}, rest {rest}'

for v in [[], [1], (2,), [3, 3], (3, 4), [1, 2, 0], range(4), 'ab', b'ab', {1: 2}, iter([1])]:
    print(type(v).__name__, '->', seq(v))

# strings, bytes and bytearrays are not sequences for patterns
match 'xy':
    case [a, b]:
        print('not here')
    case str():
        print('a str is not matched by a sequence pattern')

# nested sequence patterns and star in the middle
match [1, [2, 3], 4, 5, 6]:
    case [x, [y, z], *mid, last]:
        print(x, y, z, mid, last)

# star capture is always a list
match (1, 2, 3):
    case (*all_items,):
        print(type(all_items).__name__, all_items)

# a class with __len__ and __getitem__ is still not a sequence for patterns
class MySeq:
    def __len__(self):
        return 2
    def __getitem__(self, i):
        if i < 2:
            return i * 10
        raise IndexError
match MySeq():
    case [a, b]:
        print('not here', a, b)
    case _:
        print('MySeq is not a registered Sequence')

# list subclasses are
class L(list):
    pass
match L([7, 8]):
    case [a, b]:
        print('list subclass', a, b)

# a deque-like tuple subclass
class T(tuple):
    pass
match T((1, 2)):
    case [1, x]:
        print('tuple subclass', x)
