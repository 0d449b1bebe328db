# strip, padding, alignment, tabs and prefixes.
s = '  \t hello \n '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr('xxhixx'.strip('x')), repr('abcba'.strip('ab')))
print(repr('www.example.com'.lstrip('cmowz.')), repr(''.strip()), repr('\u2003wide\u3000'.strip()), repr('a'.strip(None)))
print(repr('hi'.center(7)), repr('hi'.center(7, '*')), repr('hi'.ljust(5, '-')), repr('hi'.rjust(5)), repr('hi'.center(1)))
print(repr('abc'.center(6)), repr('abc'.center(8, '.')), repr('42'.zfill(5)), repr('-42'.zfill(5)), repr('+x'.zfill(4)), repr('abc'.zfill(2)))
try:
    'x'.center(5, 'ab')
except TypeError as e:
    print(type(e).__name__, e)
print(repr('a\tb\tc'.expandtabs()), repr('a\tbc\td'.expandtabs(4)), repr('\t'.expandtabs(0)), repr('ab\n\tc'.expandtabs(3)))
print('prefix_name'.removeprefix('prefix_'), 'name.py'.removesuffix('.py'), 'x'.removeprefix('y'), 'abc'.removesuffix(''))
print(repr('Hello'.replace('l', 'L')), 'aaa'.replace('a', 'b', 2), 'abc'.replace('', '-'), 'abc'.replace('', '-', 2), 'abc'.replace('x', 'y'))
print(repr(' '.join(['x'] * 3).title()), '%s' % 'a\tb'.expandtabs(2))
