# range: big values, slicing, membership of non-ints, equality and hashing.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

show(lambda: range())
show(lambda: range(1, 2, 3, 4))
show(lambda: range(x=1))
show(lambda: range(1, 1.5))
show(lambda: range(1, 2, 1.5))
show(lambda: range(0, 10, 0))
show(lambda: range(5).index('a'))
show(lambda: range(5).index(2.0))
show(lambda: range(5).count(2.0))
show(lambda: range(5).count(2))
show(lambda: range(5).count(7))
show(lambda: range(5)['a'])
show(lambda: range(5)['a':])
show(lambda: range(5)[::0])
show(lambda: range(3)[10 ** 20])
show(lambda: range(5)[True])
show(lambda: range(5)[-6])
show(lambda: range(10 ** 20)[-10 ** 20])
show(lambda: range(10 ** 20)[-10 ** 20 - 1])
show(lambda: range(10)[2:8:2])
show(lambda: range(10)[::-1])
show(lambda: range(10)[::10 ** 30])
show(lambda: range(0, 10 ** 30, 7)[10 ** 25::3])
show(lambda: range(0, -10 ** 20, -3)[5::-2])
show(lambda: range(5) < range(6))
show(lambda: range(1, 2) == range(1, 5, 5))
show(lambda: range(1, 2).__eq__(5))
show(lambda: range(0, 3, 2) == range(0, 4, 2))
show(lambda: range(0) == range(3, 1, 7))
show(lambda: len(range(10 ** 20)))
show(lambda: range(10 ** 20).__len__())
show(lambda: bool(range(10 ** 20)))
show(lambda: range(2 ** 63 - 3, 2 ** 63)[-1])
show(lambda: range(3).__reduce__())
show(lambda: range(True, 5).start.__class__)
class SI(int):
    pass
show(lambda: range(SI(3)).stop.__class__)
show(lambda: range(5).index(SI(3)))
show(lambda: SI(3) in range(5))
class I:
    def __index__(self):
        return 2
    def __eq__(self, other):
        return other == 2
    __hash__ = None
show(lambda: range(I()))
show(lambda: I() in range(5))
show(lambda: range(5).index(I()))
show(lambda: range(5).count(I()))
show(lambda: range(5)[I()])
print(hash(range(0)) == hash(range(5, 5)), hash(range(3, 4)) == hash(range(3, 5, 9)), hash(range(1, 9, 2)) == hash(range(1, 10, 2)))
print(hash(range(0)) == hash((0, None, None)), hash(range(3, 4)) == hash((1, 3, None)), hash(range(3, 9, 2)) == hash((3, 3, 2)))
print(10 ** 19 + 1 in range(1, 10 ** 20, 2), 10 ** 19 in range(1, 10 ** 20, 2), -5 in range(0, -10, -5), -10 in range(0, -10, -5))
print(range(10 ** 20).index(10 ** 19), range(-10, 10 ** 25, 10 ** 5).index(10 ** 20 - 10))
def set_start():
    r = range(3)
    r.start = 4
show(set_start)
print(list(range(3, 30, 7)), list(reversed(range(3, 30, 7))), list(reversed(range(0))), range(-3))
