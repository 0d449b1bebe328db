# Evaluation order and control-flow semantics the compiler must get right:
# augmented/chained assignment, calls, comparisons, finally, with, unpacking,
# decorators, class creation.
log = []
def t(x):
    log.append(x)
    return x
class D(dict):
    def __getitem__(self, k):
        log.append(('get', k)); return super().__getitem__(k)
    def __setitem__(self, k, v):
        log.append(('set', k, v)); super().__setitem__(k, v)
d = D(a=1)
t(d)[t('a')] += t(5)
print(log); log.clear()
# evaluation order of assignment: value first, then targets left to right
a = {}
t(a)[t('x')] = t(a)[t('y')] = t(9)
print(log, a); log.clear()
# dict display order
print({t('k1'): t('v1'), t('k2'): t('v2')}); print(log); log.clear()
# call argument order
def f(*a, **k): return a, k
f(t(1), *[t(2)], x=t(3), **{'y': t(4)})
print(log); log.clear()
# chained comparison evaluates middle once
print(t(1) < t(2) < t(3), log); log.clear()
print(t(3) < t(2) < t(1), log); log.clear()
# try/finally return override
def tf():
    try:
        return 'try'
    finally:
        return 'finally'
print(tf())
def tf2():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            log.append(('fin', i))
    return i
print(tf2(), log); log.clear()
def tf3():
    try:
        raise ValueError
    except ValueError:
        return 'handled'
    finally:
        log.append('fin3')
print(tf3(), log); log.clear()
def tf4():
    for i in range(3):
        try:
            continue
        finally:
            log.append(i)
    return log
print(tf4()); log.clear()
# exception variable is deleted after except
def exc_del():
    e = 1
    try:
        raise KeyError
    except KeyError as e:
        pass
    try:
        return e
    except UnboundLocalError as err:
        return str(err)
print(exc_del())
# nested with and exceptions
class CM:
    def __init__(self, n, swallow=False): self.n = n; self.swallow = swallow
    def __enter__(self): log.append(('enter', self.n)); return self.n
    def __exit__(self, et, ev, tb):
        log.append(('exit', self.n, et.__name__ if et else None)); return self.swallow
with CM(1) as a, CM(2, True) as b:
    raise ValueError
print(log); log.clear()
def with_ret():
    with CM(3):
        with CM(4):
            return 'r'
print(with_ret(), log); log.clear()
for i in range(2):
    with CM(i):
        if i == 0:
            continue
        break
print(log); log.clear()
# star unpacking
first, *mid, last = range(6)
print(first, mid, last)
(a, b), *c = [(1, 2), 3, 4]
print(a, b, c)
[*x] = 'ab'
print(x)
print([*range(2), *'ab'], {**{'a': 1}, 'b': 2}, {*'ab'} == {'a', 'b'}, (*[1],))
# conditional expression and boolean short-circuit values
print(0 or '' or [] or 'last', 1 and 2 and 0 and 3, not 0)
# decorators evaluation order
def deco(name):
    log.append(('make', name))
    def d(f):
        log.append(('apply', name)); return f
    return d
@deco('a')
@deco('b')
def decorated(): pass
print(log); log.clear()
# class keyword arguments and bases evaluated in order
class Meta(type):
    def __new__(m, name, bases, ns, **kw):
        log.append(('meta', name, sorted(kw)))
        return super().__new__(m, name, bases, ns)
class K(t(object), metaclass=Meta, extra=t(1)):
    log.append('body')
print(log); log.clear()
# augmented assignment on attributes
class O: pass
o = O(); o.v = [1]
o.v += [2]
print(o.v)
# slices
s = list(range(10))
s[1:3] = ['a']
s[::3] = [0] * len(s[::3])
del s[-2:]
print(s)
# global declared in function, used at module
def mk():
    global made
    made = 'yes'
mk(); print(made)
# assert with message evaluation
try:
    assert t(0), t('msg')
except AssertionError as e:
    print(e.args, log); log.clear()
# while-else and for-else
for i in []:
    pass
else:
    print('for-else')
n = 0
while n < 2:
    n += 1
else:
    print('while-else', n)
