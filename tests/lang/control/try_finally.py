# finally: runs on every exit path; return/break/continue inside it.
def normal():
    try:
        print('try')
    finally:
        print('finally')
normal()

def returns():
    try:
        return 'from try'
    finally:
        print('finally before return')
print(returns())

def override():
    try:
        return 'try'
    finally:
        return 'finally wins'
print(override())

def swallow():
    try:
        raise ValueError('lost')
    finally:
        return 'exception swallowed by return'
print(swallow())

def loop_break():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return 'break in finally discards the exception, i=%d' % i
print(loop_break())

def loop_continue():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise KeyError(i)
            out.append(i)
        finally:
            out.append('f%d' % i)
            continue
    return out
print(loop_continue())

def break_through_finally():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print('finally', i)
    return i
print(break_through_finally())

def continue_through_finally():
    for i in range(2):
        try:
            continue
        finally:
            print('cleanup', i)
continue_through_finally()

def value_evaluated_before_finally():
    x = 1
    try:
        return x
    finally:
        x = 2
print(value_evaluated_before_finally())

def nested():
    try:
        try:
            raise IndexError('inner')
        finally:
            print('inner finally')
    except IndexError as e:
        print('outer caught', e)
    finally:
        print('outer finally')
nested()

def exception_in_finally():
    try:
        raise KeyError('first')
    finally:
        raise ValueError('second')
try:
    exception_in_finally()
except ValueError as e:
    print(repr(e), 'context:', repr(e.__context__))
