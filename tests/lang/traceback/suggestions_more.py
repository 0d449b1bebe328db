# lang: expect-stderr
# "Did you mean" for AttributeError (instances, classes with __dir__,
# modules, built-in types, AttributeError raised by __getattr__) and
# NameError (locals, enclosing frames' globals, builtins); none for
# subclasses of AttributeError or when nothing is close.
import sys

def show(e):
    sys.excepthook(type(e), e, e.__traceback__)

class A:
    def __init__(self):
        self.blech = 1
        self.attribute_with_long_name = 2

for expr in ['A().blach', 'A().attribute_with_long_nam', 'A().zzzzzz', 'sys.getrefcont',
             'sys.modulez', '[].apend', '(1).bit_lenght', 'None.foo', 'A.blach']:
    try:
        eval(expr)
    except AttributeError as e:
        print(expr, '->', e.name, type(e.obj).__name__)
        show(e)

class WithDir:
    def __dir__(self):
        return ['alpha', 'beta', 'gamma']
try:
    WithDir().alpah
except AttributeError as e:
    show(e)

class Dynamic:
    def __getattr__(self, name):
        raise AttributeError(name)
    def spelled(self):
        pass
try:
    Dynamic().speled
except AttributeError as e:
    show(e)

class MyError(AttributeError):
    pass
try:
    raise MyError('custom', name='blech', obj=A())
except AttributeError as e:
    show(e)

def local_names():
    somevariable = 1
    return somevarible
try:
    local_names()
except NameError as e:
    show(e)

GLOBAL_THING = 1
def global_names():
    return GLOBAL_THIN
try:
    global_names()
except NameError as e:
    show(e)

try:
    prnt('x')
except NameError as e:
    show(e)

def unbound():
    x = 1
    del x
    return x
try:
    unbound()
except NameError as e:
    show(e)

def enclosing():
    outer_value = 1
    def inner():
        return outer_valu
    return inner()
try:
    enclosing()
except NameError as e:
    show(e)
