# isinstance / issubclass: tuples (nested), __instancecheck__, __subclasscheck__, errors.
print(isinstance(1, (str, (float, (int,)))), isinstance(1, ()), isinstance('s', (int, str)), isinstance(True, (int,)))
print(issubclass(bool, (str, (int,))), issubclass(int, ()), issubclass(bool, bool), issubclass(int, object))
print(isinstance(1, (int, 2)), issubclass(bool, (int, 3)))
class Meta(type):
    def __instancecheck__(cls, obj):
        print('instancecheck', cls.__name__, obj)
        return obj == 'yes'
    def __subclasscheck__(cls, sub):
        print('subclasscheck', cls.__name__, sub.__name__)
        return sub is int
class Anything(metaclass=Meta):
    pass
print(isinstance('yes', Anything), isinstance('no', Anything), isinstance('no', (str, Anything)))
print(isinstance(Anything(), Anything))   # exact type: no __instancecheck__ call
print(issubclass(int, Anything), issubclass(str, (float, Anything)), issubclass(Anything, Anything))
class TupleSub(tuple):
    pass
print(isinstance(3, TupleSub((str, int))), issubclass(bool, TupleSub((int,))))
for fn in (lambda: isinstance(1, 2), lambda: isinstance(1, (str, 2)), lambda: issubclass(1, int),
           lambda: issubclass(int, 2), lambda: issubclass(int, (str, 3)), lambda: isinstance(1, [int])):
    try:
        print(fn())
    except TypeError as e:
        print(type(e).__name__ + ':', e)
deep = int
for i in range(100):
    deep = (deep,)
print(isinstance(5, deep), issubclass(bool, deep))
print(isinstance(1, int | str), isinstance(None, int | None), issubclass(bool, (str, int | float)))
