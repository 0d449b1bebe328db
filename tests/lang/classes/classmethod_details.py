# classmethod and staticmethod objects: binding, chaining through another
# descriptor, the attributes copied from the function, errors.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


def f(x, y=0):
    "f doc"
    return ('f', x, y)
f.extra = 'not copied'

cm = classmethod(f)
sm = staticmethod(f)
for w in (cm, sm):
    print(type(w).__name__, w.__func__ is f, w.__wrapped__ is f)
    print(sorted(w.__dict__), w.__doc__, w.__name__, w.__qualname__, w.__module__)
    show(lambda: w.extra)
    print(repr(w).startswith('<%s(<function f at 0x' % type(w).__name__), repr(w).endswith('>)>'))

# attributes copied from a built-in function (it has no __annotations__)
print(sorted(classmethod(len).__dict__), staticmethod(len).__name__)
print(repr(classmethod(len)), repr(staticmethod(len)))

# binding: a classmethod gets the class, from the class or an instance
class A:
    pass
class B(A):
    pass
print(cm.__get__(None, A)(1), cm.__get__(B())(2), cm.__get__(B(), A)(3))
bound = cm.__get__(None, B)
print(type(bound).__name__, bound.__self__ is B, bound.__func__ is f)
print(sm.__get__(None, A) is f, sm.__get__(A()) is f)
print(classmethod(1).__get__(None, A).__self__ is A, classmethod(1).__get__(1).__self__ is int)

# staticmethod objects are callable themselves
print(sm(1), sm(1, y=2), sm(x=3))
show(lambda: sm())
show(lambda: staticmethod(1)())
show(lambda: cm(1))

# classmethod chains to the wrapped object's __get__ with the class
class Recorder:
    def __get__(self, obj, objtype=None):
        return ('Recorder.__get__', obj, objtype)
show(lambda: classmethod(Recorder()).__get__(None, A))
show(lambda: classmethod(Recorder()).__get__(B()))
class M:
    @classmethod
    @property
    def kind(cls):
        return 'kind of ' + cls.__name__
class N(M):
    pass
print(M.kind, N.kind, N().kind)

# constructor errors
show(lambda: classmethod())
show(lambda: classmethod(1, 2))
show(lambda: classmethod(f=1))
show(lambda: staticmethod())
show(lambda: staticmethod(1, 2))
show(lambda: staticmethod(x=1))

# objects made by __new__ alone are not initialised yet
raw_cm = classmethod.__new__(classmethod)
raw_sm = staticmethod.__new__(staticmethod)
print(repr(raw_cm), repr(raw_sm), raw_cm.__func__, raw_sm.__dict__)
show(lambda: raw_cm.__get__(1))
show(lambda: raw_sm.__get__(1))
raw_cm.__init__(f)
print(raw_cm.__func__ is f, raw_cm.__get__(None, A)(9))

# read-only and writable attributes
show(lambda: setattr(cm, '__func__', 1))
show(lambda: setattr(sm, '__wrapped__', 1))
show(lambda: setattr(cm, '__isabstractmethod__', True))
cm2 = classmethod(f)
cm2.note = 'set'
print(cm2.note, cm2.__dict__['note'])
cm2.__dict__ = {'replaced': True}
print(cm2.__dict__, cm2.__doc__ == classmethod.__doc__)
show(lambda: setattr(cm2, '__dict__', 1))
show(lambda: delattr(cm2, '__dict__'))
# __init__ again keeps the dict and refreshes the copied attributes
cm2.__init__(len)
print(sorted(cm2.__dict__), cm2.__func__ is len)

# __isabstractmethod__ follows the function
def g():
    pass
print(classmethod(g).__isabstractmethod__, staticmethod(g).__isabstractmethod__)
g.__isabstractmethod__ = 1
print(classmethod(g).__isabstractmethod__, staticmethod(g).__isabstractmethod__)
class Bad:
    @property
    def __isabstractmethod__(self):
        raise ValueError('cannot tell')
show(lambda: classmethod(Bad()).__isabstractmethod__)
show(lambda: staticmethod(Bad()).__isabstractmethod__)

import abc
class Base(abc.ABC):
    @classmethod
    @abc.abstractmethod
    def make(cls):
        pass
    @staticmethod
    @abc.abstractmethod
    def helper():
        pass
print(sorted(Base.__abstractmethods__))
show(lambda: Base())

# subclasses
class MyClassMethod(classmethod):
    def __get__(self, obj, objtype=None):
        print('MyClassMethod.__get__')
        return super().__get__(obj, objtype)
class MyStatic(staticmethod):
    pass
class K:
    @MyClassMethod
    def who(cls):
        return cls.__name__
    @MyStatic
    def helper(v):
        return v * 2
print(K.who(), K().helper(4), K.__dict__['helper'](5))
print(repr(MyStatic(len)), type(K.__dict__['who']).__name__, K.__dict__['who'].__name__)

# the usual uses
class Counter:
    count = 0
    @classmethod
    def bump(cls):
        cls.count += 1
        return cls.count
    @staticmethod
    def describe(n):
        return 'count=%d' % n
class SubCounter(Counter):
    pass
Counter.bump(); SubCounter.bump(); SubCounter().bump()
print(Counter.count, SubCounter.count, Counter.describe(Counter.count), SubCounter().describe(1))
