# Attributes of particular exception classes.
s = StopIteration(7)
print(s.value, StopIteration().value)

ex = SystemExit(3)
print(ex.code, SystemExit().code, SystemExit(1, 2).code)

k = KeyError('key')
print(str(k), repr(k), str(KeyError('a', 'b')))

try:
    undefined_name
except NameError as e:
    print(e.name)

class C:
    pass
try:
    C().missing
except AttributeError as e:
    print(e.name, type(e.obj).__name__)

try:
    import no_such_module_for_krait
except ImportError as e:
    print(type(e).__name__, e.name, e.path, e.msg)
print(ImportError('m', name='n', path='p').path)

# UnicodeError fields
try:
    b'ab\xffcd'.decode('utf-8')
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
    print(str(e))
try:
    'a\u20acb'.encode('ascii')
except UnicodeEncodeError as e:
    print(e.encoding, repr(e.object), e.start, e.end, e.reason)
    print(str(e))
u = UnicodeDecodeError('utf-8', b'\x80', 0, 1, 'invalid start byte')
print(str(u))
t = UnicodeTranslateError('abc', 1, 2, 'no reason')
print(str(t), t.object)

# SyntaxError fields
try:
    compile('x = (1,\n', 'prog.py', 'exec')
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
    print(str(e))
try:
    compile('  x', '<s>', 'exec')
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset)
se = SyntaxError('msg', ('f.py', 3, 4, 'text\n', 3, 6))
print(se.filename, se.lineno, se.offset, repr(se.text), se.end_lineno, se.end_offset, str(se))
print(str(SyntaxError('bare')), SyntaxError().msg)
