# bytearray mutation and bytes %-formatting (one case per function).
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
    ba = bytearray(b'hello')
    ba[0] = 72
    ba.append(33)
    ba.extend(b' ok')
    ba += b'!'
    return ba
T(_c0)
def _c1():
    ba = bytearray(b'hello')
    ba[1:5] = b'EY'
    return ba
T(_c1)
def _c2():
    ba = bytearray(b'hello')
    del ba[0]
    del ba[-2:]
    return ba
T(_c2)
def _c3():
    ba = bytearray(b'hello')
    ba.insert(0, 65)
    ba.insert(-10, 66)
    ba.insert(100, 67)
    return ba
T(_c3)
def _c4():
    ba = bytearray(b'hello')
    return (ba.pop(), ba.pop(0), ba)
T(_c4)
def _c5():
    ba = bytearray(b'hello')
    ba.remove(108)
    return ba
T(_c5)
def _c6():
    ba = bytearray(b'hello')
    ba.reverse()
    return ba
T(_c6)
def _c7():
    ba = bytearray(b'hello')
    ba.clear()
    return ba
T(_c7)
def _c8():
    return bytearray(b'hello').copy()
T(_c8)
def _c9():
    return bytearray(3)
T(_c9)
def _c10():
    return bytearray([1, 2])
T(_c10)
def _c11():
    return bytearray('é', 'utf-8')
T(_c11)
def _c12():
    return bytearray(b'x') * 3
T(_c12)
def _c13():
    return bytearray(b'a').__setitem__(0, 256)
T(_c13)
def _c14():
    return bytearray(b'a').append(-1)
T(_c14)
def _c15():
    return bytearray(b'a').remove(9)
T(_c15)
def _c16():
    return bytearray().pop()
T(_c16)
def _c17():
    return bytearray(b'a').__setitem__(0, b'x')
T(_c17)
def _c18():
    return hash(bytearray())
T(_c18)
def _c19():
    return bytearray('str')
T(_c19)
def _c20():
    return bytearray(-1)
T(_c20)
def _c21():
    return bytearray(1, 'utf-8')
T(_c21)
def _c22():
    return bytearray(x=1)
T(_c22)
def _c23():
    return bytearray(1.5)
T(_c23)
def _c24():
    return bytearray([300])
T(_c24)
def _c25():
    return bytearray(None)
T(_c25)
def _c26():
    return bytearray(encoding='utf-8')
T(_c26)
def _c27():
    return bytearray(errors='strict')
T(_c27)
def _c28():
    return bytearray(b'x', errors='strict')
T(_c28)
def _c29():
    b = bytearray(b'abc')
    b[::2] = b'XZ'
    return b
T(_c29)
def _c30():
    b = bytearray(b'abc')
    b[1:2] = [1, 2, 3]
    return b
T(_c30)
def _c31():
    b = bytearray(b'abcdef')
    del b[::2]
    return b
T(_c31)
def _c32():
    b = bytearray(b'abcdef')
    del b[::-2]
    return b
T(_c32)
def _c33():
    b = bytearray(b'abcdef')
    del b[1::3]
    return b
T(_c33)
def _c34():
    b = bytearray(b'abcdef')
    b[4:1] = b'XY'
    return b
T(_c34)
def _c35():
    b = bytearray(b'abcdef')
    b[::-2] = b'XYZ'
    return b
T(_c35)
def _c36():
    b = bytearray(b'abcdef')
    b[1:3] = b
    return b
T(_c36)
def _c37():
    b = bytearray(b'abcdef')
    b[1:3] = None
    return b
T(_c37)
def _c38():
    b = bytearray(b'abcdef')
    b[1:3] = 5
    return b
T(_c38)
def _c39():
    b = bytearray(b'abcdef')
    b[1:3] = 'ab'
    return b
T(_c39)
def _c40():
    b = bytearray(b'abcdef')
    b[1:3] = [300]
    return b
T(_c40)
def _c41():
    b = bytearray(b'abcdef')
    b[-10] = 1
    return b
T(_c41)
def _c42():
    b = bytearray(b'abcdef')
    b[::2] = b'x'
    return b
