# __class_getitem__ and generic aliases of built-in types.
class Box:
    def __class_getitem__(cls, item):
        return f'{cls.__name__}[{item!r}]'
print(Box[int], Box['x'], Box[1, 2])
print(type(Box.__dict__['__class_getitem__']).__name__)

class Sub(Box):
    pass
print(Sub[str])

# instances are not subscriptable through __class_getitem__
try:
    Box()[0]
except TypeError as e:
    print(type(e).__name__, e)

# a metaclass __getitem__ takes precedence
class Meta(type):
    def __getitem__(cls, item):
        return 'Meta.__getitem__'
class WithMeta(metaclass=Meta):
    def __class_getitem__(cls, item):
        return 'never'
print(WithMeta[0])

# built-in generic aliases
alias = list[int]
print(alias, type(alias).__name__, alias.__origin__, alias.__args__)
print(dict[str, list[int]], tuple[int, ...], type[object])
print(alias([1, 2]), list[int] == list[int], isinstance([], list))
try:
    isinstance([], list[int])
except TypeError as e:
    print(type(e).__name__, e)
print(int | str, type(int | str).__name__, isinstance(3, int | str), isinstance(3.0, int | str))
print(int | None, (int | str) == (str | int))

# no __class_getitem__
class Plain:
    pass
try:
    Plain[int]
except TypeError as e:
    print(type(e).__name__, e)
try:
    int[str]
except TypeError as e:
    print(type(e).__name__, e)
