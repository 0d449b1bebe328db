# print() and sys.stdout: replaced, None, missing; ids, hashes and constants of builtins.
import sys, builtins
class Capture:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
real = sys.stdout
cap = Capture()
sys.stdout = cap
print('to', 'capture', sep='+')
print()
sys.stdout = real
print(cap.parts)
sys.stdout = None
print('discarded', sep=5)
sys.stdout = real
print('back')
del sys.stdout
try:
    print('lost')
except RuntimeError as e:
    sys.stdout = real
    print(type(e).__name__ + ':', e)
class Loud:
    def __str__(self):
        print('__str__ runs before write', file=sys.stderr is None or real)
        return 'L'
class W:
    def __getattr__(self, name):
        print('getattr', name, file=real)
        return lambda s: print('write', repr(s), file=real)
print(Loud(), 1, file=W(), end='!')
class BadStr:
    def __str__(self):
        raise ValueError('bad str')
try:
    print('a', BadStr(), 'c')
except ValueError as e:
    print()
    print(type(e).__name__ + ':', e)
class NoWrite:
    pass
try:
    print(file=NoWrite())
except AttributeError as e:
    print(type(e).__name__ + ':', e)
class FlushRaises:
    def write(self, s):
        pass
    def flush(self):
        raise OSError('flush failed')
print('quiet', file=FlushRaises())
try:
    print('x', file=FlushRaises(), flush=1)
except OSError as e:
    print(type(e).__name__ + ':', e)
class BadBool:
    def __bool__(self):
        raise ValueError('no bool')
try:
    print('never printed', flush=BadBool())
except ValueError as e:
    print(type(e).__name__ + ':', e)
print('a', 'b', sep=None, end=None)
class SubStr(str):
    pass
print('x', 'y', sep=SubStr('<>'), end=SubStr('|\n'))
print('\udcff'.encode('utf-8', 'surrogateescape'), 'surrogate'.rjust(12))
# constants and a few identities
print([getattr(builtins, n) for n in ('None', 'Ellipsis', 'NotImplemented', 'True', 'False', '__debug__')], __debug__)
print(builtins.__name__, builtins.__doc__.splitlines()[0], type(builtins.len).__name__, builtins.len.__module__, builtins.len.__name__)
print(len.__doc__, abs.__text_signature__, repr(print.__text_signature__), sum.__text_signature__)
x = object()
print(id(x) == id(x), id(1) == id(1), id(None) == id(None), id(x) != id(object()) or 'reused', type(id(2.5)).__name__, id(True) != id(1))
print(hash(1) == hash(1.0) == hash(True), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(0.5), hash(float('inf')))
try:
    hash([])
except TypeError as e:
    print(type(e).__name__ + ':', e)
print(callable(print), callable(int), callable(1), callable(lambda: 0), callable(type('C', (), {'__call__': lambda s: 0})()))
print(ascii('é\x00'), repr('é'), ascii(b'\xe9'), repr(S) if (S := None) else ascii([S]))
