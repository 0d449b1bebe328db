# Augmented assignment: __iadd__ first, then __add__ / __radd__.
class Acc:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        print('__iadd__')
        self.v += o
        return self
    def __add__(self, o):
        print('__add__')
        return Acc(self.v + o)
    def __repr__(self):
        return f'Acc({self.v})'

class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        print('OnlyAdd.__add__')
        return OnlyAdd(self.v + o)

class NotImplIAdd:
    def __iadd__(self, o):
        print('__iadd__ returns NotImplemented')
        return NotImplemented
    def __add__(self, o):
        print('falls back to __add__')
        return 'added'

a = Acc(1)
alias = a
a += 5
print(a, alias, a is alias)
b = OnlyAdd(1)
old = b
b += 2
print(b.v, b is old)
c = NotImplIAdd()
c += 1
print(c)

class R:
    def __radd__(self, o):
        print('__radd__ with', o)
        return 'radd result'
x = 10
x += R()
print(x)

# lists mutate in place, tuples rebind
lst = [1]
ref = lst
lst += [2]
print(ref, ref is lst)
t = (1,)
tref = t
t += (2,)
print(tref, t)

# the classic: += on a list inside a tuple mutates and then fails
tup = ([1],)
try:
    tup[0] += [2]
except TypeError as e:
    print(type(e).__name__, e, tup)

# every augmented operator
n = 17
for op in ['+=', '-=', '*=', '/=', '//=', '%=', '**=', '<<=', '>>=', '&=', '|=', '^=']:
    ns = {'n': 17}
    exec(f'n {op} 3', ns)
    print(op, ns['n'])
m = [[1, 2], [3, 4]]

# targets are evaluated once
class Counter:
    def __init__(self):
        self.hits = 0
        self.data = {'k': 1}
    def get(self):
        self.hits += 1
        return self.data
ct = Counter()
ct.get()['k'] += 10
print(ct.hits, ct.data)
s = 'ab'
s *= 3
print(s)
try:
    undefined_thing += 1
except NameError as e:
    print(type(e).__name__, e)
try:
    y = None
    y += 1
except TypeError as e:
    print(type(e).__name__, e)
