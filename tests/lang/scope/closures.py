# Closures capture variables (cells), not values.
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    def get():
        return n
    return inc, get

inc, get = counter()
inc(); inc()
print(get())
inc2, get2 = counter()
print(inc2(), get())

# late binding: every closure sees the final value of the loop variable
fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])

# a fresh scope per iteration fixes it
def make(i):
    return lambda: i
print([make(i)() for i in range(3)])

# closures over parameters and over variables assigned after the def
def outer(x):
    def show():
        return x, y
    y = 'later'
    return show
print(outer(1)())

# three levels deep
def a():
    v = 'a'
    def b():
        def c():
            return v + '!'
        return c
    return b()()
print(a())

# the cell is shared even after the outer frame is gone
def pair():
    box = []
    return box.append, lambda: list(box)
push, peek = pair()
push(1); push(2)
print(peek())
print(inc.__closure__[0].cell_contents)
