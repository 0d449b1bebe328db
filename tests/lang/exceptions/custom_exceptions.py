# User-defined exception classes.
class AppError(Exception):
    """Base for this app."""

class NotFound(AppError):
    def __init__(self, key, where):
        super().__init__(f'{key!r} not found in {where}')
        self.key = key
        self.where = where

class Odd(AppError):
    def __init__(self, value):
        self.value = value     # super().__init__ not called: args from the call
    def __str__(self):
        return f'odd value {self.value}'

try:
    raise NotFound('x', 'table')
except AppError as e:
    print(type(e).__name__, e, e.key, e.where, e.args)

try:
    raise Odd(3)
except AppError as e:
    print(type(e).__name__, e, repr(e), e.args)

print(NotFound.__mro__[1:3], issubclass(NotFound, Exception), NotFound.__doc__)

class WithRepr(Exception):
    def __repr__(self):
        return 'WithRepr!'
print(repr(WithRepr()), str(WithRepr('s')))

# exceptions can carry any payload in args
class Payload(Exception):
    pass
p = Payload({'a': 1}, [2])
print(p.args, str(p))

# raise a class: instantiated with no arguments
try:
    raise Payload
except Payload as e:
    print(repr(e))

# raising a non-exception
for bad in (42, 'str', object, type):
    try:
        raise bad
    except TypeError as e:
        print(type(e).__name__, e)

# BaseException subclasses are not caught by except Exception
class Fatal(BaseException):
    pass
try:
    try:
        raise Fatal('f')
    except Exception:
        print('not here')
except BaseException as e:
    print('caught as BaseException:', repr(e))

# __init__ failing while raising
class Broken(Exception):
    def __init__(self):
        raise ValueError('broken init')
try:
    raise Broken
except ValueError as e:
    print(type(e).__name__, e)
