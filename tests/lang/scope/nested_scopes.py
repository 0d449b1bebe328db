# Nested scopes, nonlocal/global in functions and classes, cells and
# free variables, comprehension scopes.
def outer():
    x = 1
    def mid():
        def inner():
            nonlocal x
            x += 1
            return x
        return inner
    return mid()
f = outer()
print(f(), f(), f.__code__.co_freevars, f.__closure__[0].cell_contents)

def counter():
    count = 0
    def inc(n=1):
        nonlocal count
        count += n
        return count
    def get():
        return count
    return inc, get
inc, get = counter()
inc(); inc(5)
print(get())

# global in nested function
g = 'module'
def setg():
    def inner():
        global g
        g = 'changed'
    inner()
setg()
print(g)

# class scope with nonlocal
def cls_nonlocal():
    v = 1
    class K:
        nonlocal v
        v = 2
    return v
print(cls_nonlocal())

# class body global
def cls_global():
    class K:
        global gg
        gg = 'from class'
    return gg
print(cls_global())

# free variable in class referenced before assignment in enclosing function
def late():
    class K:
        def m(self):
            return y
    y = 'late'
    return K().m()
print(late())

# unbound free variable
def unbound():
    def inner():
        return z
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    z = 1
unbound()

def unbound_local():
    try:
        print(q)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    q = 1
unbound_local()

def deleted_cell():
    c = 1
    def inner():
        return c
    del c
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
deleted_cell()

# lambda default captures
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
fs = [lambda: i for i in range(3)]
print([f() for f in fs])

# comprehension scopes and walrus
def walrus():
    [last := i for i in range(4)]
    return last
print(walrus())
total = 0
[total := total + i for i in range(5)]
print(total)

# nested comprehensions referencing outer
def nest(n):
    return [[i * j for j in range(n)] for i in range(n)]
print(nest(3))

# class-level names not visible in nested comprehension conditions
class C:
    a = [1, 2]
    b = [x for x in a]
    try:
        c = [x for x in range(2) if x in a]
    except NameError as e:
        err = str(e)
print(C.b, C.err)

# __class__ and super in nested function
class Base:
    def who(self): return 'base'
class Derived(Base):
    def who(self):
        def helper():
            return super(Derived, self).who()
        return 'derived+' + helper() + '+' + __class__.__name__
print(Derived().who())

# deep nesting with shadowing
def a():
    v = 'a'
    def b():
        v = 'b'
        def c():
            return v
        return c()
    return b(), v
print(a())

# nonlocal in generator
def gen_counter():
    n = 0
    def gen():
        nonlocal n
        while n < 3:
            n += 1
            yield n
    return list(gen()), n
print(gen_counter())

# closures over loop variables in class
class Loop:
    fns = []
    for i in range(2):
        fns.append(lambda: i)
try:
    print([f() for f in Loop.fns])
except NameError as e:
    print('NameError', e)

# locals() in class body and function
def loc():
    a = 1
    b = 2
    def inner():
        return a
    return sorted(locals())
print(loc())

# exec with closures is isolated
def exec_scope():
    x = 1
    ns = {}
    exec('x = 2\ny = x', ns)
    return x, ns['y']
print(exec_scope())

# del of a global / nonlocal
def del_nonlocal():
    x = 1
    def inner():
        nonlocal x
        del x
    inner()
    try:
        return x
    except NameError as e:
        return type(e).__name__ + ': ' + str(e)
print(del_nonlocal())
