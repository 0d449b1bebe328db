# The iteration protocols: __iter__/__next__, the __getitem__ fallback, iter(f, sentinel).
class Range3:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= 3:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Range3()), [x * 2 for x in Range3()], sum(Range3()), tuple(Range3()))

class Seq:
    def __getitem__(self, i):
        print('getitem', i)
        if i >= 3:
            raise IndexError
        return i * 10
print(list(Seq()))
it = iter(Seq())
print(type(it).__name__, next(it))
print(20 in Seq())

# iter(callable, sentinel)
vals = iter([5, 4, 3, 0, 1])
print(list(iter(lambda: next(vals), 0)))
print(type(iter(int, 1)).__name__)

# errors
class NotIter:
    pass
class BadIter:
    def __iter__(self):
        return 5
class NoneIter:
    __iter__ = None
    def __getitem__(self, i):
        return i
for obj in (NotIter(), BadIter(), NoneIter(), 5, None):
    try:
        iter(obj)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    for x in NotIter():
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(5, 0)
except TypeError as e:
    print(type(e).__name__, e)

# an iterator that raises something other than StopIteration
class Faulty:
    def __iter__(self): return self
    def __next__(self): raise KeyError('inside')
try:
    list(Faulty())
except KeyError as e:
    print('propagated', e)

# StopIteration stops a for loop even with a value
class WithValue:
    def __iter__(self): return self
    def __next__(self): raise StopIteration('ignored')
print(list(WithValue()))

# exhausted built-in iterators stay exhausted
li = iter([1, 2])
print(list(li), list(li), next(li, 'empty'))
# __reversed__ and the sequence fallback for reversed()
class Rev:
    def __reversed__(self):
        return iter('cba')
class SeqRev:
    def __len__(self): return 3
    def __getitem__(self, i): return i
print(list(reversed(Rev())), list(reversed(SeqRev())))
try:
    reversed(Range3())
except TypeError as e:
    print(type(e).__name__, e)
