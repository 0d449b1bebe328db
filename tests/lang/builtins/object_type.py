# object and type as built-ins.
o = object()
print(type(o).__name__, o == o, o != object(), bool(o), isinstance(o, object), object.__doc__[:20])
print(hasattr(o, '__dict__'), sorted(n for n in dir(object) if n in ('__eq__', '__hash__', '__repr__', '__init__', '__new__')))
print(object.__eq__(o, o), object.__ne__(o, o), object.__eq__(o, 1), object.__lt__(o, o), object.__hash__(o) == hash(o))
print(object.__str__(1), object.__repr__(1).startswith('<int object at'), object.__format__('x', ''))
print(object.__subclasshook__(), object.__init_subclass__())
print(type.__name__, type(type) is type, type.__bases__, type.__mro__, isinstance(type, type))
print(type('X', (), {}).__mro__[-1] is object, type.mro(bool), int.__subclasses__()[0].__name__ if int.__subclasses__() else '-')
print(type.__dict__['__name__'].__class__.__name__, type(int.__dict__['__add__']).__name__, type(int.real).__name__)
print(type(object.__init__).__name__, type(object().__str__).__name__, type(str.join).__name__, type(dict.fromkeys).__name__)
print(type(list.__dict__['append']).__name__, type([].append).__name__, type(type.__call__).__name__)
class C:
    pass
print(C.__dict__['__dict__'].__class__.__name__, C.__weakref__.__class__.__name__ if hasattr(C, '__weakref__') else '-')
print(object.__sizeof__(o) > 0, type(o.__sizeof__()).__name__)
