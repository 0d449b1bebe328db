from __future__ import annotations
class C:
    x: [(y := 1) for i in z]
