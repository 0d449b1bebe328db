# Constructors, operators, slots and bytearray mutation errors.
def T(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
T(lambda: bytes(-1))
T(lambda: bytes('a'))
T(lambda: bytes('a', errors='strict'))
T(lambda: bytes(1, 'utf-8'))
T(lambda: bytes(b'a', 'utf-8'))
T(lambda: bytes(encoding='utf-8'))
T(lambda: bytes(x=1))
T(lambda: bytes(1,2,3,4))
T(lambda: bytes(1.5))
T(lambda: bytes([1.5]))
T(lambda: bytes([-1]))
T(lambda: bytes(None))
T(lambda: bytes(10**20))
T(lambda: bytes('\udc80', 'utf-8'))
T(lambda: bytes('\xe9', 'ascii'))
T(lambda: bytes('\u1234', 'latin-1'))
T(lambda: bytes('\u1234', 'latin-1', 'xmlcharrefreplace'))
T(lambda: bytes('\u1234', 'utf-16'))
T(lambda: bytes('é', 'UTF8'))
T(lambda: bytearray(-1))
T(lambda: bytearray('a'))
T(lambda: bytearray(1, 'utf-8'))
T(lambda: bytearray(x=1))
T(lambda: bytearray(1.5))
T(lambda: bytearray([300]))
T(lambda: bytes.__new__(int))
T(lambda: b'a' * 'x')
T(lambda: b'a' * -1)
T(lambda: b'a' * 2**62)
T(lambda: 3 * b'ab')
T(lambda: b'a' < 'a')
T(lambda: b'a' < bytearray(b'b'))
T(lambda: b'a' == memoryview(b'a'))
T(lambda: memoryview(b'a') == b'a')
T(lambda: bytearray(b'a')[5])
T(lambda: bytearray(b'a')['x'])
T(lambda: 'a' in b'abc')
T(lambda: 300 in b'abc')
T(lambda: 1.0 in b'abc')
T(lambda: bytearray(b'a') + 'x')
T(lambda: bytearray(b'a') + 1)
T(lambda: 1 + b'a')
T(lambda: b'a' + 1)
T(lambda: hash(b''))
T(lambda: hash(b'abc') == hash('abc'))
T(lambda: b'abc'.__getnewargs__())
T(lambda: b'abc'.__sizeof__())
T(lambda: bytearray(b'abc').__sizeof__())
T(lambda: bytearray().__sizeof__())
T(lambda: bytearray(b'abc').__alloc__())
T(lambda: bytearray().__alloc__())
T(lambda: bytearray(b'x').pop(5))
T(lambda: bytearray(b'x').pop(2**70))
T(lambda: bytearray(b'x').insert(2**70, 1))
T(lambda: bytearray(b'x').insert(1, 'a'))
T(lambda: bytearray(b'x').append('a'))
T(lambda: bytearray(b'x').extend(1))
T(lambda: bytearray(b'x').extend('ab'))
T(lambda: bytearray(b'x').extend([1, 'a']))
T(lambda: bytearray(b'x').remove(300))
T(lambda: bytearray(b'x').__delitem__(3))
T(lambda: bytearray(b'abc').__setitem__(slice(0,3,2), b'x'))
T(lambda: bytearray(b'abc').__setitem__(slice(0,3), 5))
T(lambda: bytearray(b'abc').__setitem__(slice(0,3), 'ab'))
T(lambda: bytearray(b'abc').__setitem__(0, 'a'))
T(lambda: bytearray(b'abc').__setitem__('x', 1))
T(lambda: bytearray(b'abc').__setitem__(9, 1))
T(lambda: bytearray(b'abc').__delitem__(slice(None,None,-1)))

T(lambda: bytearray().pop())
T(lambda: bytearray(b'a').pop(1))
T(lambda: bytearray(b'a').pop(-2))
T(lambda: bytearray(b'a').pop('x'))
T(lambda: bytearray(b'a').extend(None))
T(lambda: bytearray(b'a').extend(x for x in [1,2]))
T(lambda: bytearray(b'a').extend([256]))
T(lambda: bytearray(b'a').extend(memoryview(b'q')))
class HB:
    def __bytes__(self): return b'x'
T(lambda: bytearray(HB()))
T(lambda: bytearray(b'abc').__init__(b'q'))
T(lambda: bytearray(b'a') == 'a')
T(lambda: bytearray(b'a') < 'a')
T(lambda: bytearray(b'a') + memoryview(b'b'))
T(lambda: bytearray(b'a') * 'x')
T(lambda: bytearray(b'ab') % ())
T(lambda: bytearray(b'a').__iadd__(1))
T(lambda: bytearray(b'a').__imul__('x'))
def f():
    b = bytearray(b'abcdef'); del b[::2]; return b
T(f)
def f():
    b = bytearray(b'abcdef'); b[4:1] = b'XY'; return b
T(f)
def f():
    b = bytearray(b'abcdef'); b[::-2] = b'XYZ'; return b
T(f)
def f():
    b = bytearray(b'abcdef'); b[1:3] = b; return b
T(f)
def f():
    b = bytearray(b'abcdef'); b[1:3] = None; return b
T(f)
def f():
    b = bytearray(b'abcdef'); b[1:3] = range(3); return b
T(f)
def f():
    b = bytearray(b'abcdef'); b[-10] = 1; return b
T(f)
def f():
    b = bytearray(b'abcdef'); b += memoryview(b'zz'); b *= 2; return b
T(f)
def f():
    b = bytearray(b'abc'); b.insert(-10, 65); b.insert(100, 66); return b
T(f)
T(lambda: bytearray(b'abc').__alloc__())
def f():
    b = bytearray(); r=[]
    for i in range(20): b.append(1); r.append(b.__alloc__())
    return r
T(f)
def f():
    b = bytearray(b'x'*100); r=[]
    for i in range(10): b.pop(); r.append(b.__alloc__())
    del b[10:]; r.append(b.__alloc__())
    return r
T(f)
T(lambda: bytearray(b'abc') is bytearray(b'abc').copy())
T(lambda: bytearray(b'a').__reduce__())
T(lambda: bytearray(b'a').__reduce_ex__(2))
T(lambda: bytearray(b'abc').__iter__().__length_hint__())
