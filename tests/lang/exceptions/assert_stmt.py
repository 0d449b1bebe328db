# assert statements.
print(__debug__)
assert True
assert 1 == 1, 'never evaluated'

try:
    assert 1 + 1 == 3
except AssertionError as e:
    print(type(e).__name__, repr(e), e.args)

try:
    assert [], 'empty list is falsy'
except AssertionError as e:
    print(repr(e), e.args)

def msg():
    print('message evaluated')
    return {'detail': 42}
try:
    assert False, msg()
except AssertionError as e:
    print(e.args[0])

assert True, msg()  # the message is not evaluated when the test passes

x = 5
try:
    assert x < 0, f'x is {x}'
except AssertionError as e:
    print(e)

# AssertionError can be raised like any other exception
try:
    raise AssertionError('manual', 2)
except AssertionError as e:
    print(e.args)
print(issubclass(AssertionError, Exception))
