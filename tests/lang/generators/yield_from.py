# yield from: delegation, send/throw forwarding, return values.
def inner():
    x = yield 'i1'
    print('inner got', x)
    y = yield 'i2'
    print('inner got', y)
    return 'inner result'

def outer():
    result = yield from inner()
    print('outer got', result)
    yield 'o1'
    return 'outer result'

g = outer()
print(next(g))
print(g.send('A'))
print(g.send('B'))
try:
    g.send('C')
except StopIteration as e:
    print('final', e.value)

# yield from any iterable
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], 'ab', range(2), {'k': 0})))

# throw is forwarded to the innermost generator
def sub():
    try:
        yield 1
    except ValueError:
        yield 'sub handled'
def delegator():
    yield from sub()
    yield 'after'
d = delegator()
next(d)
print(d.throw(ValueError))
print(next(d))

# close is forwarded too
def sub2():
    try:
        yield
    finally:
        print('sub2 closed')
def del2():
    try:
        yield from sub2()
    finally:
        print('del2 closed')
d2 = del2(); next(d2); d2.close()

# recursion with yield from
def flatten(x):
    if isinstance(x, list):
        for item in x:
            yield from flatten(item)
    else:
        yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))

# the value of yield from a plain iterator is None
def plain():
    r = yield from [1]
    yield r
print(list(plain()))
