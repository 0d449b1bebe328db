# super() and __class__ create the implicit __class__ cell.
class A:
    def plain(self):
        return 1

    def with_super(self):
        return super().plain()

    def with_dunder(self):
        return __class__

    def nested_function(self):
        def inner():
            return super()
        return inner

    def in_comprehension(self):
        return [super() for _ in range(1)]

    def in_lambda(self):
        return lambda: __class__

    class B:
        def m(self):
            return super()

    x = [__class__ for _ in ()]


class C:
    __class__ = 1        # a class-level binding named __class__

    def m(self):
        return __class__


class D:
    def m(self):
        super = print     # a local called super: still asks for __class__
        return super()


def not_a_method():
    return super()


class E:
    def f(self):
        class F:
            def g(self):
                return __class__
        return F, super()
