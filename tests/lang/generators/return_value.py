# return in a generator sets StopIteration.value.
def g():
    yield 1
    return 'the value'

it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(repr(e.value), e.args)

def ret_tuple():
    return (1, 2)
    yield
try:
    next(ret_tuple())
except StopIteration as e:
    print(e.value, e.args)

def ret_none():
    yield
i = ret_none(); next(i)
try:
    next(i)
except StopIteration as e:
    print(e.value, e.args)

# StopIteration raised inside a generator becomes RuntimeError (PEP 479)
def leaky():
    yield 1
    raise StopIteration('inner')
try:
    list(leaky())
except RuntimeError as e:
    print(type(e).__name__, e, '| cause:', type(e.__cause__).__name__, e.__cause__)

def via_next():
    it = iter([])
    yield next(it)
try:
    list(via_next())
except RuntimeError as e:
    print(type(e).__name__, e)

# the value is available through yield from
def wrapper():
    v = yield from g()
    yield 'wrapped ' + v
print(list(wrapper()))

# StopIteration instances
s = StopIteration()
print(s.value, StopIteration(1, 2).value)
