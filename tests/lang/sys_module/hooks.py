# sys.displayhook, sys.excepthook, sys.settrace and sys.setprofile.
import sys
seen = []
def display(value):
    seen.append(value)
sys.displayhook = display
exec(compile('1 + 1', '<s>', 'single'))
exec(compile('None', '<s>', 'single'))
sys.displayhook = sys.__displayhook__
print(seen)
import builtins
builtins._ = 'unset'
sys.displayhook(42)
print(builtins._)
sys.displayhook(None)
print(builtins._)

events = []
def tracer(frame, event, arg):
    if frame.f_code.co_name == 'traced':
        events.append((event, frame.f_lineno - traced.__code__.co_firstlineno, arg if event == 'return' else None))
        return tracer
    return None
def traced(x):
    y = x + 1
    return y * 2
sys.settrace(tracer)
traced(3)
sys.settrace(None)
print(events)
print(sys.gettrace())

calls = []
def profiler(frame, event, arg):
    if event in ('call', 'return') and frame.f_code.co_name in ('profiled', 'helper'):
        calls.append((event, frame.f_code.co_name))
def helper():
    return 1
def profiled():
    return helper() + 1
sys.setprofile(profiler)
profiled()
sys.setprofile(None)
print(calls, sys.getprofile())

def hook(exc_type, exc, tb):
    print('excepthook got', exc_type.__name__, exc)
sys.excepthook = hook
sys.excepthook(ValueError, ValueError('manual call'), None)
sys.excepthook = sys.__excepthook__
print(callable(sys.__excepthook__))
