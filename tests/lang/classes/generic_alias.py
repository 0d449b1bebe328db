# types.GenericAlias of built-in classes (PEP 585): attributes, repr, ==, hash, |, calls, substitution, dir.
def T(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
a = list[int]
print(a, repr(a), type(a), a.__origin__, a.__args__, a.__parameters__)
print(dict[str, int], tuple[()], tuple[int, ...], type[int], set[frozenset[bytes]])
print(list[int] == list[int], list[int] == list[str], list[int] != list, hash(list[int]) == hash(list[int]))
print(list[int] | None, int | list[str], (list[int] | dict[str, int]).__args__)
print(list[int](), list[int]([1, 2]), dict[str, int](a=1), tuple[int, ...]((1, 2)))
print(a.__name__, a.__qualname__, a.__module__, a.append is list.append, a.__doc__ == list.__doc__)
print(a.__mro_entries__(()), a.__class__, a.__unpacked__)
T(lambda: isinstance([], list[int]))
T(lambda: issubclass(list, list[int]))
T(lambda: list[int][str])
T(lambda: list.__class_getitem__())
T(lambda: list.__class_getitem__(1, 2))
T(lambda: dict.__class_getitem__(int))
T(lambda: type(list[int])(list, int))
T(lambda: type(list[int])(list, (int, str)))
T(lambda: type(list[int])(list))
import types
print(types.GenericAlias is type(list[int]), types.GenericAlias.__name__, types.UnionType.__name__)
for cls in (list, dict, tuple, set, frozenset, type, enumerate):
    print(cls[int])
class MyList(list):
    pass
print(MyList[int], MyList[int].__origin__ is MyList)
class Gen(list[int]):
    pass
print(Gen.__bases__, Gen.__orig_bases__, Gen.__mro__)
print({list[int]: 1}[list[int]], list[int] in {list[int]})
print(list[list[int]].__args__[0].__origin__)
print(str(list[int]), f'{list[int]}', format(list[int]))
print(repr(list['x']), repr(list[1]), list[...], list[None])
class TV:
    def __init__(self, n): self.n = n
    def __repr__(self): return '~' + self.n
    def __typing_subst__(self, arg): return arg
T1, T2 = TV('T'), TV('U')
a = dict[T1, list[T2]]
print(a, a.__parameters__)
print(a[int, str], a[int, str].__parameters__)
T(lambda: a[int])
T(lambda: a[int, str, bytes])
b = list[T1]
print(b[int], b[list[T2]], b[list[T2]].__parameters__)
print(tuple[T1, T1].__parameters__, tuple[T1, T1][int])
print(list[T1] == list[T1], hash(list[T1]) == hash(list[T1]))
print(sorted(n for n in dir(list[int]) if not n.startswith('_'))[:5])
print(len(dir(list[int])), [n for n in ('__radd__', '__rmul__') if n in dir(list)])
