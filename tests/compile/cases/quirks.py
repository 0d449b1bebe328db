# Corners of CPython's symbol table that are easy to get subtly wrong.
class A:
    f = lambda: [(y := 1) for i in x]       # the lambda, not the class, takes y
    g = [lambda: i for i in range(3)]       # i is a cell of the comprehension
    h = [super() for i in ()]               # super in a comprehension: __class__ cell for A

    def nonlocal_class(self):
        nonlocal __class__                  # __class__ counts as bound by the class
        return __class__

    def global_class(self):
        global __class__
        return __class__

    def walrus_mangled(self, y):
        # The walrus checks look names up unmangled, so this is accepted.
        return [(__it := 1) for __it in y]

    def lambda_default_walrus(self, z):
        return [lambda a=(w := i): a for i in z], w


def walrus_in_fstring(z):
    return [f"{(y := x)!r:>{(width := 4)}}" for x in z], y, width


def comprehension_closure(xs):
    return [lambda: x for x in xs], {k: lambda: v for k, v in xs}


def starred_targets(pairs):
    return [rest for first, *rest in pairs], [b for (a, b), c in pairs]


async def nested_async(aiter):
    return [[y async for y in x] async for x in aiter]


def deletes():
    x = 1
    def inner():
        nonlocal x
        del x
    return inner


def same_names():
    def dup():
        pass
    def dup():
        return 1
    dup = lambda: 2
    return dup


def free_then_global():
    v = 1
    def a():
        return v
    def b():
        global v
        v = 2
    return a, b


def params_used_in_defaults(a, b=lambda: a, *, c=[a for _ in ()]):
    return b, c


def kwonly_defaults(*, a, b=1, c, d=lambda: 0):
    pass


def class_in_function_with_global():
    global GC

    class GC:
        pass
    return GC


x = 1
def module_global_after_local():
    def inner():
        return x
    x = 2
    return inner


def dict_comp_walrus(items):
    return {(k := a): (v := b) for a, b in items}, k, v


def generator_in_generator(rows):
    return ((x for x in row) for row in rows)


def comprehension_nested_reference(rows):
    return [[row[i] for i in range(len(row))] for row in rows]
