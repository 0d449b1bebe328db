from __future__ import annotations


def f():
    x: [(y := 1) for i in z]     # under the future import this binds y in f
    return y


class K:
    def m(self, a: Undefined = (lambda: 0)) -> [q for q in ()]:
        return a
