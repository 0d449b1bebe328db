# super: the MRO walk in multiple inheritance, cooperative methods, the
# unbound and class forms, super as a descriptor, attributes and errors.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# a diamond: each class calls the next one in the MRO of the instance
class Root:
    def __init__(self, **kw):
        print('Root.__init__', sorted(kw))
        super().__init__()
    def who(self):
        return ['Root']

class Left(Root):
    def __init__(self, left=None, **kw):
        print('Left.__init__', left)
        super().__init__(**kw)
    def who(self):
        return ['Left'] + super().who()

class Right(Root):
    def __init__(self, right=None, **kw):
        print('Right.__init__', right)
        super().__init__(**kw)
    def who(self):
        return ['Right'] + super().who()

class Bottom(Left, Right):
    def __init__(self, **kw):
        print('Bottom.__init__')
        super().__init__(**kw)
    def who(self):
        return ['Bottom'] + super().who()

print([k.__name__ for k in Bottom.__mro__])
b = Bottom(left=1, right=2)
print(b.who())
print(super(Bottom, b).who(), super(Left, b).who(), super(Right, b).who())
print(super(Root, b).__init__ is not None)
show(lambda: super(Root, b).who)

# the next class is taken from the instance's MRO, not the class's bases
class X:
    def name(self):
        return 'X'
class Y(X):
    def name(self):
        return 'Y>' + super().name()
class Z(X):
    def name(self):
        return 'Z>' + super().name()
class W(Y, Z):
    pass
print(Y().name(), W().name())

# bound to a class: functions come back plain, classmethods bind the class
class A:
    def method(self):
        return 'A.method of ' + type(self).__name__
    @classmethod
    def cmethod(cls):
        return 'A.cmethod of ' + cls.__name__
    @staticmethod
    def smethod():
        return 'A.smethod'
    @property
    def prop(self):
        return 'A.prop of ' + type(self).__name__
    value = 10
class B(A):
    def method(self):
        return 'B.method'
    @classmethod
    def cmethod(cls):
        return 'B>' + super().cmethod()
b = B()
print(super(B, b).method(), super(B, B).method(b))
print(super(B, B).method.__name__, super(B, b).method.__self__ is b)
print(super(B, B).cmethod(), super(B, b).cmethod(), B.cmethod())
print(super(B, b).smethod(), super(B, b).prop, super(B, b).value)
print(type(super(B, B).prop).__name__)
show(lambda: super(B, b).missing)
show(lambda: super(A, b).method)
show(lambda: super(object, b).method)
print(super(bool, True).__hash__() == 1, super(int, 5).__format__(''))
show(lambda: super(int, 5).__add__)

# the super object's own attributes
s = super(B, b)
print(s.__class__ is super, type(s) is super)
print(s.__thisclass__ is B, s.__self__ is b, s.__self_class__ is B)
cs = super(B, B)
print(cs.__self__ is B, cs.__self_class__ is B)
u = super(B)
print(u.__thisclass__ is B, u.__self__, u.__self_class__)
show(lambda: setattr(s, '__thisclass__', A))
show(lambda: setattr(s, 'anything', 1))
show(lambda: u.method)
print(repr(s), repr(cs), repr(u), repr(super.__new__(super)))

# an unbound super binds through __get__
print(u.__get__(b).method(), u.__get__(None, B) is u, s.__get__(A()) is s)
show(lambda: u.__get__(5))
class HasSuper(A):
    sup = super(A)
h = HasSuper()
print(h.sup.__self__ is h, repr(HasSuper.sup))

# argument errors
show(lambda: super(B, 1))
show(lambda: super(1, b))
show(lambda: super(1))
show(lambda: super(B, b, 3))
show(lambda: super(B, obj=b))
show(lambda: super(B, A))
show(lambda: super(type, 1))
print(repr(super(B, None)))

# zero-argument super outside a method
def plain():
    return super()
show(plain)

# super() in class methods, static methods need the explicit form
class P:
    @classmethod
    def create(cls):
        return 'P.create(%s)' % cls.__name__
    def __repr__(self):
        return 'P instance'
class Q(P):
    @classmethod
    def create(cls):
        return 'Q>' + super().create()
    def __repr__(self):
        return 'Q over ' + super().__repr__()
    @staticmethod
    def helper(obj):
        return super(Q, obj).__repr__()
print(Q.create(), Q().create(), repr(Q()), Q.helper(Q()))

# super() works with a renamed first argument; a comprehension is a
# function of its own whose first argument is the iterator
class R(P):
    def __repr__(this):
        return 'R/' + super().__repr__()
    def many(self):
        return [super().__repr__() for _ in range(2)]
    def many_explicit(self):
        return [super(R, self).__repr__() for _ in range(2)]
print(repr(R()), R().many_explicit())
show(lambda: R().many())

# super() and __init_subclass__ / __new__
class Registry:
    names = []
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Registry.names.append(cls.__name__)
class One(Registry):
    pass
class Two(One):
    pass
print(Registry.names)

class Single:
    _instance = None
    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance
print(Single() is Single(), type(Single()).__name__)

# super with built-in bases
class MyList(list):
    def append(self, item):
        super().append(item * 2)
    def __len__(self):
        return super().__len__() + 100
ml = MyList()
ml.append(3)
print(ml, len(ml))
class MyDict(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)
md = MyDict()
md['a'] = 1
print(md)

# super() through a property setter
class Base:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, value):
        self._v = value
class Child(Base):
    @Base.v.setter
    def v(self, value):
        print('Child sets', value)
        Base.v.fset(self, value * 10)
c = Child()
c.v = 4
print(c.v, super(Child, c).v)

# subclasses of super
class LoudSuper(super):
    def __getattribute__(self, name):
        print('lookup', name)
        return super().__getattribute__(name)
class S1:
    def hi(self):
        return 'S1.hi'
class S2(S1):
    def hi(self):
        return 'S2>' + LoudSuper(S2, self).hi()
print(S2().hi())
print(repr(LoudSuper(S2)), type(LoudSuper(S2).__get__(S2())).__name__)