T(_c42)
def _c43():
    b = bytearray(b'abcdef')
    b['x'] = 1
    return b
T(_c43)
def _c44():
    b = bytearray(b'abcdef')
    b[0] = 'a'
    return b
T(_c44)
def _c45():
    b = bytearray(b'abcdef')
    b += memoryview(b'zz')
    b *= 2
    return b
T(_c45)
def _c46():
    b = bytearray(b'abc')
    b *= 0
    return b
T(_c46)
def _c47():
    b = bytearray(b'abc')
    b *= -1
    return b
T(_c47)
def _c48():
    return bytearray(b'a') + 'x'
T(_c48)
def _c49():
    return bytearray(b'a') + 1
T(_c49)
def _c50():
    return bytearray(b'a') + memoryview(b'b')
T(_c50)
def _c51():
    return b'a' + bytearray(b'b')
T(_c51)
def _c52():
    return type_name(b'a' + bytearray(b'b'))
T(_c52)
def _c53():
    return bytearray(b'a') * 'x'
T(_c53)
def _c54():
    b = bytearray(b'a')
    b += 1
    return b
T(_c54)
def _c55():
    b = bytearray(b'a')
    b *= 'x'
    return b
T(_c55)
def _c56():
    return bytearray(b'abc') == b'abc'
T(_c56)
def _c57():
    return b'abc' == bytearray(b'abc')
T(_c57)
def _c58():
    return bytearray(b'a') == 'a'
T(_c58)
def _c59():
    return bytearray(b'a') < 'a'
T(_c59)
def _c60():
    return bytearray(b'a') < b'b'
T(_c60)
def _c61():
    return bytearray(b'a') <= memoryview(b'a')
T(_c61)
def _c62():
    return bytearray(b'pop').pop(5)
T(_c62)
def _c63():
    return bytearray(b'x').pop(100000000000000000000000)
T(_c63)
def _c64():
    return bytearray(b'x').pop('x')
T(_c64)
def _c65():
    return bytearray(b'x').insert(1, 'a')
T(_c65)
def _c66():
    return bytearray(b'x').append('a')
T(_c66)
def _c67():
    return bytearray(b'x').extend(1)
T(_c67)
def _c68():
    return bytearray(b'x').extend(None)
T(_c68)
def _c69():
    return bytearray(b'x').extend('ab')
T(_c69)
def _c70():
    return bytearray(b'x').extend([1, 'a'])
T(_c70)
def _c71():
    return bytearray(b'x').extend([256])
T(_c71)
def _c72():
    return bytearray(b'x').extend(memoryview(b'q'))
T(_c72)
def _c73():
    return bytearray(b'x').remove(300)
T(_c73)
def _c74():
    return bytearray(b'x').__delitem__(3)
T(_c74)
def _c75():
    return bytearray(b'abc').__alloc__()
T(_c75)
def _c76():
    return bytearray().__alloc__()
T(_c76)
def _c77():
    return bytearray(b'abc').__sizeof__()
T(_c77)
def _c78():
    return bytearray().__sizeof__()
T(_c78)
def _c79():
    b = bytearray()
    b.append(1)
    b.append(1)
    b.append(1)
    b.append(1)
    b.append(1)
    b.append(1)
    return (b.__alloc__(), len(b))
T(_c79)
def _c80():
    b = bytearray(b'x' * 100)
    b.pop()
    c = b.__alloc__()
    del b[10:]
    return (c, b.__alloc__())
T(_c80)
def _c81():
    return bytearray(b'a').__reduce__()
T(_c81)
def _c82():
    return bytearray().__reduce__()
T(_c82)
def _c83():
    return bytearray(b'  Mixed Case  ').strip()
T(_c83)
def _c84():
    return bytearray(b'  Mixed Case  ').split()
T(_c84)
def _c85():
    return bytearray(b'  Mixed Case  ').replace(b'Case', b'Bytes')
T(_c85)
def _c86():
    return bytearray(b'abc').upper()
T(_c86)
def _c87():
    return bytearray(b'abc').decode()
T(_c87)
def _c88():
    return bytearray(b'abc').hex()
