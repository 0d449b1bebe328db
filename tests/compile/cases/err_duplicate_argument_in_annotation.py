from __future__ import annotations
x: (lambda a, a: 0)
