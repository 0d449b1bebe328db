# nonlocal rebinds a variable of an enclosing function scope.
def outer():
    x = 'outer'
    def middle():
        def inner():
            nonlocal x
            x = 'inner'
        inner()
        return x
    r = middle()
    return r, x
print(outer())

def shadow():
    x = 1
    def mid():
        x = 2
        def inner():
            nonlocal x
            x += 10
        inner()
        return x
    return mid(), x
print(shadow())

def accumulate():
    total = 0
    items = []
    def add(v):
        nonlocal total
        total += v
        items.append(v)   # no nonlocal needed to mutate
        return total
    return add
add = accumulate()
print(add(1), add(2), add(3))

# nonlocal with del
def deleter():
    v = 1
    def d():
        nonlocal v
        del v
    d()
    try:
        return v
    except NameError as e:
        return type(e).__name__ + ': ' + str(e)
print(deleter())

# nonlocal inside a method of a class defined in a function
def factory():
    count = 0
    class K:
        def bump(self):
            nonlocal count
            count += 1
            return count
    k = K()
    k.bump(); k.bump()
    return count
print(factory())
