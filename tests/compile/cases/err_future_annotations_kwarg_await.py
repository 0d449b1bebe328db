from __future__ import annotations
async def f(**kw: (await g)):
    pass
