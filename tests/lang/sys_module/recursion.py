# Recursion limit: deep recursion raises RecursionError, never crashes.
import sys
print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(500))
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__ + ':', e, isinstance(e, RuntimeError))
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit(), depth(1500))
sys.setrecursionlimit(100)
try:
    depth(200)
except RecursionError as e:
    print(type(e).__name__ + ':', e)
print(depth(50))
for bad in (0, -1):
    try:
        sys.setrecursionlimit(bad)
    except ValueError as e:
        print(type(e).__name__ + ':', e)
try:
    sys.setrecursionlimit('x')
except TypeError as e:
    print(type(e).__name__ + ':', e)
sys.setrecursionlimit(1000)
# recursion through __repr__, __getattr__ and operators hits the same limit
class Loop:
    def __repr__(self):
        return repr(self)
try:
    repr(Loop())
except RecursionError as e:
    print('repr:', type(e).__name__)
class Attr:
    def __getattr__(self, name):
        return getattr(self, name)
try:
    Attr().x
except RecursionError as e:
    print('getattr:', type(e).__name__)
class Add:
    def __add__(self, other):
        return self + other
try:
    Add() + 1
except RecursionError as e:
    print('add:', type(e).__name__)
nested = []
for _ in range(100000):
    nested = [nested]
try:
    print(len(repr(nested)))
except RecursionError as e:
    print('nested repr:', type(e).__name__)
print('still running')
