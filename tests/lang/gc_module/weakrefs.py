# _weakref: ref with callbacks, proxy, getweakrefcount, getweakrefs.
import _weakref
import gc

class Obj:
    def __init__(self, name):
        self.name = name
    def hello(self):
        return 'hello from ' + self.name

o = Obj('first')
r = _weakref.ref(o)
print(r() is o, r().hello(), _weakref.getweakrefcount(o), _weakref.getweakrefs(o) == [r])
events = []
r2 = _weakref.ref(o, lambda ref: events.append(('callback', ref is r2, ref())))
print(_weakref.getweakrefcount(o))
del o
print(r(), events)

p_target = Obj('proxied')
p = _weakref.proxy(p_target)
print(p.name, p.hello(), type(p).__name__)
del p_target
try:
    p.name
except ReferenceError as e:
    print(type(e).__name__ + ':', e)

# objects in a cycle: the weakref dies when the collector runs
a = Obj('cycle')
a.self = a
ra = _weakref.ref(a)
del a
gc.collect()
print(ra())

for bad in (1, 'str', [], None):
    try:
        _weakref.ref(bad)
    except TypeError as e:
        print(type(e).__name__ + ':', e)
class Slotted:
    __slots__ = ('x',)
try:
    _weakref.ref(Slotted())
except TypeError as e:
    print(type(e).__name__ + ':', e)
class WithWeak:
    __slots__ = ('x', '__weakref__')
w = WithWeak()
print(_weakref.ref(w)() is w)
keep = Obj('k')
print(_weakref.ref(keep) == _weakref.ref(keep), hash(_weakref.ref(keep)) == hash(keep))
