# Metaclass __call__ controls instantiation; type.__call__ runs __new__ and __init__.
class Tracing(type):
    def __call__(cls, *args, **kw):
        print('Tracing.__call__', cls.__name__, args, kw)
        obj = super().__call__(*args, **kw)
        print('instance ready')
        return obj

class Thing(metaclass=Tracing):
    def __new__(cls, *args, **kw):
        print('Thing.__new__', args, kw)
        return super().__new__(cls)
    def __init__(self, value, flag=False):
        print('Thing.__init__', value, flag)
        self.value = value

t = Thing(1, flag=True)
print(t.value)

class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kw):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kw)
        return cls._instances[cls]
class Config(metaclass=Singleton):
    def __init__(self):
        print('Config created once')
print(Config() is Config())

# __init__ is skipped when __new__ returns an instance of another class
class Other:
    pass
class Weird:
    def __new__(cls):
        return Other()
    def __init__(self):
        print('never called')
print(type(Weird()).__name__)

# ... but runs when __new__ returns an instance of a subclass
class Parent:
    def __new__(cls):
        return super().__new__(Child)
    def __init__(self):
        print('__init__ of', type(self).__name__)
class Child(Parent):
    pass
print(type(Parent()).__name__)

# __init__ must return None
class BadInit:
    def __init__(self):
        return 1
try:
    BadInit()
except TypeError as e:
    print(type(e).__name__, e)

# object.__new__ and object.__init__ argument checks
class NoInit:
    pass
try:
    NoInit(1)
except TypeError as e:
    print(type(e).__name__, e)
class OnlyInit:
    def __init__(self, a):
        self.a = a
print(OnlyInit(5).a)
class OnlyNew:
    def __new__(cls, a):
        return super().__new__(cls)
print(type(OnlyNew(5)).__name__)
try:
    object.__new__(OnlyInit, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__new__(int)
except TypeError as e:
    print(type(e).__name__, e)
