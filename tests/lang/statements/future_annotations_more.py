# Annotation strings under the annotations future: f-strings, quoting,
# numbers, precedence and parenthesisation corner cases.
from __future__ import annotations
class C:
    a: f"{x!r}" f'{y}' "z"
    b: f"{'nested' + f'{z}'}"
    c: f"{x:{'>'}10}"
    d: 'héllo\u20ac\U0001f600\x00\t'
    e: "'" + '"'
    f: b"'\"" 
    g: 0j + 1.5e300j + 1e-320
    h: lambda a=1, *b, c=2, **d: (a, b)
    i: lambda *, k: k
    j: a[b:c, d]
    k: a[:, ::]
    l: -(-1)
    m: not not a
    n: (not a) + b
    o: a ** b ** c
    p: (a ** b) ** c
    q: a - (b - c)
    r: (a - b) - c
    s: a if b else (c if d else e)
    t: (a if b else c) if d else e
    w: f(*a, *b, **c, **d)
    x: (1).real
    y: 1.0.real
    z: (-1).real
    A: 'a' in b not in c
    B: a is not None
    C: ~-+a
    D: {**a}
    E: {}
    F: ()
    G: (1,)
    H: []
    I: [(1, 2)]
    J: f((1, 2))
    K: a[(1, 2)]
    L: a[1:2,]
    M: a[...]
    N: a.b[c].d(e)[f]
    O: 0o17 + 0b11 + 1_0.5
    P: (a, b) if c else d
    Q: [x async for x in y]
    R: f"{x=}"
    S: f"{x = !r:>5}"
    T: f"{{{x}}}"
    U: f"{3.14:.2f}"
    V: f"{'a' if x else 'b'}"
    W: f"""{x}
"""
    X: f"{x!a}"
    Y: f"{ {'a': 1}['a'] }"
    Z: 10**-2
print(C.__annotations__)
