# __index__, __int__, __float__, __complex__.
class Idx:
    def __init__(self, v): self.v = v
    def __index__(self):
        return self.v
i = Idx(5)
print(bin(i), oct(i), hex(i), [0, 1, 2, 3, 4, 5, 6][i], 'abcdefg'[Idx(1):i], range(i))
print(int(i), float(Idx(2)), complex(Idx(3)))
print((10).to_bytes(Idx(2), 'big'), [1, 2] * Idx(2), 'ab' * Idx(3))

class Int:
    def __int__(self): return 42
class Flt:
    def __float__(self): return 2.5
class Cpx:
    def __complex__(self): return 1 + 2j
print(int(Int()), float(Flt()), complex(Cpx()))
print(complex(Flt()), float(Idx(7)), complex(Idx(8)))

def show(fn):
    try:
        print(fn())
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
show(lambda: [1][Int()])
show(lambda: int(Flt()))
show(lambda: float(Int()))
show(lambda: float(Cpx()))
show(lambda: int(Cpx()))
show(lambda: hex(Int()))
show(lambda: 'ab' * Flt())

class BadIndex:
    def __index__(self): return 1.0
class BadInt:
    def __int__(self): return '1'
class BadFloat:
    def __float__(self): return 1
class BadComplex:
    def __complex__(self): return 1
show(lambda: [0, 1][BadIndex()])
show(lambda: int(BadInt()))
show(lambda: float(BadFloat()))
show(lambda: complex(BadComplex()))

# built-ins
print(int(3.99), int(-3.99), int(True), float(7), complex(1, 2), complex('3+4j'), complex(2.5))
print(int(' 12 '), float(' -1.5e3 '), float('inf'), float('-nan'), int('-0'), float('1_000.5'))
print((3).__index__(), True.__index__(), (2.5).__int__(), (3).__float__())
