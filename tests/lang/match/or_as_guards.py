# Or-patterns, as-patterns, guards, and evaluation details.
def f(x):
    match x:
        case (1 | 2 | 3) as small:
            return f'small {small}'
        case [(0 | 1) as bit, *_] as whole:
            return f'bits start {bit} in {whole}'
        case {'k': (str() | bytes()) as kv}:
            return f'string-ish {kv!r}'
        case int(n) if n < 0:
            return 'negative'
        case int(n) if (half := n // 2) > 10:
            return f'big, half is {half}'
        case _:
            return 'default'

for v in [2, [1, 5], [0], {'k': 'v'}, {'k': b'b'}, {'k': 1}, -4, 40, 8]:
    print(repr(v), '->', f(v))

# the subject is evaluated once
def subject():
    print('subject evaluated')
    return 3
match subject():
    case 1:
        pass
    case 2:
        pass
    case 3:
        print('three')

# guards are evaluated only after the pattern matched, in order
def guard(label, result):
    print('guard', label)
    return result
match 5:
    case 4 if guard('a', True):
        pass
    case 5 if guard('b', False):
        pass
    case 5 if guard('c', True):
        print('matched third case')

# bindings from a case whose guard failed may remain set
match [1, 2]:
    case [a, b] if a > b:
        pass
    case _:
        print('guard failed; a and b were still bound:', a, b)

# no case matches: nothing happens
match 'nothing':
    case 'x':
        print('x')
print('after unmatched match')

# match is a soft keyword
match = 'still a name'
case = 1
print(match, case)
