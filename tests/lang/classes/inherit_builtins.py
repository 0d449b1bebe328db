# Subclassing built-in types.
class MyList(list):
    def sum(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.sum(), type(ml).__name__, type(ml + ml).__name__, type(ml[:2]).__name__)

class MyDict(dict):
    def __getitem__(self, k):
        return super().__getitem__(k.lower())
md = MyDict(a=1)
print(md['A'], md.get('A'), dict(md))

class Celsius(float):
    def __new__(cls, value):
        return super().__new__(cls, round(value, 1))
    def __repr__(self):
        return f'{float(self)}C'
t = Celsius(21.456)
print(t, t + 1, type(t + 1).__name__, isinstance(t, float))

class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
u = Upper('shout')
print(u, len(u), u.lower(), type(u.lower()).__name__, u == 'SHOUT')

class Positive(int):
    def __new__(cls, v):
        if v <= 0:
            raise ValueError('must be positive')
        return super().__new__(cls, v)
print(Positive(5) + 1, type(Positive(5) * 2).__name__)
try:
    Positive(-1)
except ValueError as e:
    print(type(e).__name__, e)

class Flag(int):
    def __repr__(self):
        return 'Flag(%d)' % self
print(repr(Flag(3)), str(Flag(3)), f'{Flag(3)}', Flag(3) == 3, hash(Flag(3)) == hash(3))

class T(tuple):
    @property
    def first(self):
        return self[0]
tt = T((9, 8))
print(tt, tt.first, type(tt).__name__)

class S(set):
    pass
print(sorted(S([3, 1]) | {2}), type(S([1]) | {2}).__name__)

# bool cannot be subclassed
try:
    class B(bool):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# instances of subclasses can have attributes
ml.note = 'hi'
print(ml.note)
class E(Exception):
    pass
print(E.__mro__[1].__name__)
