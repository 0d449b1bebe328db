# Special methods added, replaced or removed after class creation take effect.
class C:
    pass
c = C()
try:
    len(c)
except TypeError as e:
    print(type(e).__name__, e)
C.__len__ = lambda self: 42
print(len(c), bool(c))
C.__len__ = lambda self: 0
print(len(c), bool(c))
del C.__len__
try:
    len(c)
except TypeError as e:
    print(type(e).__name__, e)

C.__add__ = lambda self, o: 'added'
C.__iter__ = lambda self: iter('xy')
C.__getitem__ = lambda self, k: ('item', k)
C.__call__ = lambda self, *a: ('called', a)
C.__repr__ = lambda self: 'C!'
C.__eq__ = lambda self, o: True
print(c + 1, list(c), c[5], c(1, 2), repr(c), c == 0, str(c))
try:
    hash(c)   # __eq__ added later: __hash__ is not reset
    print('still hashable')
except TypeError as e:
    print(type(e).__name__, e)

# changes to a base class are seen by subclasses
class Base:
    pass
class Child(Base):
    pass
ch = Child()
Base.__neg__ = lambda self: 'negated via Base'
print(-ch)
Child.__neg__ = lambda self: 'negated via Child'
print(-ch)
del Child.__neg__
print(-ch)

# a special method set on the instance is ignored
c2 = Base()
c2.__len__ = lambda: 7
try:
    len(c2)
except TypeError as e:
    print(type(e).__name__, e)
print(c2.__len__())

# __bool__ set to None
Base.__bool__ = None
try:
    bool(ch)
except TypeError as e:
    print(type(e).__name__, e)
del Base.__bool__
print(bool(ch))

# assigning a special method on the metaclass affects classes
class Meta(type):
    pass
class WithMeta(metaclass=Meta):
    pass
Meta.__len__ = lambda cls: 99
print(len(WithMeta))
Meta.__getitem__ = lambda cls, k: f'{cls.__name__}[{k}]'
print(WithMeta[3])
