# The global statement and module globals.
counter = 0

def bump():
    global counter
    counter += 1

bump(); bump()
print(counter)

def create():
    global brand_new
    brand_new = 'made in a function'
create()
print(brand_new)

def nested():
    def inner():
        global counter
        counter = 100
    inner()
nested()
print(counter)

x = 'global x'
def reads():
    return x
def shadows():
    x = 'local x'
    return x
print(reads(), shadows(), x)

g = globals()
g['injected'] = 42
print(injected)
print('bump' in g, g['__name__'])

def deleter():
    global brand_new
    del brand_new
deleter()
print('brand_new' in globals())
try:
    brand_new
except NameError as e:
    print(type(e).__name__, e)

class C:
    global from_class
    from_class = 'set in class body'
print(from_class, hasattr(C, 'from_class'))
