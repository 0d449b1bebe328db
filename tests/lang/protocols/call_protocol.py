# __call__ and callable().
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *rest, **kw):
        return self.n + x + sum(rest) + sum(kw.values())
add5 = Adder(5)
print(add5(1), add5(1, 2, 3, k=10), callable(add5), callable(Adder))
print(list(map(add5, [1, 2])))

class NotCallable:
    pass
for obj in (NotCallable(), 5, 'str', [1], None):
    print(type(obj).__name__, callable(obj), end='; ')
    try:
        obj()
    except TypeError as e:
        print(type(e).__name__, e)

# __call__ is looked up on the type
nc = NotCallable()
nc.__call__ = lambda: 'instance attribute'
print(callable(nc))
try:
    nc()
except TypeError as e:
    print(type(e).__name__, e)

# callables of every kind
import sys
kinds = [len, print, int, type, lambda: 0, Adder.__call__, add5.__call__, [].append,
         str.upper, classmethod, object.__init__, sys.getrecursionlimit]
print([callable(k) for k in kinds])

# __call__ can itself be any callable
class Indirect:
    __call__ = Adder(100)
print(Indirect()(1))

# a class is called through its metaclass
class Meta(type):
    def __call__(cls, *a):
        return f'Meta intercepted {cls.__name__}{a}'
class M(metaclass=Meta):
    pass
print(M(1, 2))

# recursion through __call__
class Fact:
    def __call__(self, n):
        return 1 if n <= 1 else n * self(n - 1)
print(Fact()(10))
