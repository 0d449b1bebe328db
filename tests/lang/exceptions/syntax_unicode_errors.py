# SyntaxError and the UnicodeError subclasses built by hand: constructor
# checks, attributes and str().
def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

def fields(e):
    return (e.msg, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset,
            e.print_file_and_line)

print(fields(SyntaxError()))
print(fields(SyntaxError('m')))
print(fields(SyntaxError('m', ('dir/sub/f.py', 3, 4, 'x = (\n', 3, 9))))
print(fields(SyntaxError('m', ['f.py', 1, 2, 'txt'])))
print(fields(SyntaxError('m', 'abcd')))
print(fields(SyntaxError('m', 1, 2)))
attempt('short', lambda: SyntaxError('m', (1, 2)))
attempt('long', lambda: SyntaxError('m', (1, 2, 3, 4, 5, 6, 7)))
attempt('five', lambda: SyntaxError('m', (1, 2, 3, 4, 5)))
attempt('int info', lambda: SyntaxError('m', 5))
for info in [('/a/b/c.py', 7, 1, 't'), ('c.py', None, 1, 't'), (None, 5, 1, 't'),
             (b'f.py', 5, 1, 't'), ('f.py', True, 1, 't'), ('f.py', 2**70, 1, 't'),
             ('dir/', 1, 1, 't')]:
    print(info, '->', str(SyntaxError('msg', info)))
print(str(SyntaxError(None, ('f', 1, 1, 't'))), str(SyntaxError(42)))
print(repr(SyntaxError('m', ('f', 1, 2, 't'))))
s = SyntaxError('m', ('f.py', 1, 2, 't'))
s.lineno = 10
s.filename = 'other/g.py'
print(str(s))
ie = IndentationError('unexpected indent', ('f.py', 2, 1, '  x\n'))
print(type(ie).__name__, str(ie), ie.lineno, str(TabError('tabs')))

# UnicodeDecodeError(encoding, object, start, end, reason)
d = UnicodeDecodeError('utf-8', b'ab\xffcd', 2, 3, 'invalid start byte')
print(d.encoding, d.object, d.start, d.end, d.reason, d.args)
print(str(d))
print(str(UnicodeDecodeError('utf-8', b'\xf0\x9f', 0, 2, 'unexpected end of data')))
print(str(UnicodeDecodeError('ascii', bytearray(b'\x80'), 0, 1, 'ordinal not in range(128)')))
print(type(UnicodeDecodeError('x', bytearray(b'ab'), 0, 1, 'r').object).__name__)
print(str(UnicodeDecodeError('e', b'abc', 5, 6, 'out of range')))
attempt('dec none', lambda: UnicodeDecodeError())
attempt('dec enc int', lambda: UnicodeDecodeError(1, b'', 0, 1, 'r'))
attempt('dec obj str', lambda: UnicodeDecodeError('e', 'str', 0, 1, 'r'))
attempt('dec float', lambda: UnicodeDecodeError('e', b'', 0.0, 1, 'r'))
attempt('dec reason', lambda: UnicodeDecodeError('e', b'', 0, 1, 5))

# UnicodeEncodeError(encoding, str, start, end, reason)
u = UnicodeEncodeError('ascii', 'a\xe9\u20ac\U0001f600', 1, 2, 'ordinal not in range(128)')
print(str(u))
for start in range(1, 4):
    u.start, u.end = start, start + 1
    print(str(u))
u.end = 4
print(str(u), u.start, u.end)
attempt('enc bytes', lambda: UnicodeEncodeError('e', b'', 0, 1, 'r'))
attempt('enc four', lambda: UnicodeEncodeError('e', '', 0, 1))
attempt('start str', lambda: setattr(u, 'start', 'x'))
attempt('del start', lambda: delattr(u, 'start'))
u.encoding = 'latin-1'
u.reason = 'made up'
print(str(u))
del u.encoding
print(u.encoding)
print(str(UnicodeEncodeError('e', 'abc', 3, 3, 'empty range')))

# UnicodeTranslateError(str, start, end, reason)
tr = UnicodeTranslateError('a\u1234b', 1, 2, 'no mapping')
print(tr.encoding, tr.object, tr.start, tr.end, tr.reason, str(tr))
print(str(UnicodeTranslateError('abc', 0, 3, 'several')))
attempt('tr three', lambda: UnicodeTranslateError('a', 0, 1))

# not initialised: __new__ alone
blank = UnicodeEncodeError.__new__(UnicodeEncodeError)
print(repr(str(blank)), blank.start, blank.end, blank.encoding, blank.object)
