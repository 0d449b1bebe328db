# __length_hint__, __reduce__ and __setstate__ of the built-in iterators,
# reversed() and iter() on sequence-protocol objects.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

it = iter([1, 2, 3])
next(it)
print(it.__length_hint__(), it.__reduce__())
it.__setstate__(10)
print(it.__length_hint__(), list(it), it.__reduce__(), it.__length_hint__())
show(lambda: iter([]).__setstate__('a'))
show(lambda: iter([]).__setstate__(1.5))
show(lambda: iter([]).__setstate__(10 ** 20))
show(lambda: iter([]).__setstate__())
show(lambda: iter([]).__length_hint__(1))
it = iter((1, 2))
print(it.__reduce__(), list(it), it.__reduce__())
r = reversed([1, 2, 3])
print(r.__length_hint__(), r.__reduce__(), next(r))
r.__setstate__(-5)
print(r.__length_hint__(), list(r), r.__reduce__())
r = reversed([1, 2, 3])
r.__setstate__(99)
print(list(r))
ri = iter(range(5))
next(ri)
print(ri.__length_hint__(), ri.__reduce__())
ri.__setstate__(10)
print(ri.__reduce__(), list(ri))
show(lambda: iter(range(3)).__setstate__(1.5))
print(reversed(range(5)).__reduce__(), iter(range(3, 1)).__reduce__())
big = iter(range(10 ** 20))
print(big.__length_hint__(), next(big), big.__reduce__())
big.__setstate__(10 ** 30)
print(big.__reduce__(), list(big))
big.__setstate__(-5)
print(big.__reduce__(), next(big))
print(reversed(range(10 ** 20)).__reduce__(), next(reversed(range(10 ** 20))))
print(list(range(-2 ** 63, -2 ** 63 + 3)), list(reversed(range(-2 ** 63, -2 ** 63 + 3))), list(reversed(range(2 ** 63 - 3, 2 ** 63))))
print(enumerate('ab', 2).__reduce__()[1][1], enumerate('a', 10 ** 30).__reduce__()[1][1])
print(list(enumerate('abc', 2 ** 63 - 2)))
print(zip('a', 'b').__reduce__()[0], len(zip('a', 'b').__reduce__()), zip('a', 'b', strict=True).__reduce__()[2])
z = zip('ab', 'a')
z.__setstate__(True)
show(lambda: list(z))
print(map(len, 'a').__reduce__()[0], filter(None, 'a').__reduce__()[1][0])
rs = reversed('abc')
print(rs.__reduce__(), rs.__length_hint__(), next(rs), list(rs), rs.__reduce__(), rs.__length_hint__())
def tick(c=[0]):
    c[0] += 1
    return c[0]
ci = iter(tick, 3)
print(type(ci).__name__, list(ci), ci.__reduce__()[1])
class Seq:
    def __getitem__(self, i):
        if i > 3:
            raise IndexError(i)
        return i * 10
si = iter(Seq())
print(type(si).__name__, si.__length_hint__(), next(si), list(si), si.__reduce__()[1])
show(lambda: reversed(Seq()))
class SeqLen(Seq):
    def __len__(self):
        return 4
print(list(reversed(SeqLen())), iter(SeqLen()).__length_hint__(), type(reversed(SeqLen())).__name__)
class StopSeq:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i
print(list(StopSeq()), list(iter(StopSeq())))
class NotRev(SeqLen):
    __reversed__ = None
show(lambda: reversed(NotRev()))
show(lambda: reversed({1, 2}))
show(lambda: reversed())
show(lambda: reversed(1, 2))
show(lambda: reversed(x=2))
class OwnRev:
    def __reversed__(self):
        return 'own'
print(reversed(OwnRev()))
show(lambda: enumerate())
show(lambda: enumerate(start=1))
show(lambda: enumerate('a', iterable='b'))
show(lambda: enumerate('a', 1, start=2))
show(lambda: enumerate(x=1))
show(lambda: list(enumerate(iterable='ab', start=3)))
show(lambda: enumerate(5, 'b'))
show(lambda: zip('a', other=2))
show(lambda: zip(1, 2))
show(lambda: list(zip('ab', 'a', strict=[])))
show(lambda: map(len, 'a', x=1))
show(lambda: filter(None, 'a', 'b'))
show(lambda: filter(None, 'a', x=1))
class E(enumerate):
    pass
class M(map):
    pass
class F(filter):
    pass
class Z(zip):
    pass
class R(reversed):
    pass
print(list(E('ab', 1)), list(M(str, [1])), list(F(None, [0, 1])), list(Z('a', 'b', strict=True)), list(R('ab')))
show(lambda: E('ab', x=1))
show(lambda: M(len, 'a', x=1))
show(lambda: R('ab', x=1))
print(list(filter(bool, [0, 1, 2])), list(map(lambda *a: sum(a), [1, 2], [3, 4], [5, 6])))
