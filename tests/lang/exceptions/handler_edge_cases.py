# Corner cases of exception handlers.
# the except target is unbound after the handler, even in a closure
def closure_after_handler():
    try:
        raise ValueError('v')
    except ValueError as err:
        pass
    def get():
        return err
    try:
        return get()
    except NameError as e:
        return type(e).__name__ + ': ' + str(e)
print(closure_after_handler())

# the handler target shadows and then deletes a previous binding
err = 'global value'
try:
    raise KeyError
except KeyError as err:
    pass
print('err' in globals())

# an exception inside the except clause expression
def bad_class():
    raise RuntimeError('evaluating the except clause failed')
try:
    try:
        raise ValueError('original')
    except bad_class():
        pass
except RuntimeError as e:
    print(type(e).__name__, e, '| context:', repr(e.__context__))

# a handler that raises replaces the exception; finally still runs
def replace():
    try:
        raise ValueError('first')
    except ValueError:
        raise TypeError('second')
    finally:
        print('finally after replacement')
try:
    replace()
except TypeError as e:
    print('got', repr(e), 'context', repr(e.__context__))

# return in except, then finally overrides
def order():
    log = []
    try:
        raise ValueError
    except ValueError:
        log.append('except')
        return log + ['from except']
    finally:
        log.append('finally')
print(order())

# exceptions raised in a loop body with continue in the handler
results = []
for v in ['1', 'x', '3', None]:
    try:
        results.append(int(v))
    except ValueError:
        results.append('bad')
        continue
    except TypeError:
        results.append('none')
        break
    finally:
        results.append('|')
print(results)

# re-raising a caught exception later keeps its identity and traceback chain
saved = None
try:
    raise LookupError('saved')
except LookupError as e:
    saved = e
try:
    raise saved
except LookupError as e:
    print(e is saved, e.__traceback__ is not None)

# exception instances with the same message are distinct
a, b = ValueError('same'), ValueError('same')
print(a == b, a is b, a.args == b.args)

# try/except inside generator expressions is impossible, but inside called functions works
def safe_int(s):
    try:
        return int(s)
    except ValueError:
        return None
print([safe_int(s) for s in ['4', 'four', '-2']])
