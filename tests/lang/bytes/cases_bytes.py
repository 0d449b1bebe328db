# bytes: construction, methods, operators and their errors (one case per function).
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
    return b'abc'
T(_c0)
def _c1():
    return b"'"
T(_c1)
def _c2():
    return b'"'
T(_c2)
def _c3():
    return b'\'"'
T(_c3)
def _c4():
    return bytearray(b"'")
T(_c4)
def _c5():
    return bytearray(b'\'"')
T(_c5)
def _c6():
    return bytearray(b"a\\'")
T(_c6)
def _c7():
    return b'\x00\x01\t\n\r\x7f\x80\xff "\' \\'
T(_c7)
def _c8():
    return bytes()
T(_c8)
def _c9():
    return bytes(3)
T(_c9)
def _c10():
    return bytes([65, 66, 67])
T(_c10)
def _c11():
    return bytes('é', 'utf-8')
T(_c11)
def _c12():
    return bytes(b'copy')
T(_c12)
def _c13():
    return bytes(bytearray(b'ba'))
T(_c13)
def _c14():
    return bytes(-1)
T(_c14)
def _c15():
    return bytes([256])
T(_c15)
def _c16():
    return bytes(['a'])
T(_c16)
def _c17():
    return bytes('str')
T(_c17)
def _c18():
    return bytes(1.5)
T(_c18)
def _c19():
    return bytes('x', 'no-codec')
T(_c19)
def _c20():
    return bytes(1, 'utf-8')
T(_c20)
def _c21():
    return bytes(encoding='utf-8')
T(_c21)
def _c22():
    return bytes(x=1)
T(_c22)
def _c23():
    return bytes(1, 2, 3, 4)
T(_c23)
def _c24():
    return bytes(None)
T(_c24)
def _c25():
    return bytes(100000000000000000000)
T(_c25)
def _c26():
    return bytes('\udc80', 'utf-8')
T(_c26)
def _c27():
    return bytes('é', 'ascii')
T(_c27)
def _c28():
    return bytes('ሴ', 'latin-1')
T(_c28)
def _c29():
    return bytes('ሴ', 'latin-1', 'xmlcharrefreplace')
T(_c29)
def _c30():
    return bytes('ሴ', 'utf-16')
T(_c30)
def _c31():
    return bytes('é', 'UTF8')
T(_c31)
def _c32():
    return bytes('é', 'Latin_1')
T(_c32)
def _c33():
    return bytes('é', 'ascii', 'replace')
T(_c33)
def _c34():
    return bytes('é', 'ascii', 'bogus')
T(_c34)
def _c35():
    return bytes('e', 'ascii', 'bogus')
T(_c35)
def _c36():
    b = b'Hello, World'
    return b[0]
T(_c36)
def _c37():
    b = b'Hello, World'
    return b[-1]
T(_c37)
def _c38():
    b = b'Hello, World'
    return b[1:5]
T(_c38)
def _c39():
    b = b'Hello, World'
    return b[::-1]
T(_c39)
def _c40():
    b = b'Hello, World'
    return b[::3]
T(_c40)
def _c41():
    b = b'Hello, World'
    return len(b)
T(_c41)
def _c42():
    return b'l' in b'Hello'
T(_c42)
def _c43():
    return 108 in b'Hello'
T(_c43)
def _c44():
    return 300 in b'abc'
T(_c44)
def _c45():
    return 'a' in b'abc'
T(_c45)
def _c46():
    return 1.0 in b'abc'
T(_c46)
def _c47():
    return b'' in b'abc'
T(_c47)
def _c48():
    return memoryview(b'bc') in b'abc'
T(_c48)
def _c49():
    return b'Hello'.count(b'l')
T(_c49)
def _c50():
    return b'Hello'.find(b'llo')
T(_c50)
def _c51():
    return b'Hello'.index(b'o')
T(_c51)
def _c52():
    return b'Hello, World'.upper()
T(_c52)
def _c53():
    return b'Hello, World'.lower()
T(_c53)
def _c54():
    return b'Hello, World'.swapcase()
T(_c54)
def _c55():
    return b'hello world'.title()
T(_c55)
def _c56():
    return b"they're bill's x1y".title()
T(_c56)
def _c57():
    return b'HELLO wORLD'.capitalize()
T(_c57)
def _c58():
    return b'Hello World'.replace(b'l', b'L', 2)
T(_c58)
def _c59():
    return b'Hello, World'.split(b', ')
T(_c59)
def _c60():
    return b'  pad  '.strip()
T(_c60)
def _c61():
    return b'xxaxx'.strip(b'x')
