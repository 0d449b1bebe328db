# except* with exception groups (PEP 654).
def describe(eg):
    if isinstance(eg, BaseExceptionGroup):
        return f'{type(eg).__name__}({eg.message!r}, [{", ".join(describe(x) for x in eg.exceptions)}])'
    return f'{type(eg).__name__}({eg})'

try:
    raise ExceptionGroup('many', [ValueError(1), TypeError(2), ValueError(3), KeyError(4)])
except* ValueError as g:
    print('ValueErrors:', describe(g))
except* (TypeError, KeyError) as g:
    print('Type/KeyErrors:', describe(g))

# unhandled parts are re-raised as a group
try:
    try:
        raise ExceptionGroup('eg', [ValueError('v'), OSError('o')])
    except* ValueError:
        print('handled ValueError')
except ExceptionGroup as rest:
    print('rest:', describe(rest))

# a naked exception is wrapped in a group for the handler
try:
    raise ValueError('naked')
except* ValueError as g:
    print('wrapped:', describe(g))

# nested groups keep their structure
try:
    raise ExceptionGroup('outer', [ValueError('a'), ExceptionGroup('inner', [ValueError('b'), TypeError('c')])])
except* ValueError as g:
    print(describe(g))
except* TypeError as g:
    print(describe(g))

# raising in an except* handler
try:
    try:
        raise ExceptionGroup('src', [KeyError('k')])
    except* KeyError:
        raise RuntimeError('handler failed')
except ExceptionGroup as e:
    print('raised:', describe(e))
    print('context of raised:', describe(e.exceptions[0].__context__))

# a bare raise in except* re-raises the matched part
try:
    try:
        raise ExceptionGroup('src', [KeyError('k'), ValueError('v')])
    except* KeyError:
        raise
except ExceptionGroup as e:
    print('reraised:', describe(e))

# except* cannot match ExceptionGroup itself
try:
    try:
        raise ExceptionGroup('x', [ValueError()])
    except* ExceptionGroup:
        pass
except TypeError as e:
    print(type(e).__name__, e)

# else and finally work with except*
try:
    pass
except* ValueError:
    print('no')
else:
    print('else ran')
finally:
    print('finally ran')
