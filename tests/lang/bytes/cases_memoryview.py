# memoryview: views, exports, casts and item packing (one case per function).
def T(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
def type_name(v):
    return type(v).__name__
def iterlist(v):
    return list(iter(v))

def _c0():
    m = memoryview(bytearray(b'abcdef'))
    return (m[0], m[-1], bytes(m[1:3]), m.tobytes(), m.tolist(), len(m))
T(_c0)
def _c1():
    m = memoryview(bytearray(b'abcdef'))
    return (m.nbytes, m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides)
T(_c1)
def _c2():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    m[0] = 65
    m[1:3] = b'BC'
    return d
T(_c2)
def _c3():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    s = m[2:5]
    s[0] = 122
    return (d, bytes(s), s.obj == d, m.hex(), s.hex())
T(_c3)
def _c4():
    ro = memoryview(b'readonly')
    return (ro.readonly, ro[0], ro.tobytes(), bytes(ro[::2]))
T(_c4)
def _c5():
    ro = memoryview(b'readonly')
    ro[0] = 1
    return None
T(_c5)
def _c6():
    m = memoryview(bytearray(b'ab'))
    m[0] = 256
    return None
T(_c6)
def _c7():
    m = memoryview(bytearray(b'ab'))
    m[0:2] = b'xyz'
    return None
T(_c7)
def _c8():
    return memoryview('str')
T(_c8)
def _c9():
    return memoryview()
T(_c9)
def _c10():
    return memoryview(b'a', b'b')
T(_c10)
def _c11():
    return memoryview(object=b'a').tobytes()
T(_c11)
def _c12():
    m = memoryview(b'ctx')
    m.release()
    return m[0]
T(_c12)
def _c13():
    m = memoryview(b'ctx')
    m.release()
    return len(m)
T(_c13)
def _c14():
    m = memoryview(b'ctx')
    m.release()
    m.release()
    return m.tobytes()
T(_c14)
def _c15():
    m = memoryview(b'ctx')
    m.__enter__()
    m.__exit__(None, None, None)
    return m.nbytes
T(_c15)
def _c16():
    m = memoryview(b'ctx')
    m.release()
    return m.obj
T(_c16)
def _c17():
    m = memoryview(b'ctx')
    m.release()
    return m == m
T(_c17)
def _c18():
    m = memoryview(b'ctx')
    m.release()
    return m == b'ctx'
T(_c18)
def _c19():
    m = memoryview(b'ctx')
    m.release()
    return m.format
T(_c19)
def _c20():
    c = memoryview(bytearray(b'\x01\x00\x02\x00')).cast('H')
    return (c.format, c.itemsize, len(c), c.tolist(), c.nbytes)
T(_c20)
def _c21():
    return list(memoryview(b'xyz'))
T(_c21)
def _c22():
    return memoryview(b'ab').toreadonly().readonly
T(_c22)
def _c23():
    return bytes(memoryview(b'abc')[::-1])
T(_c23)
def _c24():
    return bytearray(memoryview(b'copy'))
T(_c24)
def _c25():
    return b''.join([memoryview(b'a'), b'b'])
T(_c25)
def _c26():
    return hash(memoryview(b'h')) == hash(b'h')
T(_c26)
def _c27():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    return d.append(1)
T(_c27)
def _c28():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    return d.extend(b'xy')
T(_c28)
def _c29():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    return d.pop()
T(_c29)
def _c30():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    return d.clear()
T(_c30)
def _c31():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    d += b'x'
    return None
T(_c31)
def _c32():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    d *= 2
    return None
T(_c32)
def _c33():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    d *= 1
    return d
T(_c33)
def _c34():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    d[0:1] = b'xy'
    return None
T(_c34)
def _c35():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    d[0:2] = b'xy'
    return d
T(_c35)
def _c36():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    del d[0]
    return None
T(_c36)
def _c37():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    return d.insert(0, 1)
T(_c37)
def _c38():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    return d.remove(97)
T(_c38)
def _c39():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    d.reverse()
    return d
T(_c39)
def _c40():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    m.release()
    d.append(1)
    return d
T(_c40)
def _c41():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    m2 = m[1:]
    m.release()
    return d.append(1)
T(_c41)
def _c42():
    d = bytearray(b'abcdef')
    m = memoryview(d)
    m2 = memoryview(m)
    m.release()
    return d.append(1)
T(_c42)
def _c43():
    m = memoryview(bytearray(b'abcdef'))
    return m[10]
T(_c43)
def _c44():
    m = memoryview(bytearray(b'abcdef'))
    return m['a']
T(_c44)
def _c45():
    m = memoryview(bytearray(b'abcdef'))
    return m[1.5]
T(_c45)
def _c46():
    m = memoryview(bytearray(b'abcdef'))
    return m[0:2].tolist()
T(_c46)
def _c47():
    m = memoryview(bytearray(b'abcdef'))
    return m[::2].tobytes()
T(_c47)
def _c48():
    m = memoryview(bytearray(b'abcdef'))
    return m[::2].strides
T(_c48)
def _c49():
    m = memoryview(bytearray(b'abcdef'))
    return m[::-1].hex(':')
T(_c49)
def _c50():
    m = memoryview(bytearray(b'abcdef'))
    return m[::-1].tolist()
T(_c50)
def _c51():
    m = memoryview(bytearray(b'abcdef'))
    return m[::-2][1:].tobytes()
T(_c51)
def _c52():
    m = memoryview(bytearray(b'abcdef'))
    m[0] = b'a'
    return None
T(_c52)
def _c53():
    m = memoryview(bytearray(b'abcdef'))
    m[0:2] = b'a'
    return None
T(_c53)
def _c54():
    m = memoryview(bytearray(b'abcdef'))
    m[0:2] = 'ab'
    return None
T(_c54)
def _c55():
    m = memoryview(bytearray(b'abcdef'))
    m[0] = -1
    return None
T(_c55)
def _c56():
    m = memoryview(bytearray(b'abcdef'))
    m[0] = 1.5
    return None
T(_c56)
def _c57():
    m = memoryview(bytearray(b'abcdef'))
    return hash(m)
T(_c57)
def _c58():
    m = memoryview(bytearray(b'abcdef'))
    return m < m
T(_c58)
def _c59():
    m = memoryview(bytearray(b'abcdef'))
    return m == [97]
T(_c59)
def _c60():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast('H').tolist()
T(_c60)
def _c61():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast('c').tolist()
T(_c61)
def _c62():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast('c')[0]
T(_c62)
def _c63():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast('b')[0]
T(_c63)
def _c64():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast('x')
T(_c64)
def _c65():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast('I')
T(_c65)
def _c66():
    m = memoryview(bytearray(b'abcdef'))
    return m[::2].cast('B')
T(_c66)
def _c67():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast('H').cast('I')
T(_c67)
def _c68():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast('H').cast('B').format
T(_c68)
def _c69():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast('@B').format
T(_c69)
def _c70():
    m = memoryview(bytearray(b'abcdef'))
    return m.cast(b'B')
T(_c70)
def _c71():
    m = memoryview(bytearray(b'abcdef'))
    c = m.cast('c')
    c[0] = b'z'
    return m.tobytes()
T(_c71)
def _c72():
    m = memoryview(bytearray(b'abcdef'))
    c = m.cast('c')
    c[0] = b'zz'
    return None
T(_c72)
def _c73():
    m = memoryview(bytearray(b'abcdef'))
    c = m.cast('c')
    c[0] = 1
    return None
T(_c73)
def _c74():
    m = memoryview(bytearray(b'abcdef'))
    c = m.cast('b')
    c[0] = 200
    return None
T(_c74)
def _c75():
    m = memoryview(bytearray(b'abcdef'))
    c = m.cast('b')
    c[0] = -2
    return m.tobytes()
T(_c75)
def _c76():
    m = memoryview(bytearray(b'abcdef'))
    c = m.cast('H')
    c[0] = 65535
    c[1] = 65536
    return None
T(_c76)
def _c77():
    m = memoryview(bytearray(b'abcdef'))
    c = m.cast('?')
    c[0] = 5
    c[1] = 0
    return m.tolist()
T(_c77)
def _c78():
    m = memoryview(bytearray(b'abcdefgh'))
    c = m.cast('d')
    c[0] = 1.5
    return c.tolist()
T(_c78)
def _c79():
    m = memoryview(bytearray(b'abcdefgh'))
    c = m.cast('q')
    c[0] = -5
    return c.tolist()
T(_c79)
def _c80():
    m = memoryview(bytearray(b'abcdefgh'))
    c = m.cast('Q')
    c[0] = -5
    return None
T(_c80)
def _c81():
    m = memoryview(bytearray(b'abcdefgh'))
    c = m.cast('Q')
    c[0] = 18446744073709551615
    return c.tolist()
T(_c81)
def _c82():
    m = memoryview(bytearray(b'abcdefgh'))
    c = m.cast('q')
    c[0] = 9223372036854775808
    return None
T(_c82)
def _c83():
    m = memoryview(bytearray(b'abcdef'))
    m.toreadonly()[0] = 1
    return None
T(_c83)
def _c84():
    m = memoryview(bytearray(b'abcdef'))
    return m.tobytes('A')
T(_c84)
def _c85():
    m = memoryview(bytearray(b'abcdef'))
    return m.tobytes(order=None)
T(_c85)
def _c86():
    m = memoryview(bytearray(b'abcdef'))
    return m.tobytes('Z')
T(_c86)
def _c87():
    return memoryview(b'abc') == memoryview(bytearray(b'abc'))
T(_c87)
def _c88():
    return memoryview(b'ab').cast('c') == b'ab'
T(_c88)
def _c89():
    return memoryview(b'ab').cast('b') == memoryview(b'ab')
T(_c89)
def _c90():
    return memoryview(b'abcd').cast('H') == memoryview(b'abcd').cast('h')
T(_c90)
def _c91():
    return memoryview(b'ab') != b'ab'
T(_c91)
def _c92():
    return b'ab' == memoryview(b'ab')
T(_c92)
def _c93():
    return bytearray(b'ab') == memoryview(b'ab')
T(_c93)
def _c94():
    return 97 in memoryview(b'ab')
T(_c94)
def _c95():
    return b'a' in memoryview(b'ab').cast('c')
T(_c95)
def _c96():
    return memoryview(b'abcd').cast('f').tolist()
T(_c96)
def _c97():
    return memoryview(b'\x01\x00').cast('?').tolist()
T(_c97)
def _c98():
    return memoryview(b'abcd').cast('H', [2]).tolist()
T(_c98)
def _c99():
    return memoryview(b'abcd').cast('H', shape=[4])
T(_c99)
def _c100():
    return memoryview(b'abc').c_contiguous
T(_c100)
def _c101():
    return memoryview(b'abc')[::2].contiguous
T(_c101)
def _c102():
    return memoryview(b'')[::-1].f_contiguous
T(_c102)
def _c103():
    return memoryview(b'a')[::-1].c_contiguous
T(_c103)
def _c104():
    return memoryview(b'abc').suboffsets
T(_c104)
def _c105():
    return hash(memoryview(b'abc').cast('H'))
T(_c105)
def _c106():
    return hash(memoryview(b'ab').cast('H'))
T(_c106)
def _c107():
    return memoryview(b'abcdef')[::2].hex()
T(_c107)
def _c108():
    return bytes(memoryview(b'abcdef')[1::2])
T(_c108)
def _c109():
    return memoryview(memoryview(b'abc')[1:]).tobytes()
T(_c109)
def _c110():
    return memoryview(b'abc')[...].tobytes()
T(_c110)
def _c111():
    return b'xx'.startswith(memoryview(b'x'))
T(_c111)
def _c112():
    return memoryview(b'abc')[5:1].tolist()
T(_c112)
def _c113():
    return memoryview(bytearray(b'abcd'))[::2][::-1].tolist()
T(_c113)
def _c114():
    d = bytearray(b'abcd')
    m = memoryview(d)[::2]
    m[:] = b'XY'
    return d
T(_c114)
def _c115():
    d = bytearray(b'abcd')
    m = memoryview(d)
    m[::2] = memoryview(b'XY')
    return d
T(_c115)
def _c116():
    d = bytearray(b'abcd')
    m = memoryview(d)
    m[:2] = memoryview(b'XY').cast('c')
    return None
T(_c116)