T(_c88)
def _c89():
    return bytearray(b'a,b').split(b',')
T(_c89)
def _c90():
    return bytearray(b'a,b').partition(b',')
T(_c90)
def _c91():
    return bytearray(b'%d') % 7
T(_c91)
def _c92():
    return bytearray(b'ab') % ()
T(_c92)
def _c93():
    return b'%s|%5d|%-4x|' % (b'x', 42, 255)
T(_c93)
def _c94():
    return b'%c%c' % (65, b'B')
T(_c94)
def _c95():
    return b'%5.2f|%e' % (1.5, 2.0)
T(_c95)
def _c96():
    return b'%r %a' % ('é', 'é')
T(_c96)
def _c97():
    return b'%x %o %X %#x' % (255, 8, 255, 255)
T(_c97)
def _c98():
    return b'%i %u' % (3, True)
T(_c98)
def _c99():
    return b'%(a)s %(b)d' % {b'a': b'x', b'b': 2}
T(_c99)
def _c100():
    return b'%%'
T(_c100)
def _c101():
    return b'%%' % ()
T(_c101)
def _c102():
    return b'%s' % memoryview(b'mv')
T(_c102)
def _c103():
    return b'%s' % bytearray(b'ba')
T(_c103)
def _c104():
    return b'%b' % b'bb'
T(_c104)
def _c105():
    return b'%*d|%-*d|%.*f' % (5, 1, 4, 2, 2, 3.14159)
T(_c105)
def _c106():
    return b'%10s|' % b'ab'
T(_c106)
def _c107():
    return b'%.1s|' % b'ab'
T(_c107)
def _c108():
    return b'%-5s|' % b'ab'
T(_c108)
def _c109():
    return b'%d' % 3.9
T(_c109)
def _c110():
    return b'%d' % 'x'
T(_c110)
def _c111():
    return b'%x' % 1.5
T(_c111)
def _c112():
    return b'%s' % 'x'
T(_c112)
def _c113():
    return b'%c' % 256
T(_c113)
def _c114():
    return b'%c' % 'a'
T(_c114)
def _c115():
    return b'%c' % b'ab'
T(_c115)
def _c116():
    return b'%d %d' % (1,)
T(_c116)
def _c117():
    return b'%d' % (1, 2)
T(_c117)
def _c118():
    return b'%y' % 1
T(_c118)
def _c119():
    return b'%(a)s' % 1
T(_c119)
def _c120():
    return b'%(a)s' % {}
T(_c120)
def _c121():
    return b'%' % ()
T(_c121)
def _c122():
    return b'%(a' % {}
T(_c122)
def _c123():
    return b'%f' % 'x'
T(_c123)
def _c124():
    return b'%d' % 1000000000000000000000000000000
T(_c124)
def _c125():
    return b'%x' % -255
T(_c125)
def _c126():
    return b'abc' % ()
T(_c126)
def _c127():
    return b'abc' % 5
T(_c127)
def _c128():
    return b'abc' % {}
T(_c128)
def _c129():
    return b'abc' % []
T(_c129)
def _c130():
    return b'abc' % b''
T(_c130)
def _c131():
    return b'%s' % [1]
T(_c131)
def _c132():
    return b'%r' % 1
T(_c132)
def _c133():
    return b'%5c|' % 65
T(_c133)
def _c134():
    return b'%05d' % -3
T(_c134)
def _c135():
    return b'%+.3d' % 7
T(_c135)
def _c136():
    return b'%s %s' % (b'a', b'b')
T(_c136)
def _c137():
    return b'%*s' % ('x', b'a')
T(_c137)
def _c138():
    return b'%(a)s %s' % {b'a': b'1'}
T(_c138)
def _c139():
    return b'%s' % (b'a',)
T(_c139)
def _c140():
    return b'%.3g|%G|%F' % (1234.5, 1e-10, 2.5)
T(_c140)
def _c141():
    return b'% d|%+d' % (5, 5)
T(_c141)
def _c142():
    return b'%#o|%#X' % (8, 255)
T(_c142)
def _c143():
    return b'%ld' % 5
T(_c143)
