"""doc"""
"not a docstring"
from __future__ import annotations
