"""With the future import, annotations become strings: their names are
nobody's, and the blocks nested in them are nobody's children."""
from __future__ import annotations

x: SomeName = 1
y: (lambda: undefined_in_lambda)


def f(a: ArgType, *rest: RestType, k: KwType = None) -> ReturnType:
    local: LocalType = a
    return local


class C:
    attr: ClassAttrType
    other: [n for n in names] = 5


# A walrus in a comprehension inside an annotation still reaches the module.
z: [(leak := i) for i in range(3)]
