# Iterable unpacking in targets and displays.
a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = 'abcd'
print(init, last)
head, *middle, tail = range(5)
print(head, middle, tail)
x, *y = [0]
print(x, y)
(p, q), [r, *s] = 'pq', (1, 2, 3)
print(p, q, r, s)
[*only] = (7, 8)
print(only)
for k, *vs in [(1, 2, 3), (4,)]:
    print(k, vs)

# errors
def show(fn):
    try:
        fn()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
def two(v):
    m, n = v
def three_star(v):
    m, n, *o = v
show(lambda: two([1]))
show(lambda: two([1, 2, 3]))
show(lambda: two(5))
show(lambda: three_star([1]))
show(lambda: two(iter([1, 2, 3])))

# displays
print([*range(3), *'ab', 9])
print((*[1, 2],))
print({*[1, 2], *(2, 3)})
print({**{'a': 1}, 'b': 2, **{'a': 3}})
print([*[], *()])
show(lambda: [*5])
show(lambda: {**[1]})

# chained assignment evaluates the value once, assigns left to right
def val():
    print('val computed')
    return [1, 2]
m = n = val()
print(m is n)
i, j = k = (5, 6)
print(i, j, k)

# unpacking into subscripts and attributes, evaluation order
class O: pass
o = O()
lst = [0, 0, 0]
o.a, lst[1], lst[o.a] = 2, 'one', 'two'
print(o.a, lst)
idx = [0, 1]
i, idx[i] = 1, 99
print(i, idx)
