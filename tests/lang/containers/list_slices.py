# list slice assignment and deletion, extended slices, index errors.
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)

def assign(l, s, v):
    try:
        l[s] = v
    except Exception as e:
        print(type(e).__name__ + ':', e)
    print(l)

def delete(l, s):
    try:
        del l[s]
    except Exception as e:
        print(type(e).__name__ + ':', e)
    print(l)

base = list(range(1, 10))
delete(base[:], slice(1, None, 3))
delete(base[:], slice(None, None, -2))
delete(base[:], slice(None, None, 1))
delete(base[:], slice(100, 200))
delete(base[:], slice(-100, 2))
delete(base[:], 4)
delete(base[:], -1)
delete(base[:], 9)
delete(base[:], 'a')
assign(base[:], slice(None, None, -3), 'abc')
assign(base[:], slice(3, 1), 'xy')
assign(base[:], slice(1, 8, 2), [0, 0, 0, 0])
assign(base[:], slice(1, 8, 2), [0, 0])
assign(base[:], slice(None, None, 2), 5)
assign(base[:], slice(1, 2), 5)
assign(base[:], slice(1, 2), iter('abc'))
assign(base[:], slice(1, 2), {'k': 1})
assign(base[:], slice(None), ())
assign(base[:], slice(5, 3, -1), [])
assign(base[:], slice(None, None, 0), [])
assign(base[:], slice('a', None), [])
assign(base[:], 10, 0)
assign(base[:], -10, 0)
assign(base[:], -9, 'first')
assign(base[:], 2.0, 0)
l = [1, 2, 3]
l[:] = l
print(l)
l[::-1] = l
print(l)
l[1:1] = l
print(l)
l[len(l):] = [9, 9]
print(l)
print(base[2:8:2], base[::-3], base[-100:100], base[5:1], base[5:1:-1], base[::-1][:2])
show(lambda: base[::0])
show(lambda: base[10 ** 20])
show(lambda: base[-10])
show(lambda: base[True])
show(lambda: base[1.0])
show(lambda: base[None:None:None])
show(lambda: base[10 ** 20:])
show(lambda: base[:-10 ** 20])
class Idx:
    def __index__(self):
        return 2
print(base[Idx()], base[Idx():], base[:Idx()], [1] * Idx(), Idx() * (1,))
nested = [1]
nested.append(nested)
print(nested, [nested, (nested,)])
