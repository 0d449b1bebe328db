# code.replace(), equality and hashing of code objects, co_positions()
# against tb_lasti, co_lines(); replacements Krait refuses are not used.
def sample(a, b=1, *args, k, **kw):
    "doc"
    x = a + b
    def inner():
        return x
    return inner
co = sample.__code__
print(co == sample.__code__, hash(co) == hash(co))
c2 = co.replace(co_name='other', co_filename='zz.py', co_firstlineno=99)
print(c2.co_name, c2.co_filename, c2.co_firstlineno, c2 == co, c2.co_varnames == co.co_varnames)
c3 = co.replace()
print(c3 == co, hash(c3) == hash(co), c3 is co)
for bad in [dict(co_name=5), dict(co_consts=[1]), dict(co_names=(1,)), dict(co_argcount='x'), dict(co_argcount=2**40), dict(co_filename=None), dict(co_code='x'), dict(co_linetable=1)]:
    try:
        co.replace(**bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    co.replace(1)
except TypeError as e: print(e)
try:
    co.replace(co_nme='x')
except TypeError as e: print(e)
def f(): return 1
f.__code__ = f.__code__.replace(co_consts=tuple(2 if c == 1 else c for c in f.__code__.co_consts))
print(f())
def g(a):
    return a.real
print(g.__code__.co_names, g.__code__.replace(co_names=('imag',)).co_names)
g.__code__ = g.__code__.replace(co_names=('imag',))
print(g(3+4j))
print((lambda: 0).__code__ == (lambda: 0).__code__)
print((lambda: 0.0).__code__ == (lambda: -0.0).__code__, (lambda: 0).__code__ == (lambda: False).__code__)
import sys
def lines():
    a = 1
    b = 2
    return a + b
def pos():
    try:
        1/0
    except ZeroDivisionError as e:
        tb = e.__traceback__
        return list(pos.__code__.co_positions())[tb.tb_lasti // 2], tb.tb_lineno
print(pos())
print(type(co.co_lnotab), type(co.co_linetable), type(co.co_exceptiontable))
