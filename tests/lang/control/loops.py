# for/while loops with else, break and continue.
for i in range(3):
    print('for', i)
else:
    print('for else runs when no break')

for i in range(10):
    if i == 2:
        break
else:
    print('not printed')
print('broke at', i)

n = 0
while n < 5:
    n += 1
    if n % 2:
        continue
    print('even', n)
else:
    print('while else, n =', n)

while True:
    break
else:
    print('not printed either')

# nested loops: break leaves only the innermost
found = []
for a in range(3):
    for b in range(3):
        if b > a:
            break
        found.append((a, b))
print(found)

# the loop variable keeps its last value; an empty loop leaves it unbound
for last in 'xyz':
    pass
print(last)
for never in []:
    pass
print('never' in dir())

# assigning to the loop variable does not affect iteration
for k in range(3):
    print(k, end=' ')
    k = 100
print()

# tuple targets, nested targets, attribute and subscript targets
for (p, (q, r)) in [(1, (2, 3)), (4, (5, 6))]:
    print(p + q + r, end=' ')
print()
class Box: pass
box = Box()
slots = [0, 0]
for box.attr, slots[1] in [(1, 'a'), (2, 'b')]:
    pass
print(box.attr, slots)

# mutating a list while iterating it
items = [1, 2, 3, 4]
for x in items:
    if x == 2:
        items.remove(x)
print(items)
# a dict cannot change size while iterating
d = {1: 1, 2: 2}
try:
    for key in d:
        d[key + 10] = 0
except RuntimeError as e:
    print(type(e).__name__, e)
