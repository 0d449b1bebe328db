# Struct sequences: sys.version_info, sys.flags and the other named tuples of sys.
import sys
V = type(sys.version_info)
print(V, V.__name__, V.__qualname__, V.__module__, V.__mro__)
print(V.n_sequence_fields, V.n_fields, V.n_unnamed_fields, V.__match_args__)
print(V.major, type(V.major).__name__, V.major.__name__, V.major.__objclass__ is V)
print(sorted(k for k in V.__dict__ if k != '__module__'))
print(sys.version_info.__reduce__()[1][1], type(sys.version_info.__reduce__()[1][0]).__name__)
print(repr(sys.version_info)[:40])
print(sys.float_info)
print(sys.int_info)
print(repr(sys.hash_info)[:90])
print(type(sys.thread_info).__name__, sys.thread_info.name, sys.thread_info[:2])
# they are tuples: indexing, slicing, unpacking, comparison, hashing, concatenation
vi = sys.version_info
major, minor, *rest = vi
print(major, minor, len(rest), vi[0], vi[-1], vi[1:3], type(vi[:2]).__name__)
print(vi > (3, 10), vi < (3, 12), vi == tuple(vi), hash(vi) == hash(tuple(vi)), vi + (1,), type(vi * 1).__name__)
print(vi.count(3), vi.index(11), 11 in vi, isinstance(vi, tuple), list(reversed(vi))[0])
match vi:
    case V(3, minor_version):
        print('matched 3.x', minor_version >= 11)
for bad in (lambda: setattr(vi, 'major', 4), lambda: V.major.__set__(vi, 3), lambda: delattr(vi, 'minor')):
    try:
        bad()
    except AttributeError as e:
        print('AttributeError:', e)
try:
    vi[0] = 1
except TypeError as e:
    print('TypeError:', e)
for T in (V, type(sys.flags), type(sys.float_info), type(sys.int_info), type(sys.hash_info)):
    try:
        T((1,) * T.n_fields)
    except TypeError as e:
        print('TypeError:', e)
try:
    class Sub(V):
        pass
except TypeError as e:
    print('TypeError:', e)
f = sys.flags
print(len(f), f[:3], type(f.dev_mode).__name__, type(f.safe_path).__name__, f.int_max_str_digits)
print(V.__doc__.splitlines()[0], type(sys.flags).__doc__.splitlines()[0])
print(type(V.__dict__['n_fields']).__name__, V.__dict__['__match_args__'][:2])
# float_info and friends can be made from a sequence (and a dict for the rest)
FI = type(sys.float_info)
print(FI(range(11)).max_exp, '__new__' in FI.__dict__, '__new__' in V.__dict__)
for arg in ((1, 2), tuple(range(12)), 5, iter(range(11))):
    try:
        print(FI(arg)[:3])
    except TypeError as e:
        print('TypeError:', e)
try:
    FI(range(11), 5)
except TypeError as e:
    print('TypeError:', e)
print(FI(sequence=range(11), dict={'max': 9}).max, FI(range(11)).__reduce__())
