# Every other way to bind a name.
import os, os.path, xml.dom.minidom as minidom
from collections import OrderedDict as OD, deque
from . import sibling
from .pkg import thing
from os import *

try:
    pass
except ValueError as err:
    del err
else:
    els = 1
finally:
    fin = 1

try:
    pass
except* TypeError as group:
    pass

with open("f") as fh, open("g") as (a, b):
    pass

for i, (j, *k) in enumerate([]):
    pass
else:
    loop_else = 1

while cond:
    break

del gone
aug += 1
chained = other = 0
first, *middle, last = range(5)
[lst_a, lst_b] = 1, 2
obj.attr = sub[idx] = 3


def generator():
    yield 1
    yield from range(3)
    return 2


async def coroutine(aw):
    async with aw as ctx:
        async for item in ctx:
            await item
    return ctx


def with_all_params(p1, p2, /, a1, a2=1, *va, k1, k2=2, **vk):
    return p1, p2, a1, a2, va, k1, k2, vk


def cells_in_param_order(z, b, a, *args, k, **kw):
    y = 1
    x = 2
    c = 3
    def g():
        return a, b, x, c, kw, z
    return g


f"{fmt_value!r:{fmt_spec}}"
