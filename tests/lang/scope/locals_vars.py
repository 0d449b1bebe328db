# locals(), vars() and dir() in different scopes.
def f(a, b=2):
    c = a + b
    return sorted(locals().items())
print(f(1))

def snapshot():
    x = 1
    loc = locals()
    x = 2
    return loc['x'], locals()['x']
print(snapshot())

def writes_ignored():
    v = 'original'
    locals()['v'] = 'changed'
    return v
print(writes_ignored())

class K:
    a = 1
    b = a + 1
    names = sorted(n for n in locals() if not n.startswith('__'))
print(K.names)

print(locals() is globals())
print(sorted(vars(K).keys() - {'__module__', '__dict__', '__weakref__', '__doc__'}))

class Obj:
    def __init__(self):
        self.p = 1
        self.q = 2
o = Obj()
print(vars(o), vars(o) is o.__dict__)
try:
    vars(1)
except TypeError as e:
    print(type(e).__name__, e)

def inner_dir():
    z = 1
    y = 2
    return dir()
print(inner_dir())
print([n for n in dir(o) if not n.startswith('__')])
