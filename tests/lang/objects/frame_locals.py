# Frame objects keep the locals of ended frames and see those of suspended
# generators; clear(), f_trace and friends, f_lineno assignment refused.
import sys
def f():
    x = 1
    y = [2]
    return sys._getframe()
fr = f()
print(sorted(fr.f_locals.items()), fr.f_lineno, fr.f_back is sys._getframe(), fr.f_code.co_name)
fr.clear()
print(fr.f_locals)
def g():
    a = 1
    try:
        1/0
    except ZeroDivisionError as e:
        return e
e = g()
tb = e.__traceback__
print(tb.tb_frame.f_code.co_name, sorted(tb.tb_frame.f_locals), tb.tb_lineno, tb.tb_frame.f_lineno)
def h():
    z = 5
    raise KeyError(z)
try:
    h()
except KeyError as e:
    fr2 = e.__traceback__.tb_next.tb_frame
    print(fr2.f_locals, fr2.f_code.co_name, fr2.f_lineno)
def gen():
    q = 1
    yield q
    w = 2
    yield w
gg = gen()
print(gg.gi_frame.f_locals, gg.gi_frame.f_lasti)
next(gg)
print(gg.gi_frame.f_locals, gg.gi_frame.f_lineno)
gf = gg.gi_frame
next(gg)
print(gf.f_locals, gf.f_lineno)
def gen2():
    try:
        yield 1
    finally:
        print("closing gen2")
g2 = gen2(); next(g2)
g2.gi_frame.clear()
print(g2.gi_frame, g2.gi_suspended if hasattr(g2, 'gi_suspended') else '')
try:
    sys._getframe().clear()
except RuntimeError as e:
    print("RuntimeError", e)
top = sys._getframe()
print(top.f_trace, top.f_trace_lines, top.f_trace_opcodes)
top.f_trace_lines = False
print(top.f_trace_lines)
try: top.f_trace_lines = 1
except TypeError as e: print("TypeError", e)
try: top.f_lineno = 3
except ValueError as e: print("ValueError", e)
top.f_trace = print
print(top.f_trace is print)
del top.f_trace
print(top.f_trace)
def gen3():
    try:
        yield 1
    finally:
        raise ValueError("boom in finally")
g3 = gen3(); next(g3)
def hook(a): print("HOOK", a.exc_type.__name__, a.exc_value, type(a.object).__name__, a.err_msg)
sys.unraisablehook = hook
g3.gi_frame.clear()
print(g3.gi_frame)
g4 = gen3(); next(g4); del g4
print("end")
