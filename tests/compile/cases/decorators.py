# Decorators are evaluated in the enclosing block before the function's block.
import functools


def deco_factory(tag):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            return tag, fn(*a, **k)
        return wrapper
    return deco


def outer():
    registry = []

    @deco_factory(lambda: registry)
    def decorated():
        return 1

    @(lambda f: registry.append(f) or f)
    class Registered:
        @staticmethod
        def s():
            return registry

        @property
        def p(self):
            return self

        @p.setter
        def p(self, value):
            pass

    @[d for d in [deco_factory("x")]][0]
    def via_comprehension():
        pass

    return decorated, Registered, via_comprehension
