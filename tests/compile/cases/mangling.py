# Private-name mangling applies to every name inside a class, methods included.
import __hidden as __alias


class Spam:
    __secret = 1
    __dunder__ = 2
    _single = 3
    import __mod.sub
    from x import __thing as __other

    def __method(self, __param, other=__secret):
        __local = __param
        global __g
        __g = __local
        return self.__secret, __dunder__, _single

    def closure(self):
        __captured = 1
        def inner():
            nonlocal __captured
            __captured += 1
            return __captured
        return inner

    def comp(self, xs):
        return [(__walrus := x) for x in xs], __walrus

    class __Inner:
        __deep = 1
        def m(self):
            return __deep


class ___:
    __not_mangled = 1          # a class named only with underscores mangles nothing


class _Lead:
    __x = 1                    # leading underscores of the class name are dropped: _Lead__x


def top():
    # A function named "top": symtable.py treats it like the module
    # (is_global/is_local of its bound names).
    v = 1
    return v


listcomp = [i for i in range(3)]   # a name equal to a child block's name
lambda_holder = lambda: 0
