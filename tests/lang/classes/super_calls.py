# super(): zero-argument and explicit forms, cooperative inheritance.
class Base:
    def __init__(self):
        print('Base.__init__')
    def hello(self):
        return 'Base'

class A(Base):
    def __init__(self):
        print('A.__init__')
        super().__init__()
    def hello(self):
        return 'A>' + super().hello()

class B(Base):
    def __init__(self):
        print('B.__init__')
        super().__init__()
    def hello(self):
        return 'B>' + super().hello()

class C(A, B):
    def __init__(self):
        print('C.__init__')
        super().__init__()
    def hello(self):
        return 'C>' + super().hello()

c = C()
print(c.hello())
print(super(A, c).hello(), super(B, c).hello(), super(C, c).hello())

# classmethods and staticmethods
class P:
    @classmethod
    def make(cls):
        return 'P.make for ' + cls.__name__
class Q(P):
    @classmethod
    def make(cls):
        return 'Q>' + super().make()
print(Q.make(), Q().make())

# super with a type as second argument (unbound access)
print(super(Q, Q).make())
print(super(C, C).hello(c))

# super objects
s = super(C, c)
print(type(s).__name__, s.__thisclass__.__name__, s.__self_class__.__name__, s.__self__ is c)

# errors
def no_class():
    return super()
try:
    no_class()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    super(A, 5)
except TypeError as e:
    print(type(e).__name__, e)
class Q2(P):
    def m(self):
        return super().missing
try:
    Q2().m()
except AttributeError as e:
    print(type(e).__name__, e)

# super in a nested function needs the explicit form
class N(Base):
    def hello(self):
        def inner():
            return super(N, self).hello()
        return 'N>' + inner()
print(N().hello())

# super() uses the first argument of the method, even if renamed
class R(Base):
    def hello(this):
        return 'R>' + super().hello()
print(R().hello())

# super().__setattr__ and properties through super
class Prop:
    @property
    def value(self):
        return 'prop from Prop'
class Child(Prop):
    @property
    def value(self):
        return 'child + ' + super().value
print(Child().value)
