# dict iterators and views under mutation, reversed(), __length_hint__ and __reduce__.
def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {16: 0, 0: 1, 1: 1, 2: 1, 3: 1}
it = iter(d)
print(next(it))
d[99] = 0
attempt(lambda: next(it))
del d[99]
attempt(lambda: next(it))  # stays an error once the size changed
it = iter(d)
print(next(it))
del d[3]
d[98] = 0
print([next(it) for _ in range(3)])
attempt(lambda: next(it))
d6 = {1: 1, 2: 2, 3: 3}
it6 = iter(d6)
print(next(it6))
del d6[1]
d6[1] = 1
attempt(lambda: [next(it6) for _ in range(3)])
r = reversed(d6)
print(next(r))
d6[9] = 9
attempt(lambda: next(r))
it4 = iter(d.items())
print(it4.__length_hint__(), next(it4), it4.__length_hint__(), it4.__reduce__())
print(reversed(d).__reduce__(), iter(d.values()).__reduce__())
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
print(type(iter(d)).__name__, type(iter(d.values())).__name__, type(iter(d.items())).__name__)
e = {}
ie = iter(e)
attempt(lambda: next(ie))
print(ie.__length_hint__(), list(reversed({})))
# views are live
v = d.values()
d['new'] = 'x'
print(len(v), list(v)[-1], 1 in v, 'x' in v, 'nope' in v)
for view in (d.keys(), d.items()):
    try:
        for x in view:
            d['k' + str(len(d))] = 0
    except RuntimeError as ex:
        print(type(ex).__name__, ex)
