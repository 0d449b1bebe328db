# list methods and errors.
l = [3, 1, 2]
l.append(4); l.extend((5, 6)); l.insert(0, 0); l.insert(-1, 'x'); l.insert(100, 'end'); l.insert(-100, 'start')
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(3)
print(l, l.index(2), l.index(2, 2) if 2 in l[2:] else '-', l.count(1), len(l))
l.reverse()
print(l, l.copy(), l.copy() is l)
l.clear()
print(l, [1, 2] * 2, [[]] * 2, [1] + [2], [1, 2, 3][::-1], list(), list('ab'), list({'k': 1}), list(range(3)))
for fn in (lambda: [].pop(), lambda: [1].pop(5), lambda: [1].remove(2), lambda: [1].index(2), lambda: [1, 2].index(1, 1),
           lambda: [].extend(5), lambda: [1].insert('a', 1), lambda: list(5), lambda: [1] * 'a', lambda: [1].pop('x')):
    try:
        fn()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
a = [1, 2, 3]
b = a
a += [4]
a *= 2
print(b, a is b, [1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0], [] == [], [1, [2]] == [1, [2]])
nested = [[1, 2], [3]]
copy = nested.copy()
copy[0].append(99)
print(nested, copy[0] is nested[0])
print(sum([[1], [2]], []), [x for x in [3, 1, 2] if x > 1], list(map(str, [1, 2])), [None] * 3)
lst = [1, 2, 3, 4, 5]
lst[1:4] = []
print(lst, lst.__len__(), lst.__getitem__(0), lst.__contains__(5), lst.__iadd__([6]) is lst, lst)
print(repr([1, 'a', None, 2.5, (1,), {1: 2}, {3}]), str([]), list.__name__, [].__class__ is list)
