# Implicit exception chaining through __context__.
def chain(e):
    out = []
    while e is not None:
        out.append(type(e).__name__ + ':' + str(e))
        e = e.__context__
    return ' <- '.join(out)

try:
    try:
        raise KeyError('first')
    except KeyError:
        raise ValueError('second')
except ValueError as e:
    print(chain(e), e.__cause__, e.__suppress_context__)

# raising in finally chains too
try:
    try:
        raise TypeError('in try')
    finally:
        raise OSError('in finally')
except OSError as e:
    print(chain(e))

# three levels
try:
    try:
        try:
            raise IndexError('one')
        except IndexError:
            raise KeyError('two')
    except KeyError:
        raise RuntimeError('three')
except RuntimeError as e:
    print(chain(e))

# a bare raise re-raises the current exception unchanged
def reraise():
    try:
        raise LookupError('orig')
    except LookupError:
        raise
try:
    reraise()
except LookupError as e:
    print(chain(e))

# raising the same exception that is being handled does not make a cycle
try:
    try:
        raise ValueError('self')
    except ValueError as v:
        raise v
except ValueError as e:
    print(chain(e), e.__context__)

# context is the exception being handled when the new one is raised
try:
    try:
        raise KeyError('a')
    except KeyError as a:
        try:
            raise KeyError('b')
        except KeyError:
            pass
        raise ValueError('c')
except ValueError as e:
    print(chain(e))

# handling in a called function
def handler():
    try:
        raise NameError('inner')
    except NameError:
        return sys_exc()
def sys_exc():
    import sys
    return repr(sys.exc_info()[1])
print(handler())

# no active exception
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)
