# The with statement: __enter__/__exit__, suppression, several managers.
class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print('enter', self.name)
        return self.name
    def __exit__(self, exc_type, exc, tb):
        print('exit', self.name, exc_type.__name__ if exc_type else None, exc,
              type(tb).__name__)
        return self.suppress

with CM('a') as a:
    print('body', a)

with CM('outer'), CM('inner') as i:
    print('body', i)

with (
    CM('p1') as x,
    CM('p2') as y,
):
    print('parenthesized', x, y)

with CM('suppressor', suppress=True):
    raise ValueError('hidden')
print('after suppressed exception')

try:
    with CM('s1', suppress=True), CM('s2'):
        raise KeyError('k')
except KeyError:
    print('not reached')
print('outer manager suppressed it')

def early_return():
    with CM('ret'):
        return 'returned'
print(early_return())

for n in range(3):
    with CM('loop%d' % n):
        if n == 0:
            continue
        if n == 1:
            break
print('loop done')

# __enter__ raising: __exit__ is not called
class BadEnter:
    def __enter__(self):
        raise RuntimeError('enter failed')
    def __exit__(self, *a):
        print('never')
try:
    with BadEnter():
        pass
except RuntimeError as e:
    print(e)

# missing protocol methods
class NoExit:
    def __enter__(self): pass
try:
    with NoExit():
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    with 42:
        pass
except TypeError as e:
    print(type(e).__name__, e)

# the managers come from the type, not the instance
class Inst: pass
obj = Inst()
obj.__enter__ = lambda: 1
obj.__exit__ = lambda *a: None
try:
    with obj:
        pass
except TypeError as e:
    print(type(e).__name__, e)

# a truthy non-bool return value suppresses too
class Truthy:
    def __enter__(self): return self
    def __exit__(self, *a): return 'yes'
with Truthy():
    1 / 0
print('suppressed by a truthy value')
