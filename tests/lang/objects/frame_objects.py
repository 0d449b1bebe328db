# frame objects via sys._getframe and tracebacks.
import sys

def where():
    f = sys._getframe()
    caller = sys._getframe(1)
    return f.f_code.co_name, caller.f_code.co_name, f.f_back is caller, f.f_lineno

def outer():
    return where()
print(outer())
top = sys._getframe()
print(top.f_code.co_name, top.f_back, top.f_globals is globals(), top.f_locals is globals())
print(type(top).__name__, type(top.f_lineno).__name__, type(top.f_lasti).__name__)

def locals_of_frame():
    x, y = 1, 'two'
    return sys._getframe().f_locals
print(locals_of_frame())
try:
    sys._getframe(1000)
except ValueError as e:
    print(type(e).__name__ + ':', e)

def chain():
    names = []
    f = sys._getframe()
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names
def a(): return b()
def b(): return chain()
print(a())

# frames of generators
def g():
    yield sys._getframe().f_code.co_name
    yield sys._getframe().f_back.f_code.co_name
gen = g()
print(next(gen), next(gen), gen.gi_frame.f_code.co_name)
print(sys._getframe().f_builtins is __builtins__.__dict__ if hasattr(__builtins__, '__dict__') else 'builtins dict')
def lineno():
    return sys._getframe(1).f_lineno
print(lineno(), lineno())
f_clear = None
def make_frame():
    return sys._getframe()
fr = make_frame()
print(fr.f_code.co_name, fr.f_back is top)
fr.clear()
print('cleared')
