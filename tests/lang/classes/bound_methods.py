# Bound methods: __self__, __func__, equality and identity.
class C:
    def m(self, x=0):
        return ('m', x)

c = C()
bm = c.m
print(type(bm).__name__, bm.__self__ is c, bm.__func__ is C.m, bm.__name__, bm.__qualname__)
print(bm(1), C.m(c, 2))
print(c.m == c.m, c.m is c.m, c.m == C().m)
print(hash(c.m) == hash(c.m))

# methods keep the instance alive and can be stored
calls = [c.m, C().m]
print([f(5) for f in calls])

# a bound method of a builtin
app = [].append
print(type(app).__name__, app.__self__, app.__name__)
lst = [1]
push = lst.append
push(2)
print(lst, push.__self__ is lst)

# binding functions manually
def free(self):
    return 'bound to ' + type(self).__name__
bound = free.__get__(c)
print(bound(), bound.__self__ is c)

# calling a method with the wrong self works when called through the class
class D:
    pass
print(C.m(D(), 'any'))

# method attributes are read from the function
C.m.tag = 'tagged'
print(c.m.tag)
try:
    c.m.other = 1
except AttributeError as e:
    print(type(e).__name__, e)

# class attribute that is a callable object is not bound
class Callable:
    def __call__(self, *args):
        return 'called with %d args' % len(args)
class Holder:
    f = Callable()
    g = len
print(Holder().f(1), Holder().g([1, 2]))