T(_c61)
def _c62():
    return b'a b  c'.split()
T(_c62)
def _c63():
    return b'a\nb\r\nc'.splitlines()
T(_c63)
def _c64():
    return b'a\rb\r\nc\n\nd\x0be\x1cf'.splitlines(True)
T(_c64)
def _c65():
    return b','.join([b'a', bytearray(b'b')])
T(_c65)
def _c66():
    return b'abc'.startswith(b'a')
T(_c66)
def _c67():
    return b'abc'.endswith((b'c', b'x'))
T(_c67)
def _c68():
    return b'abc'.hex()
T(_c68)
def _c69():
    return b'abc'.hex(':')
T(_c69)
def _c70():
    return b'\x01\x02\x03'.hex('-', 2)
T(_c70)
def _c71():
    return b'abcde'.hex(':', 2)
T(_c71)
def _c72():
    return b'abcde'.hex(':', -2)
T(_c72)
def _c73():
    return b'abcdef'.hex(b':', -2)
T(_c73)
def _c74():
    return b'abcdef'.hex(':', 10)
T(_c74)
def _c75():
    return b''.hex(':', 10)
T(_c75)
def _c76():
    return b'abc'.hex(1)
T(_c76)
def _c77():
    return b'abc'.hex(b'::')
T(_c77)
def _c78():
    return b'abc'.hex('é')
T(_c78)
def _c79():
    return bytes.fromhex('de ad be ef')
T(_c79)
def _c80():
    return bytes.fromhex('')
T(_c80)
def _c81():
    return bytes.fromhex('a')
T(_c81)
def _c82():
    return bytes.fromhex('0g')
T(_c82)
def _c83():
    return bytes.fromhex(b'00')
T(_c83)
def _c84():
    return bytes.fromhex(' 01 02 ')
T(_c84)
def _c85():
    return bytes.fromhex('01  0')
T(_c85)
def _c86():
    return bytes.fromhex('١')
T(_c86)
def _c87():
    return bytes.fromhex(' \n\t01\x0b\x0c')
T(_c87)
def _c88():
    return bytearray.fromhex('41 42')
T(_c88)
def _c89():
    return b'ab'.center(6, b'*')
T(_c89)
def _c90():
    return b'abc'.center(6)
T(_c90)
def _c91():
    return b'7'.zfill(3)
T(_c91)
def _c92():
    return b'-12'.zfill(6)
T(_c92)
def _c93():
    return b'+'.zfill(3)
T(_c93)
def _c94():
    return b'ab'.ljust(4)
T(_c94)
def _c95():
    return b'ab'.rjust(4, b'0')
T(_c95)
def _c96():
    return b'abc'.center(1.5)
T(_c96)
def _c97():
    return b'abc'.center(5, b'ab')
T(_c97)
def _c98():
    return b'abc'.center(5, bytearray(b'a'))
T(_c98)
def _c99():
    return b'abc'.center(5, 'x')
T(_c99)
def _c100():
    return b'abc'.isalpha()
T(_c100)
def _c101():
    return b'123'.isdigit()
T(_c101)
def _c102():
    return b'a1'.isalnum()
T(_c102)
def _c103():
    return b' \t'.isspace()
T(_c103)
def _c104():
    return b'\x1c'.isspace()
T(_c104)
def _c105():
    return b''.isspace()
T(_c105)
def _c106():
    return b'abc'.islower()
T(_c106)
def _c107():
    return b'1'.islower()
T(_c107)
def _c108():
    return b'ABC'.isupper()
T(_c108)
def _c109():
    return b'Ab Cd'.istitle()
T(_c109)
def _c110():
    return b'HeLlo'.istitle()
T(_c110)
def _c111():
    return b''.istitle()
T(_c111)
def _c112():
    return b'\x80'.isascii()
T(_c112)
def _c113():
    return b''.isascii()
T(_c113)
def _c114():
    return b'k=v'.partition(b'=')
T(_c114)
def _c115():
    return b'a.b.c'.rpartition(b'.')
T(_c115)
def _c116():
    return b'abc'.rpartition(b'x')
T(_c116)
def _c117():
    return bytearray(b'abc').rpartition(b'x')
T(_c117)
def _c118():
    return b'abc'.partition(b'')
T(_c118)
def _c119():
    return b'abc'.partition('a')
T(_c119)
def _c120():
    return b'a\tb'.expandtabs(4)
T(_c120)
def _c121():
    return b'a\tb'.expandtabs()
T(_c121)
def _c122():
    return b'a\tb'.expandtabs(tabsize=-1)
T(_c122)
def _c123():
    return b'abc'.translate(bytes.maketrans(b'ab', b'xy'))
