# bytes: construction, methods, reprs and errors.
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes('é', 'utf-8'), bytes(b'copy'), bytes(bytearray(b'ba')))
for bad in [(-1,), ([256],), (['a'],), ('str',), (1.5,), ('x', 'no-codec')]:
    try:
        bytes(*bad)
    except (ValueError, TypeError, LookupError) as e:
        print(type(e).__name__ + ':', e)
b = b'Hello, World'
print(b[0], b[-1], b[1:5], b[::-1], len(b), b'l' in b, 108 in b, b.count(b'l'), b.find(b'World'), b.index(b'o'))
print(b.upper(), b.lower(), b.swapcase(), b.title(), b.capitalize(), b.replace(b'l', b'L', 2), b.split(b', '))
print(b'  pad  '.strip(), b'xxaxx'.strip(b'x'), b'a b  c'.split(), b'a\nb\r\nc'.splitlines(), b','.join([b'a', bytearray(b'b')]))
print(b'abc'.startswith(b'a'), b'abc'.endswith((b'c', b'x')), b'abc'.hex(), b'abc'.hex(':'), b'\x01\x02\x03'.hex('-', 2))
print(bytes.fromhex('de ad be ef'), bytes.fromhex(''), b'ab'.center(6, b'*'), b'7'.zfill(3), b'ab'.ljust(4), b'ab'.rjust(4, b'0'))
print(b'abc'.isalpha(), b'123'.isdigit(), b'a1'.isalnum(), b' \t'.isspace(), b'abc'.islower(), b'ABC'.isupper(), b'Ab Cd'.istitle(), b'\x80'.isascii())
print(b'k=v'.partition(b'='), b'a.b.c'.rpartition(b'.'), b'a\tb'.expandtabs(4), b'abc'.translate(bytes.maketrans(b'ab', b'xy')), b'abc'.translate(None, b'b'))
print(b'x' * 3, b'ab' + b'cd', b'ab' + bytearray(b'c'), b'abc' < b'abd', b'a' == 'a', b'prefix-x'.removeprefix(b'prefix-'))
print(b'caf\xc3\xa9'.decode(), b'abc'.decode('ascii'), list(b'ab'), tuple(b'\x00\xff'), bytes.__name__)
for fn in (lambda: b'a' + 'b', lambda: 'a' + b'b', lambda: b'abc'[5], lambda: bytes.fromhex('xyz'), lambda: b'a'.join(['b']),
           lambda: b'abc'.find('a'), lambda: b'x'.center(3, 'y')):
    try:
        fn()
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ':', e)
print(repr(b'\x00\x01\t\n\r\x7f\x80\xff "\' \\'), b'%d' % 1, bytes([7]) == b'\x07', hash(b'ab') == hash(b'ab'))
