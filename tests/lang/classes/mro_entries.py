# __mro_entries__ lets non-classes appear in a class's bases (PEP 560).
class Real:
    def hello(self):
        return 'hello from Real'

class Proxy:
    def __mro_entries__(self, bases):
        print('__mro_entries__ called with', [type(b).__name__ for b in bases])
        return (Real,)

p = Proxy()
class User(p):
    pass
print(User.__bases__, User().hello())
print(User.__orig_bases__[0] is p)

class Other:
    pass
class Multi(Other, p):
    pass
print([b.__name__ for b in Multi.__bases__])

# returning an empty tuple removes the base
class Vanish:
    def __mro_entries__(self, bases):
        return ()
class Alone(Vanish()):
    pass
print(Alone.__bases__)

# must return a tuple
class BadEntries:
    def __mro_entries__(self, bases):
        return Real
try:
    class Fails(BadEntries()):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# without __mro_entries__, a non-class base is an error
try:
    class NotClass(5):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# type() does not call __mro_entries__
try:
    type('T', (p,), {})
except TypeError as e:
    print(type(e).__name__, e)
# generic aliases use it
class IntList(list[int]):
    pass
print(IntList.__bases__, IntList.__orig_bases__)
print('__orig_bases__' in Other.__dict__)