T(_c123)
def _c124():
    return b'abc'.translate(None, b'b')
T(_c124)
def _c125():
    return b'abc'.translate(None, delete=b'a')
T(_c125)
def _c126():
    return b'abc'.translate(b'x')
T(_c126)
def _c127():
    return b'abc'.translate(1)
T(_c127)
def _c128():
    return bytes.maketrans(b'a', b'bc')
T(_c128)
def _c129():
    return bytes.maketrans('a', b'b')
T(_c129)
def _c130():
    return bytes.maketrans(b'a', b'b')[97]
T(_c130)
def _c131():
    return b'x' * 3
T(_c131)
def _c132():
    return 3 * b'ab'
T(_c132)
def _c133():
    return b'a' * -1
T(_c133)
def _c134():
    return b'a' * 'x'
T(_c134)
def _c135():
    return b'ab' + b'cd'
T(_c135)
def _c136():
    return b'ab' + bytearray(b'c')
T(_c136)
def _c137():
    return b'a' + 'b'
T(_c137)
def _c138():
    return b'a' + 1
T(_c138)
def _c139():
    return b'abc' < b'abd'
T(_c139)
def _c140():
    return b'a' < 'a'
T(_c140)
def _c141():
    return b'a' == 'a'
T(_c141)
def _c142():
    return b'a' == bytearray(b'a')
T(_c142)
def _c143():
    return bytearray(b'a') < b'b'
T(_c143)
def _c144():
    return b'a' == memoryview(b'a')
T(_c144)
def _c145():
    return b'prefix-x'.removeprefix(b'prefix-')
T(_c145)
def _c146():
    return b'file.tar.gz'.removesuffix(b'.gz')
T(_c146)
def _c147():
    return b'abc'.removesuffix(b'x')
T(_c147)
def _c148():
    return b'abc'.removeprefix('a')
T(_c148)
def _c149():
    return b'caf\xc3\xa9'.decode()
T(_c149)
def _c150():
    return b'abc'.decode('ascii')
T(_c150)
def _c151():
    return b'\xff'.decode()
T(_c151)
def _c152():
    return b'\xff'.decode('ascii')
T(_c152)
def _c153():
    return b'\xff'.decode('ascii', 'bogus')
T(_c153)
def _c154():
    return b'\xff'.decode('ascii', 'replace')
T(_c154)
def _c155():
    return b'\xff'.decode('utf8', 'backslashreplace')
T(_c155)
def _c156():
    return b'\xff'.decode('utf8', 'surrogateescape')
T(_c156)
def _c157():
    return b'\xff'.decode('nope')
T(_c157)
def _c158():
    return b'ab'.decode(encoding='UTF_8')
T(_c158)
def _c159():
    return b'ab'.decode(1)
T(_c159)
def _c160():
    return b'abc'.decode('utf-8', 1)
T(_c160)
def _c161():
    return b'abc'.decode('utf-8', encoding='x')
T(_c161)
def _c162():
    return b'ab'.decode('utf-16')
T(_c162)
def _c163():
    return b'\xff'.decode('latin-1')
T(_c163)
def _c164():
    return list(b'ab')
T(_c164)
def _c165():
    return iterlist(b'\x00\xff')
T(_c165)
def _c166():
    return iterlist(bytearray(b'xy'))
T(_c166)
def _c167():
    return b'abc'[5]
T(_c167)
def _c168():
    k = 1.5
    return b'abc'[k]
T(_c168)
def _c169():
    return bytearray(b'a')[5]
T(_c169)
def _c170():
    return bytearray(b'a')['x']
T(_c170)
def _c171():
    return b'abc'.find('a')
T(_c171)
def _c172():
    return b'abc'.find(256)
T(_c172)
def _c173():
    return b'abc'.find(1.5)
T(_c173)
def _c174():
    return b'abc'.find(b'a', 'x')
T(_c174)
def _c175():
    return b'abc'.find()
T(_c175)
def _c176():
    return b'abc'.find(b'a', 1, 2, 3)
T(_c176)
def _c177():
    return b'abc'.count(b'a', None, None)
T(_c177)
def _c178():
    return b'abc'.startswith('a')
T(_c178)
def _c179():
    return b'abc'.startswith(['a'])
T(_c179)
def _c180():
    return b'abc'.startswith((b'a', 'x'))
T(_c180)
def _c181():
    return b'abc'.startswith(('x',))
T(_c181)
def _c182():
    return b'abc'.split(1)
T(_c182)
def _c183():
    return b'abc'.split(b'')
T(_c183)
def _c184():
    return b'abc'.split(sep=b'b', maxsplit=1.5)
