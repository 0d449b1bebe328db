from __future__ import annotations
x: (await y)
