# iter() with one and two arguments, next() with and without a default.
it = iter([1, 2])
print(next(it), next(it), next(it, 'done'), next(it, None))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', e.args)
def g():
    yield 1
    return 'returned'
gi = g()
print(next(gi))
try:
    next(gi)
except StopIteration as e:
    print('StopIteration', e.value, e.args)
gi = g()
print(next(gi), next(gi, 'default'), next(gi, 'again'))
for bad in (5, [1], 'abc', None):
    try:
        next(bad)
    except TypeError as e:
        print(type(e).__name__ + ':', e)
class Raiser:
    def __iter__(self):
        return self
    def __next__(self):
        raise ValueError('from __next__')
try:
    next(Raiser(), 'default')
except ValueError as e:
    print(type(e).__name__ + ':', e)
class Stopper:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration('custom')
print(next(Stopper(), 'default used'))
try:
    next(Stopper())
except StopIteration as e:
    print('StopIteration', e.args)
# iter(callable, sentinel)
count = 0
def counter():
    global count
    count += 1
    return count
ci = iter(counter, 4)
print(type(ci).__name__, list(ci), count, list(ci))
print(list(iter([5, 6, 7, None, 8].pop, 6)))
for args in ((1, 2), (None, None)):
    try:
        iter(*args)
    except TypeError as e:
        print(type(e).__name__ + ':', e)
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__ + ':', e)
class OldSeq:
    def __getitem__(self, i):
        if i < 3:
            return i * 10
        raise IndexError(i)
print(list(iter(OldSeq())), type(iter(OldSeq())).__name__, iter(it) is it)
# aiter / anext: the awaitables are driven by hand
class AIter:
    def __init__(self):
        self.n = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        self.n += 1
        if self.n > 2:
            raise StopAsyncIteration
        return self.n
ai = AIter()
print(aiter(ai) is ai)
def drive(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return ('value', e.value)
    except StopAsyncIteration:
        return ('StopAsyncIteration',)
print(drive(anext(ai)), drive(anext(ai)), drive(anext(ai)))
for fn in (lambda: aiter(5), lambda: anext(5), lambda: anext([]), lambda: aiter(type('NoNext', (), {'__aiter__': lambda self: 1})())):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
async def agen():
    yield 'first'
ag = agen()
print(aiter(ag) is ag, drive(anext(ag)), drive(anext(ag)))