T(_c184)
def _c185():
    return b'abc'.strip('a')
T(_c185)
def _c186():
    return b'abc'.strip(1)
T(_c186)
def _c187():
    return b'abc'.replace('a', b'b')
T(_c187)
def _c188():
    return b'abc'.join([1])
T(_c188)
def _c189():
    return b'abc'.join(1)
T(_c189)
def _c190():
    return b'abc'.zfill('a')
T(_c190)
def _c191():
    return b'abc'.index(b'z')
T(_c191)
def _c192():
    return b'abc'.rindex(b'z')
T(_c192)
def _c193():
    return b'abc'.splitlines(keepends=1)
T(_c193)
def _c194():
    return b'abc'.rsplit(b'b', maxsplit=-5)
T(_c194)
def _c195():
    return b'abc'.endswith(b'c', -10, 100)
T(_c195)
def _c196():
    return b'abc'.count(b'')
T(_c196)
def _c197():
    return b'abc'.count(b'', 5)
T(_c197)
def _c198():
    return b'abc'.find(b'', 3)
T(_c198)
def _c199():
    return b'abc'.find(b'', 4)
T(_c199)
def _c200():
    return b' a\x1cb '.split()
T(_c200)
def _c201():
    return b' a\x0bb '.split()
T(_c201)
def _c202():
    return b'\x85a\xa0'.strip()
T(_c202)
def _c203():
    return b'a b c'.rsplit(maxsplit=1)
T(_c203)
def _c204():
    return b'a b c'.split(None, 0)
T(_c204)
def _c205():
    return b'  a b c  '.split(None, 1)
T(_c205)
def _c206():
    return b'  a b c  '.rsplit(None, 1)
T(_c206)
def _c207():
    return b''.join([b'1', 2])
T(_c207)
def _c208():
    return b'-'.join([memoryview(b'ab'), bytearray(b'c')])
T(_c208)
def _c209():
    return bytearray(b'-').join([])
T(_c209)
def _c210():
    return b'abc'.replace(b'', b'-')
T(_c210)
def _c211():
    return b'abc'.replace(b'b', b'', -1)
T(_c211)
def _c212():
    return b'abc'.replace(b'b', b'x', 1.5)
T(_c212)
def _c213():
    return b'abc'.count(98, 0, 2)
T(_c213)
def _c214():
    return b'abc'.find(b'c', -1)
T(_c214)
def _c215():
    return b'abc'.ljust(5, bytearray(b'-'))
T(_c215)
def _c216():
    return b'abc'.strip(memoryview(b'ac'))
T(_c216)
def _c217():
    return b'abc'.endswith(b'', 3)
T(_c217)
def _c218():
    return b'abc'.endswith(b'', 4)
T(_c218)
def _c219():
    return b'abc'.startswith(b'', 3, 2)
T(_c219)
def _c220():
    return b'one two  three two'.rfind(b'two')
T(_c220)
def _c221():
    return b'one two  three two'.rindex(b'o')
T(_c221)
def _c222():
    return b'one two  three two'.count(116)
T(_c222)
def _c223():
    return b'one two  three two'.find(119)
T(_c223)
def _c224():
    return b'one two  three two'.index(b'three', 5)
T(_c224)
def _c225():
    return b'one two  three two'.rsplit(None, 1)
T(_c225)
def _c226():
    return b'one two  three two'.rsplit(b'two')
T(_c226)
def _c227():
    return b'one two  three two'.split(b' ', 2)
T(_c227)
def _c228():
    return b'one two  three two'.split(maxsplit=1)
T(_c228)
def _c229():
    return b'abc'.__getnewargs__()
T(_c229)
def _c230():
    return b'abc'.__sizeof__()
T(_c230)
def _c231():
    return hash(b'')
T(_c231)
def _c232():
    return hash(b'ab') == hash(b'ab')
T(_c232)
def _c233():
    return b'abc'.upper(1)
T(_c233)
def _c234():
    return b'abc'.upper(x=1)
T(_c234)
def _c235():
    return b'abc'.center()
T(_c235)
def _c236():
    return b'abc'.join()
T(_c236)
def _c237():
    return b'abc'.count(x=1)
T(_c237)
def _c238():
    return b'abc'.split(1, 2, 3)
T(_c238)
def _c239():
    return b'abc'.split(zz=1)
T(_c239)
def _c240():
    return b'abc'.translate()
T(_c240)
def _c241():
    return b'abc'.translate(zz=1)
T(_c241)
def _c242():
    return bytes.maketrans()
T(_c242)
def _c243():
    return bytes.fromhex()
T(_c243)
