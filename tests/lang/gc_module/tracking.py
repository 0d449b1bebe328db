# gc.is_tracked, get_objects, get_referrers, get_referents.
import gc
# (CPython also untracks some dicts and tuples of atomic values: not tested)
print(gc.is_tracked(1), gc.is_tracked('s'), gc.is_tracked([]), gc.is_tracked(([],)))
class C:
    pass
print(gc.is_tracked(C()), gc.is_tracked(C), gc.is_tracked(lambda: 0), gc.is_tracked(None), gc.is_tracked(1.5))
target = ['target']
holder = [target]
other = {'k': target}
refs = gc.get_referrers(target)
print(any(r is holder for r in refs), any(r is other for r in refs))
print(gc.get_referents([1, 'a']) == [1, 'a'] or sorted(map(repr, gc.get_referents([1, 'a']))))
c = C()
c.field = 'value'
print(any(r is C for r in gc.get_referents(c)))
objs = gc.get_objects()
print(type(objs).__name__, any(o is holder for o in objs), len(objs) > 10)
print(any(o is holder for o in gc.get_objects(generation=None)))
try:
    gc.get_objects(generation=5)
except ValueError as e:
    print(type(e).__name__ + ':', e)
