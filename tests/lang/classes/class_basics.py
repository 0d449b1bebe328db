# Classes, instances, methods and class attributes.
class Counter:
    "Counts things."
    instances = 0
    def __init__(self, start=0):
        self.value = start
        Counter.instances += 1
    def inc(self, by=1):
        self.value += by
        return self
    def __repr__(self):
        return f'Counter({self.value})'

a = Counter()
b = Counter(10)
a.inc().inc(5)
print(a, b, Counter.instances, a.instances)
print(repr(Counter).startswith("<class '__main__.Counter'"), str(Counter))
print(type(a) is Counter, isinstance(a, Counter), isinstance(a, object))

# methods are functions stored on the class
print(Counter.inc(b, 2), Counter.inc is Counter.__dict__['inc'])

# adding methods at run time
def reset(self):
    self.value = 0
    return self
Counter.reset = reset
print(a.reset())

# monkey patching an instance only affects that instance
b.inc = lambda by=1: 'patched'
print(b.inc(), a.inc())

# class body is executed once, top to bottom
class Body:
    print('executing class body')
    x = 1
    x += 1
    items = [i * 2 for i in range(x)]
print(Body.x, Body.items)

# nested classes
class Outer:
    class Inner:
        def where(self):
            return type(self).__qualname__
print(Outer.Inner().where())

# classes are objects: passed around and created in functions
def make_class(n):
    class Made:
        number = n
    return Made
M1, M2 = make_class(1), make_class(2)
print(M1.number, M2.number, M1 is M2, M1.__qualname__)

# empty class and instances with attributes
class Empty: pass
e = Empty()
e.anything = 'goes'
print(e.anything, Empty.__bases__)
# class with only a docstring
print(Counter.__doc__)
# instance equality defaults to identity
print(Empty() == Empty(), e == e, e != Empty())
