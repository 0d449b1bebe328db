# __prepare__: the namespace used to execute a class body.
class Recorder(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, key, value):
        if not key.startswith('__'):
            self.order.append(key)
        super().__setitem__(key, value)

class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print('__prepare__', name, [b.__name__ for b in bases], kw)
        return Recorder()
    def __new__(mcls, name, bases, ns, **kw):
        print('namespace type', type(ns).__name__, 'order', ns.order)
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.field_order = ns.order
        return cls

class Form(metaclass=Meta, flavour='x'):
    name = 'n'
    age = 0
    def validate(self): pass
    name = 'again'

print(Form.field_order)

# __prepare__ can pre-populate the namespace
class Injecting(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return {'injected': lambda: 'I was injected', 'CONST': 7}
class Uses(metaclass=Injecting):
    doubled = CONST * 2
    result = injected()
print(Uses.doubled, Uses.result)

# a namespace that rejects redefinition
class NoDups(dict):
    def __setitem__(self, key, value):
        if key in self and not key.startswith('__'):
            raise TypeError(f'{key!r} defined twice')
        super().__setitem__(key, value)
class Strict(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return NoDups()
try:
    class Twice(metaclass=Strict):
        a = 1
        a = 2
except TypeError as e:
    print(type(e).__name__, e)

# __prepare__ must return a mapping
class BadPrepare(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 5
try:
    class Broken(metaclass=BadPrepare):
        pass
except TypeError as e:
    print(type(e).__name__, e)
print(type.__prepare__('N', ()), type(type.__prepare__()).__name__)
