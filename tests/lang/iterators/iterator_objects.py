# Built-in iterator types, exhaustion, __length_hint__ and iter() protocol details.
objs = [[1, 2], (1, 2), 'ab', b'ab', bytearray(b'ab'), {1: 2}, {1, 2}, frozenset({1}), range(2),
        {1: 2}.keys(), {1: 2}.values(), {1: 2}.items(), iter([1]), enumerate([]), zip(), map(str, []),
        filter(None, []), reversed([1]), (x for x in [])]
for o in objs:
    it = iter(o)
    print(type(o).__name__, '->', type(it).__name__, iter(it) is it)
li = iter([1, 2, 3])
print(li.__length_hint__(), next(li), li.__length_hint__(), list(li), li.__length_hint__())
# list iterators notice appends
lst = [1]
it = iter(lst)
print(next(it))
lst.append(2)
print(next(it), next(it, 'done'))
lst.append(3)
print(next(it, 'still done'))
# iter() with a sentinel stops at the sentinel
count = [0]
def tick():
    count[0] += 1
    return count[0]
print(list(iter(tick, 4)))
# next with default, and StopIteration without default
it = iter([])
print(next(it, None))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', e.args)
# iterating a dict while modifying its values is fine
d = {'a': 1, 'b': 2}
for k in d:
    d[k] *= 10
print(d)
# set changed size during iteration
s = {1, 2}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print(type(e).__name__ + ':', e)
# str iterator over non-ASCII
print(list(iter('añ😀')), [ord(c) for c in 'añ😀'])
print(list(zip(*[iter(range(6))] * 2)))
