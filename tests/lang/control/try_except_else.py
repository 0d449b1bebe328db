# try / except / else / finally ordering and matching.
def attempt(action):
    log = []
    try:
        log.append('try')
        action()
    except (KeyError, IndexError) as e:
        log.append('lookup ' + type(e).__name__)
    except ArithmeticError:
        log.append('arith')
    except Exception as e:
        log.append('other ' + type(e).__name__)
    else:
        log.append('else')
    finally:
        log.append('finally')
    return log

print(attempt(lambda: None))
print(attempt(lambda: {}['k']))
print(attempt(lambda: [][0]))
print(attempt(lambda: 1 / 0))
print(attempt(lambda: int('x')))

# an exception raised in else is not handled by the same try
def else_raises():
    try:
        pass
    except ValueError:
        return 'handled'
    else:
        raise ValueError('from else')
try:
    else_raises()
except ValueError as e:
    print('escaped:', e)

# the `as` name is deleted at the end of the handler
e = 'before'
try:
    raise TypeError('t')
except TypeError as e:
    pass
print('e' in dir())

# bare except catches everything, including BaseException
try:
    raise SystemExit(3)
except:
    print('bare except caught SystemExit')

# handlers are tried in order; the first match wins
try:
    raise FileNotFoundError('f')
except OSError:
    print('OSError handler')
except FileNotFoundError:
    print('never reached')

# the except expression is evaluated lazily, only when needed
def which():
    print('evaluating except clause')
    return ZeroDivisionError
try:
    1 / 0
except which():
    print('matched dynamic class')

# a non-exception class in except is an error when it is checked
try:
    try:
        raise ValueError
    except 42:
        pass
except TypeError as e:
    print(type(e).__name__, e)
