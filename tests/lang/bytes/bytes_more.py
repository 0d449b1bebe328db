# More bytes/bytearray methods, __bytes__, and mixed operations.
b = b'one two  three two'
print(b.rfind(b'two'), b.rindex(b'o'), b.rfind(b'x'), b.count(b'o'), b.count(ord('t')), b.find(119), b.index(b'three', 5))
print(b.rsplit(None, 1), b.rsplit(b'two'), b.split(b' ', 2), b.split(maxsplit=1), b'  x  '.lstrip(), b'  x  '.rstrip(), b'xyx'.rstrip(b'x'))
print(b'file.tar.gz'.removesuffix(b'.gz'), b'abc'.removesuffix(b'x'), bytes.maketrans(b'a', b'b')[97], b'hello'.title(), b'a\tb'.expandtabs())
try:
    b.rindex(b'zzz')
except ValueError as e:
    print(type(e).__name__ + ':', e)
class HasBytes:
    def __bytes__(self):
        return b'from __bytes__'
class BadBytes:
    def __bytes__(self):
        return 'str'
print(bytes(HasBytes()), bytes(x for x in range(65, 68)), bytes(memoryview(b'mv')))
try:
    bytes(BadBytes())
except TypeError as e:
    print(type(e).__name__ + ':', e)
ba = bytearray(b'  Mixed Case  ')
print(ba.strip(), ba.lower(), ba.split(), ba.rfind(b'e'), ba.replace(b'Case', b'Bytes'), ba.isspace(), ba.count(b' '))
print(bytearray(b'abc') == b'abc', b'abc' == bytearray(b'abc'), bytearray(b'a') < b'b', b'a' + bytearray(b'b'), type(b'a' + bytearray(b'b')).__name__)
print(b'%s|%5d|%-4x|' % (b'x', 42, 255), bytearray(b'%d') % 7, b'abc'[1], b'abc'[1:2], bytearray(b'abc')[-1])
print(sorted(b'cab'), max(b'xyz'), b''.join([b'a', b'b', memoryview(b'c')]), b'-'.join(b'ab' for _ in range(2)))
print(b'\xff'.decode('latin-1'), b'caf\xe9'.decode('latin-1').encode('utf-8'), b'A' * 0, bytes(0))
m = memoryview(b'abc')
print(m.c_contiguous, m.f_contiguous, m.contiguous, m.suboffsets, m.obj == b'abc')
