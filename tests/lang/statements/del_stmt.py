# del on names, attributes, subscripts, slices and tuples of targets.
a = 1
del a
print('a' in globals())

lst = list(range(10))
del lst[0]
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
del lst[::2]
print(lst)
del lst[:]
print(lst)

d = {'x': 1, 'y': 2, 'z': 3}
del d['x'], d['y']
print(d)
try:
    del d['missing']
except KeyError as e:
    print(type(e).__name__, e)

class Obj:
    cls_attr = 1
o = Obj()
o.attr = 2
del o.attr
print(hasattr(o, 'attr'))
try:
    del o.attr
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del o.cls_attr
except AttributeError as e:
    print(type(e).__name__, e)
del Obj.cls_attr
print(hasattr(Obj, 'cls_attr'))

p, q = 1, 2
del (p, q)
print('p' in globals(), 'q' in globals())
x, y = 3, 4
del [x, y]
print('x' in globals())

t = (1, 2)
try:
    del t[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    del 'abc'[0]
except TypeError as e:
    print(type(e).__name__, e)

def f():
    v = 1
    del v
    return 'v' in locals()
print(f())

# __delitem__ and __delattr__ receive the key
class Log:
    def __delitem__(self, k):
        print('delitem', k)
    def __delattr__(self, n):
        print('delattr', n)
lg = Log()
del lg[1:2, 3], lg.name
try:
    del nothing_here
except NameError as e:
    print(type(e).__name__, e)
