# maketrans/translate, encode predicates, and misc str methods.
table = str.maketrans('abc', 'xyz', 'd')
print(table)
print('abcdabcd'.translate(table), 'hello'.translate({ord('l'): None, ord('h'): 'J'}))
print(str.maketrans({'a': 'b', 'c': None}), str.maketrans({1: 'one'}))
for args in [('ab', 'c'), ({'ab': 1},), (1,)]:
    try:
        str.maketrans(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
class Upper:
    def __getitem__(self, k):
        if chr(k) == 'q':
            raise LookupError
        return chr(k).upper()
print('quiet'.translate(Upper()))
try:
    'x'.translate({ord('x'): 1.5})
except TypeError as e:
    print(type(e).__name__, e)
print('abc'.__len__(), 'abc'.__contains__('b'), 'ab'.__add__('c'), 'ab'.__mul__(2), 'abc'.__getitem__(slice(1, None)))
print(str(), str(5), str([1, 'a']), str(b'bytes'), str(b'caf\xc3\xa9', 'utf-8'), str(b'abc', encoding='ascii'))
print(str(None), str(1.0), str(True), str(object).startswith("<class"), repr(str('x')))
try:
    str(b'\xff', 'utf-8')
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    str(5, 'utf-8')
except TypeError as e:
    print(type(e).__name__, e)
print('x'.join(map(str, range(3))), 'a-b_c d'.title(), "o'neil".title(), 'ǆ'.title(), 'ǆ'.upper())
