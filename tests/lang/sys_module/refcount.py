# sys.getrefcount(x) - 1 counts the references the program holds.
import sys
val = [1, 2, 3]
print('one name:', sys.getrefcount(val) - 1)
other = val
print('two names:', sys.getrefcount(val) - 1)
container = [val, val]
print('plus two in a list:', sys.getrefcount(val) - 1)
del container
print('list deleted:', sys.getrefcount(val) - 1)
del other
print('back to one:', sys.getrefcount(val) - 1)
d = {'k': val}
print('in a dict:', sys.getrefcount(val) - 1)
d.clear()
def holder(x):
    return sys.getrefcount(x) - 1
print('as an argument, plus the parameter:', holder(val) - 1 >= 1)
class Obj:
    pass
o = Obj()
o.attr = val
print('attribute:', sys.getrefcount(val) - 1)
del o
print('owner gone:', sys.getrefcount(val) - 1)
fresh = object()
print('fresh object:', sys.getrefcount(fresh) - 1)
