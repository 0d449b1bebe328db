# Function and class decorators: order of application and evaluation.
log = []
def deco(name):
    log.append('make ' + name)
    def wrap(fn):
        log.append('apply ' + name + ' to ' + fn.__name__)
        def inner(*a, **k):
            return name + '(' + str(fn(*a, **k)) + ')'
        inner.__name__ = fn.__name__
        return inner
    return wrap

@deco('outer')
@deco('inner')
def value(x):
    return x * 2

print(log)
print(value(21), value.__name__)

def count_calls(fn):
    def wrapper(*args):
        wrapper.calls += 1
        return fn(*args)
    wrapper.calls = 0
    return wrapper

@count_calls
def add(a, b):
    return a + b
add(1, 2); add(3, 4)
print(add.calls)

registry = {}
def register(cls):
    registry[cls.__name__] = cls
    cls.registered = True
    return cls

@register
class Thing:
    pass
print(sorted(registry), Thing.registered)

# a decorator may be any expression (PEP 614)
decos = {'twice': lambda f: lambda x: f(f(x))}
@decos['twice']
def inc(x):
    return x + 1
print(inc(0))

@(lambda f: 42)
def replaced():
    pass
print(replaced)
