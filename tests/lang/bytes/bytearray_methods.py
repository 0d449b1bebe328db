# bytearray: a mutable bytes.
ba = bytearray(b'hello')
ba[0] = 72
ba.append(33)
ba.extend(b' ok')
ba += b'!'
print(ba, len(ba), ba[0], ba[-1:], type(ba[1:3]).__name__)
ba[1:5] = b'EY'
print(ba)
del ba[0]
del ba[-4:]
print(ba)
ba.insert(0, 65)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord('Y'))
print(ba, ba.copy(), ba.copy() is ba)
ba.reverse()
print(ba)
ba.clear()
print(ba, bytearray(3), bytearray([1, 2]), bytearray('é', 'utf-8'), bytearray(b'x') * 3)
for fn in (lambda: bytearray(b'a').__setitem__(0, 256), lambda: bytearray(b'a').append(-1),
           lambda: bytearray(b'a').remove(9), lambda: bytearray().pop(), lambda: bytearray(b'a').__setitem__(0, b'x'),
           lambda: hash(bytearray()), lambda: bytearray('str')):
    try:
        fn()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__ + ':', e)
b = bytearray(b'abc')
b[::2] = b'XZ'
print(b, b.upper(), type(b.upper()).__name__, b == b'XbZ', b.decode(), bytearray.fromhex('41 42'))
b[1:2] = [1, 2, 3]
print(b, b.hex(), list(b), bytes(b), b.find(2), b.count(1), b.split(b'\x02'))
b2 = bytearray(b'mutable')
alias = b2
b2 += b'!'
print(alias, alias is b2)
