i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    if i == 4:
        break
    print(i)
else:
    print("no")
n = 3
while n:
    n -= 1
else:
    print("else ran", n)
while (m := n + 1) < 3:
    n = m
print(n, m)
def f():
    k = 0
    while True:
        k += 1
        if k > 3: return k
print(f())
while False:
    print("never")
