# str() and repr() of exceptions and of classes derived from them.
class MyError(Exception):
    pass

class Custom(ValueError):
    def __str__(self):
        return 'custom str'

class Quiet(Exception):
    def __init__(self, a, b):
        pass                       # args stay those given to __new__

class Partial(Exception):
    def __init__(self, a, b):
        super().__init__(a)

for e in [BaseException(), Exception(1), Exception('a', 'b'), Exception(Exception('inner')),
          Exception(('t',)), Exception(['l']), Exception(''), Exception(None),
          KeyError(''), KeyError(None), KeyError('k', 'v'), KeyError(('t',)), KeyError(),
          MyError('mine'), Custom('shown?'), Quiet(1, 2), Partial(1, 2),
          IndexError('index out of range'), StopIteration(), GeneratorExit(),
          ArithmeticError(1.5), UnicodeError('u', 2)]:
    print(type(e).__name__, '|', repr(e), '|', str(e), '|', e.args)

# the class name in repr comes from the class, not the module
MyError.__name__ = 'Renamed'
print(repr(MyError('x')))

# args given to __new__ directly
q = BaseException.__new__(ValueError, 1, 2)
print(repr(q), q.args)
q.__init__(3)
print(repr(q))
try:
    ValueError.__init__(q, x=1)
except TypeError as err:
    print(type(err).__name__, err)

# no keyword arguments for the plain classes
for cls in [Exception, KeyError, ValueError, OSError, SyntaxError, StopIteration, SystemExit]:
    try:
        cls(1, kw=2)
    except TypeError as err:
        print(type(err).__name__, err)
