# str subclasses (which results keep the subclass), __sizeof__, iteration,
# the iterator's pickling methods, repetition limits and encoding aliases.
class S(str):
    pass
print(S('abc').__sizeof__(), S('é').__sizeof__(), S('').__sizeof__(), type(S('ab').__getnewargs__()[0]))
print(type(S('a') * 1), type(S('a')[0:1]), type(S('a')[:]), type(S('ab').strip()), type(S('a').lower()), type(S('a').replace('x', 'y')), type(S('a').center(1)))
print(type(S('a').removeprefix('')), type(S('a').ljust(0)), type(S('a').zfill(0)), type(S('a').expandtabs()), type(S('a').split()[0]), type(S('a').partition('x')[0]))
print(type(S('a').__format__('')), type(format(S('a'), '')), type('{}'.format(S('a'))), type('%s' % S('a')), type(str(S('a'))), type(S('a').translate({})))
print(type(S('a') + ''), type('' + S('a')), type(S('ab').title()), type(S('a').__str__()), type(S('a').rstrip()), type(S('a').rpartition('x')[2]), type(S('a').rsplit()[0]))
print(type(''.join([S('a')])), type(S('-').join(['a'])), type(S('a').splitlines()[0]), type(S('').join([])))
s = S('hello')
s.attr = 42
print(s, s.attr, s.upper(), len(s), s == 'hello', hash(s) == hash('hello'), isinstance(s, str), type(S(S('x'))).__name__, S(5), S(b'a', 'ascii'))
print(repr(iter('abc').__reduce__()), iter('abc').__length_hint__(), list(iter('héllo')), '😀'.encode('utf-16'), '\ud800'.encode('utf-16', 'backslashreplace'))
it = iter('abc')
next(it)
print(it.__reduce__(), it.__length_hint__())
it.__setstate__(0)
print(list(it), it.__length_hint__(), it.__reduce__()[1])
it = iter('xyz')
it.__setstate__(10)
print(list(it))
for text in ['\ud800', 'x']:
    for enc in ['utf-16', 'utf-32-le', 'utf-16-be', 'utf-8-sig']:
        try:
            print(enc, text.encode(enc))
        except UnicodeEncodeError as e:
            print(enc, type(e).__name__, e)
try:
    '€'.encode('l1')
except UnicodeEncodeError as e:
    print(e, e.args)
try:
    str(b'\xff', 'ascii')
except UnicodeDecodeError as e:
    print(e, e.args)
for data, enc in [(b'\xff\xfea\x00', 'utf-16'), (b'\x00a', 'utf-16-be'), (b'\xef\xbb\xbfa', 'utf-8-sig'), (b'a', 'utf-8-sig'), (b'a\x00\x00\x00', 'utf-32-le'), (b'\xff', 'utf-16')]:
    try:
        print(enc, repr(str(data, enc)))
    except UnicodeDecodeError as e:
        print(enc, type(e).__name__, e)
for enc in ['utf-8', 'UTF8', 'u8', 'utf', 'cp65001', 'latin', 'L1', 'iso_8859_1', '8859', 'cp819', 'iso-ir-100', '646', 'us', 'ANSI_X3.4-1968', 'csascii',
            'utf_8_sig', 'utf-16-be', 'U16', 'utf32', 'utf-8-strict', ' utf-8', 'utf 8', 'utf..8', 'ISO-8859-1', 'Latin-1']:
    try:
        print(enc, 'é'.encode(enc, 'replace'))
    except LookupError as e:
        print(enc, type(e).__name__, e)
print('abc' * 0, repr(''.join(x for x in [])), 'ab' * 3, 3 * 'ab', 'é' * 2, '😀' * 2, len('abc' * 1000))
for n in [2 ** 62, 2 ** 63, -(2 ** 70)]:
    try:
        print(len('abc' * n))
    except (OverflowError, MemoryError) as e:
        print(type(e).__name__, e)
class R:
    def __rmul__(self, other):
        return 'R.__rmul__(%r)' % other
class I:
    def __index__(self):
        return 2
print('ab' * R(), 'ab' * I(), I() * 'cd')
s = 'héllo wörld'
print(s[1], s[-1], s[::2], s[::-1], s[1:8:3], s[100:], s[-100:2], s[5:1], s[5:1:-1], s[True])
for key in [11, -12, 2 ** 70, 'x', 1.5, None]:
    try:
        print(s[key])
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
