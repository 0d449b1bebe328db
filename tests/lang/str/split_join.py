# split, rsplit, splitlines, partition, join.
print('a,b,,c'.split(','), 'a,b,,c'.split(',', 1), 'a,b,,c'.rsplit(',', 1), ''.split(','), ''.split())
print('  a  b \t c\n'.split(), '  a  b  '.split(' '), 'a b c'.split(None, 1), 'a b c'.rsplit(None, 1))
print('a::b::c'.split('::'), 'abc'.split('abc'), 'x'.split('x'), '1 2 3'.split(maxsplit=1))
try:
    'abc'.split('')
except ValueError as e:
    print(type(e).__name__, e)
print('line1\nline2\r\nline3\rline4\x0bline5\x0cline6\x1cline7\u2028line8'.splitlines())
print('a\nb\n'.splitlines(), 'a\nb\n'.splitlines(True), ''.splitlines(), '\n'.splitlines(), 'a\n\nb'.split('\n'))
print('key=value=x'.partition('='), 'no sep'.partition('='), 'key=value=x'.rpartition('='), 'no'.rpartition('='))
try:
    'x'.partition('')
except ValueError as e:
    print(type(e).__name__, e)
print(','.join(['a', 'b', 'c']), ''.join([]), '-'.join('abc'), ' '.join(str(i) for i in range(3)), ', '.join({'k': 1}))
for bad in (['a', 1], [b'x'], None):
    try:
        ''.join(bad)
    except TypeError as e:
        print(type(e).__name__, e)
class S(str):
    pass
print(type(''.join([S('a')])).__name__, type(S('x').join(['1', '2'])).__name__)
