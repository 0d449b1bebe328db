import a, b.c as d
from . import e
from ...f.g import (h as i, j,)
from .. import *
global k
x: int
y: list[int] = []
(z): int = 1
a.b: str
c[0]: float = 1.0
m = n = o = 1
p, *q = r = [1, 2, 3]
[s, (t, u)] = v, = w
x += 1; x -= 1; x *= 2; x @= y; x /= 2; x //= 2; x %= 2; x **= 2
x >>= 1; x <<= 1; x &= 1; x ^= 1; x |= 1
del a, b[0], c.d, (e, f), [g]
assert x, "message"
raise
raise E
raise E from None
pass


@decorator
@decorator.attr(arg)[0]
@(lambda f: f)
class C(B, metaclass=M, **kw):
    """Docstring."""
    attr: int = 0

    def method(self, a, /, b, *, c=1, **kw) -> "R":
        nonlocal_name = 1
        return a

    async def amethod(self, *args: *Ts):
        async with a as b, c:
            pass
        async for x in y:
            await x
        return [i async for i in self]


def gen():
    x = yield
    yield from x
    return


if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass

while x:
    break
else:
    continue

for i, (j, k) in enumerate(z):
    pass
else:
    pass

try:
    pass
except (A, B) as e:
    pass
except C:
    pass
except:
    pass
else:
    pass
finally:
    pass

try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass

with (a, b):
    pass
with (a as b, c as d,):
    pass
with (a) as b, (c):
    pass
with (yield):
    pass
