# from __future__ import annotations (PEP 563): annotations are stored as the
# text the compiler makes of them, never evaluated.
from __future__ import annotations

def f(a: int, b: list[int] = 3, *c: str, d: 'x' = 1, **e: dict[str, int]) -> None: pass
print(f.__annotations__)

x: undefined.attr[1:2] = 5
print(__annotations__, x)

class C:
    __private: int
    plain: Undefined
    a: lambda *a: 0
    b: lambda: 0
    c: lambda x, /, y=2, *, z, **k: 0
    d: a[*b]
    e: a[1,]
    f: a[()]
    g: a[1:2, ::3, :, 1:]
    i: 1 .real
    j: f"{x!r:>{w}} {{}} {'a'} {y!s} {z!a:{q}.{p}f}"
    k: 1e309
    l: 1e309j
    m: -1e309
    n: u'x'
    o: b'\x00\n'
    p: 1 + 2 * 3 ** -4
    q: (1 + 2) * (a if b else c)
    r: not a and b or c
    s: (a, b)[0]
    t: f(x for x in y)
    u: f((x for x in y), 2)
    v: {**a, 'b': 1}
    w: {1, 2}
    x: [*a]
    z: a < b <= c is not d not in e
    A: ...
    B: None
    C: 'it\'s "q"'
    D: (-1) ** 2
    E: -1 ** 2
    F: f"{ {1: 2} }"
    H: {a: b for a, b in c if d async for e in f}
    I: a.b.c(d, *e, f=g, **h)
    J: 12345678901234567890123
    K: 0.1
    L: 1_000
    M: 0x10
    N: True
    O: 'a' 'b'
    P: 1.5j + 2e-5 - 1e16
    Q: (a or b) and (c or d)
    R: a if (b if c else d) else (e if f else g)
    S: (lambda: 1)()
    T: a @ b // c % d << e >> f | g ^ h & i
    U: ~a + +b - -c
    V: not (a == b)
    W: (a, *b)
    X: [i for i in range(3) if i if not i]
    Y: {i for i in x}
    Z: f'{a}' f'{b:{c}}' 'd'
print(sorted(C.__annotations__.items()))

def local_annotations():
    # annotations of locals are never evaluated
    y: undefined = 1
    z: also_undefined
    return y
print(local_annotations())
print(local_annotations.__annotations__)

class D:
    def method(self, other: D) -> D: ...
    async def co(self, x: await_me) -> list[D]: ...
print(D.method.__annotations__, D.co.__annotations__)
