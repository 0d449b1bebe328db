# input() reads lines from stdin (see input_builtin.in); the prompt goes to stdout.
name = input('name? ')
print('hello', name)
n = int(input())
print('doubled', n * 2)
print(repr(input('raw: ')))
rest = []
try:
    while True:
        rest.append(input())
except EOFError as e:
    print('EOFError', repr(str(e)))
print(rest)
