# memoryview over bytes and bytearray (1-D).
data = bytearray(b'abcdef')
m = memoryview(data)
print(m[0], m[-1], bytes(m[1:3]), m.tobytes(), m.tolist(), len(m), m.nbytes, m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides)
m[0] = ord('A')
m[1:3] = b'BC'
print(data)
sub = m[2:5]
sub[0] = ord('z')
print(data, bytes(sub), sub.obj is data, m.hex(), sub.hex())
ro = memoryview(b'readonly')
print(ro.readonly, ro[0], ro.tobytes(), bytes(ro[::2]))
try:
    ro[0] = 1
except TypeError as e:
    print(type(e).__name__ + ':', e)
print(m == b'ABzdef', m == data, memoryview(b'ab') == memoryview(b'ab'), ro.tolist()[:3])
try:
    m[0] = 256
except ValueError as e:
    print(type(e).__name__ + ':', e)
try:
    m[0:2] = b'xyz'
except ValueError as e:
    print(type(e).__name__ + ':', e)
try:
    memoryview('str')
except TypeError as e:
    print(type(e).__name__ + ':', e)
with memoryview(b'ctx') as cm:
    print(cm.tobytes())
try:
    cm[0]
except ValueError as e:
    print(type(e).__name__ + ':', e)
m.release()
try:
    len(m)
except ValueError as e:
    print(type(e).__name__ + ':', e)
c = memoryview(bytearray(b'\x01\x00\x02\x00')).cast('H')
print(c.format, c.itemsize, len(c), c.tolist() if c.tolist()[0] in (1, 256) else 'endian?', c.nbytes)
print(list(memoryview(b'xyz')), memoryview(b'ab').toreadonly().readonly, bytes(memoryview(b'abc')[::-1]))
print(bytearray(memoryview(b'copy')), b''.join([memoryview(b'a'), b'b']), hash(memoryview(b'h')) == hash(b'h'))
