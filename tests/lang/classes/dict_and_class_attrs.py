# __dict__, __class__, and attribute storage.
class C:
    cls_attr = 'shared'
    def method(self):
        return 'm'

c = C()
print(c.__dict__)
c.x = 1
print(c.__dict__, c.cls_attr)
c.__dict__['y'] = 2
print(c.y)
c.__dict__ = {'z': 3}
print(c.z, hasattr(c, 'x'))
try:
    c.__dict__ = 5
except TypeError as e:
    print(type(e).__name__, e)

# class __dict__ is a read-only mappingproxy
cd = C.__dict__
print(type(cd).__name__, 'method' in cd, cd['cls_attr'])
try:
    cd['new'] = 1
except TypeError as e:
    print(type(e).__name__, e)
print(sorted(k for k in cd if not k.startswith('__')))

# instance attributes shadow class attributes
c2 = C()
c2.cls_attr = 'own'
print(c2.cls_attr, C.cls_attr)
del c2.cls_attr
print(c2.cls_attr)

# __class__ can be reassigned between compatible classes
class D:
    def method(self):
        return 'D.m'
obj = C()
obj.__class__ = D
print(type(obj).__name__, obj.method(), isinstance(obj, D))
try:
    obj.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1).__class__ = bool
except TypeError as e:
    print(type(e).__name__, e)

# type attributes
print(C.__name__, C.__qualname__, C.__module__, C.__doc__, C.__base__.__name__)
class Documented:
    """Doc here."""
print(Documented.__doc__)
C.__name__ = 'Renamed'
print(C.__name__, repr(C).endswith("Renamed'>"))
print(type(C.__dict__['method']).__name__, type(C.method).__name__, type(c2.method).__name__)
