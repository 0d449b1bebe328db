# Annotations without `from __future__ import annotations`: evaluated where
# they appear, so their names are uses of that block.
import typing

x: int = 1
y: "forward"
(z): int = 3          # not simple: z is assigned but not annotated
(w): int              # neither
obj.attr: int = 4
seq[0]: int


def f(a: int, b: typing.List[int] = None, *args: str, k: float = 1.0, **kw: bytes) -> bool:
    local: int
    other: str = "s"
    return True


def outer():
    T = int

    def inner(v: T) -> T:       # T is used in outer, where the annotation is evaluated
        return v

    class Holder:
        attr: T                 # T is free in the class body
        value: T = 0
    return inner, Holder


def annotation_lambda(cb: (lambda: 0) = None) -> (lambda: 1):
    pass


def walrus_in_annotation(p: (ann := int)):
    return p


class C:
    counter: int = 0
    name: str
    def m(self) -> "C":
        self.x: int = 1
        return self
