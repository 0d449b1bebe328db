# int(), float(), operator.index() and subclasses going through __int__,
# __index__, __float__ and __trunc__.
import operator

def show(fn):
    try:
        r = fn()
        print(repr(r), type(r).__name__)
    except Exception as e:
        print(type(e).__name__ + ':', e)

class Idx:
    def __index__(self):
        return 7
class Flt:
    def __float__(self):
        return 2.5
class BadFlt:
    def __float__(self):
        return 5
class BadInt:
    def __int__(self):
        return 'a'
class BadIdx:
    def __index__(self):
        return 1.5
class MyInt(int):
    pass
class MyFloat(float):
    pass

show(lambda: int(Idx()))
show(lambda: float(Idx()))
show(lambda: operator.index(Idx()))
show(lambda: [10, 20, 30, 40, 50, 60, 70, 80][Idx()])
show(lambda: float(Flt()))
show(lambda: float(BadFlt()))
show(lambda: int(BadInt()))
show(lambda: operator.index(BadIdx()))
show(lambda: operator.index(True))
show(lambda: operator.index(MyInt(5)))
show(lambda: operator.index(2.5))
show(lambda: operator.index('3'))
show(lambda: int(MyInt(7)))
show(lambda: float(MyFloat(2.5)))
show(lambda: int(MyFloat(2.5)))
show(lambda: MyInt(5) + 1)
show(lambda: -MyInt(5))
show(lambda: +MyInt(5))
show(lambda: abs(MyInt(-5)))
show(lambda: MyInt('12', 3))
show(lambda: MyInt())
show(lambda: MyFloat('2.5'))
show(lambda: MyFloat() + 1)
show(lambda: MyFloat.fromhex('0x1p1'))
show(lambda: MyInt.from_bytes(b'\x05', 'big'))
show(lambda: (MyInt(3), MyFloat(1.5)))
show(lambda: MyInt(3) == 3)
show(lambda: hash(MyInt(-1)) == hash(-1))
show(lambda: MyInt(2 ** 100).bit_length())
show(lambda: True.__index__())
show(lambda: True.__int__())
show(lambda: True.__pos__())
show(lambda: (2.5).__int__())
show(lambda: (2.5).__float__())
show(lambda: (5).__float__())
show(lambda: float('  -1_000.5e-1_0 '))
show(lambda: float('١.٥'))
show(lambda: float('\u20001.5\u2000'))
show(lambda: float(b' 12 '))
show(lambda: float(bytearray(b'1e3')))
show(lambda: float([]))
show(lambda: float(1j))
show(lambda: float('1_'))
show(lambda: float('infinit'))
show(lambda: float(1, 2))
show(lambda: float(x=1))
show(lambda: int('  -0b_101  ', 0))
show(lambda: int(bytearray(b'  12  ')))
show(lambda: [int('9' * 20), int('-' + '9' * 30)])
show(lambda: [x.__round__() for x in (0.5, 1.5, 2.5, -0.5, -1.5)])
show(lambda: [round(x, 1) for x in (0.25, 0.35, 2.675, -0.05)])
show(lambda: [round(x, -1) for x in (15, 25, -15, 2 ** 70 + 5)])
show(lambda: [(2.5).__floor__(), (-2.5).__floor__(), (2.5).__ceil__(), (-2.5).__ceil__(), (-2.5).__trunc__()])
show(lambda: (1e300).__round__())
show(lambda: float('nan').__round__())
show(lambda: float('inf').__floor__())
class OwnInt(int):
    def __int__(self):
        return 42
    def __index__(self):
        return 43
    def __float__(self):
        return 4.5
show(lambda: (int(OwnInt(1)), operator.index(OwnInt(1)), float(OwnInt(1)), OwnInt(1) + 1))
class OwnFloat(float):
    def __float__(self):
        return 9.5
    def __int__(self):
        return 9
show(lambda: (float(OwnFloat(1.5)), int(OwnFloat(1.5)), OwnFloat(1.5) * 2))
