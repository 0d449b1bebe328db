# lang: expect-stderr
# TracebackType(): argument checks; read-only members; tb_next checks;
# a traceback built by hand is printed like a real one.
import sys

try: raise KeyError
except KeyError as e: t = e.__traceback__
TB = type(t)
for args, kw in [((1, t.tb_frame, 0, 0), {}), ((None, t.tb_frame, 'x', 0), {}), ((None, t.tb_frame, 0), {}), ((), dict(tb_next=None, tb_frame=t.tb_frame, tb_lasti=4, tb_lineno=7)), ((None, t.tb_frame, 0, 0, 5), {}), ((None, t.tb_frame, 2**70, 0), {}), ((None, t.tb_frame, 1.5, 0), {}), ((None, t.tb_frame, -1, -5), {})]:
    try:
        x = TB(*args, **kw)
        print("ok", x.tb_lasti, x.tb_lineno)
    except Exception as e:
        print(type(e).__name__, e)
try: t.tb_frame = None
except Exception as e: print(type(e).__name__, e)
try: t.tb_lineno = 4
except Exception as e: print(type(e).__name__, e)
try: del t.tb_next
except Exception as e: print(type(e).__name__, e)
try: t.tb_next = 5
except Exception as e: print(type(e).__name__, e)
print(TB.__module__, TB.__name__, TB.__qualname__)

def where():
    return sys._getframe()
def origin():
    try:
        1 / 0
    except ZeroDivisionError as e:
        return e.__traceback__
real = origin()
made = TB(real, where(), 0, 42)
print(made.tb_next is real, made.tb_lineno, made.tb_frame.f_code.co_name)
sys.excepthook(ValueError, ValueError('hand made'), made)
raise KeyError('end').with_traceback(TB(None, sys._getframe(), -1, 7))
