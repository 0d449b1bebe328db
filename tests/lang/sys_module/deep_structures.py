# Releasing long chains (nested containers, the traceback of a deep
# recursion) and hashing deep tuples never overflow the C stack.
import sys
a = []
for _ in range(300000):
    a = [a]
del a
print('nested lists released')
d = {}
for _ in range(100000):
    d = {'k': d}
d = None
print('nested dicts released')
t = ()
for _ in range(5000):
    t = (t,)
print('hash of a 5000-deep tuple:', hash(t) == hash(t), hash(((),)) == hash(((),)))
t = None
sys.setrecursionlimit(100000)
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, e)
sys.setrecursionlimit(1000)
print('still running')
