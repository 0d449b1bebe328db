# Messages of list and tuple methods and operators.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

show(lambda: [].append())
show(lambda: [].copy(1))
show(lambda: [].insert(1))
show(lambda: [].pop(1, 2))
show(lambda: [].pop())
show(lambda: [1].pop(-2))
show(lambda: [1].pop(10 ** 20))
show(lambda: [1].insert(10 ** 20, 1))
show(lambda: [].index())
show(lambda: [].index(1, 2, 3, 4))
show(lambda: [1, 2].index(5))
show(lambda: [1, 2].index('x'))
show(lambda: [1, 2, 3].index(2, -1))
show(lambda: [1, 2, 3].index(2, -10 ** 30, 10 ** 30))
show(lambda: [1, 2, 3].index(2, None))
show(lambda: [1, 2, 3].index(3, 0, -1))
show(lambda: ().index())
show(lambda: (1, 2).index(5))
show(lambda: (1, 2, 1).index(1, 1))
show(lambda: (1, 2).index(1, 'a'))
show(lambda: ().count())
show(lambda: [].count())
show(lambda: [].remove())
show(lambda: [1].remove(2))
show(lambda: [].extend())
show(lambda: [].extend(5))
show(lambda: [].sort(1))
show(lambda: [].sort(cmp=None))
show(lambda: [].sort(key=len, cmp=None))
show(lambda: [].sort(reverse=None))
show(lambda: [].sort(reverse=1.5))
show(lambda: [].sort(reverse=10 ** 20))
show(lambda: [2, 1].sort(key=None, reverse=2))
show(lambda: list(1, 2))
show(lambda: list(x=1))
show(lambda: tuple(1, 2))
show(lambda: tuple(x=1))
show(lambda: list.__new__(list, 1, 2))
show(lambda: [1] * [2])
show(lambda: 1.5 * [2])
show(lambda: [1] + (1,))
show(lambda: (1,) + [1])
show(lambda: (1,) * 'a')
show(lambda: 'a' * (1,))
show(lambda: [1] * (10 ** 20))
show(lambda: [1] < (1,))
show(lambda: (1,) >= [1])
show(lambda: [1, 2] * -1)
show(lambda: (1, 2) * 0)
show(lambda: (1, 2).__getnewargs__())
show(lambda: [1, [2]] == [1, [2]])
show(lambda: [1, 2] != [1, 2, 3])
show(lambda: (1, 2) <= (1, 2))
show(lambda: (1, 'a') < (1, 2))
nan = float('nan')
show(lambda: [nan] == [nan])
show(lambda: (nan,) == (nan,))
show(lambda: nan in [nan])
show(lambda: [1, 2].count(1.0))
l = [1, 2]
l *= 0
print(l)
l = [1, 2]
l *= 3
print(l)
def f():
    m = [1]
    m *= 'a'
show(f)
def g():
    m = [1]
    m += 5
show(g)
class X:
    def __radd__(self, o):
        return 'radd'
    def __rmul__(self, o):
        return 'rmul'
l = []
l += X()
print(l)
l = []
l *= X()
print(l)
print([] + X(), [] * X(), () + X(), () * X())
class T(tuple):
    pass
show(lambda: T([1, 2]))
show(lambda: T([1, 2], x=1))
show(lambda: type(T([1])[:]).__name__)
show(lambda: type(T([1]) + ()).__name__)
show(lambda: type(T([1]) * 1).__name__)
show(lambda: T([1]).__getnewargs__())
class L(list):
    def __init__(self, *a, **k):
        super().__init__(*a)
show(lambda: L([1], x=1))
show(lambda: list.__init__([], [], []))
m = [5, 6]
list.__init__(m, 'ab')
print(m)
list.__init__(m)
print(m)
t1 = (1, 2)
print(t1 * 1 is t1, t1[:] is t1, tuple(t1) is t1, t1 + () is t1)
class LI(list):
    def __iter__(self):
        return iter([9])
li = LI([1, 2])
m = [0]
m.extend(li)
m[1:1] = li
print(m, list(li), tuple(li), [0] + li, li + [0], li * 2, len(li), li[:], [x for x in li])
m += li
print(m)
