# NameError and UnboundLocalError messages.
def show(fn):
    try:
        fn()
    except NameError as e:
        print(type(e).__name__ + ':', e, '| is NameError:', isinstance(e, NameError))

def undefined():
    return not_defined_anywhere
show(undefined)

x = 1
def local_before_assign():
    print(x)
    x = 2
show(local_before_assign)

def deleted():
    y = 1
    del y
    return y
show(deleted)

def free_unbound():
    def inner():
        return z
    r = inner
    try:
        return r()
    finally:
        pass
    z = 1
show(free_unbound)

def del_twice():
    q = 1
    del q
    del q
show(del_twice)

def cond(flag):
    if flag:
        v = 'set'
    return v
print(cond(True))
show(lambda: cond(False))

class C:
    def m(self):
        return undefined_in_method
show(C().m)
try:
    del never_existed
except NameError as e:
    print(type(e).__name__ + ':', e, e.name if hasattr(e, 'name') else '')
