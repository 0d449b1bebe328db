# sys.settrace and sys.setprofile: the events a tracer sees, relative line
# numbers, local tracers, generators, exceptions.
import sys

log = []


def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if name.startswith("t_"):
        rel = frame.f_lineno - frame.f_code.co_firstlineno
        shown = arg if event == "return" else (arg[0].__name__ if event == "exception" else None)
        log.append((name, event, rel, shown))
        return tracer
    return None


def t_loop(n):
    total = 0
    for i in range(n):
        total += i
    while n > 0: n -= 1
    return total


def t_branch(x):
    if x:
        y = 1
    else:
        y = 2
    return y


def t_raises():
    try:
        raise KeyError("k")
    except KeyError:
        pass
    return "handled"


def t_gen():
    yield 1
    x = 2
    yield x


def t_outer():
    return t_inner() + 1


def t_inner():
    return 41


def t_uncaught():
    raise ValueError("out")


sys.settrace(tracer)
t_loop(2)
t_branch(0)
t_raises()
list(t_gen())
t_outer()
try:
    t_uncaught()
except ValueError:
    pass
sys.settrace(None)
for entry in log:
    print(entry)
log.clear()


def only_calls(frame, event, arg):
    if frame.f_code.co_name.startswith("t_"):
        log.append((frame.f_code.co_name, event))
    return None                      # no local tracer: only 'call' events


sys.settrace(only_calls)
t_outer()
sys.settrace(None)
print(log)
log.clear()


def t_late():
    a = 1
    sys.settrace(tracer)             # turned on mid-function
    b = 2
    return a + b


t_late()
t_inner()
sys.settrace(None)
print(log)
log.clear()

prof = []


def profiler(frame, event, arg):
    if frame.f_code.co_name.startswith("t_"):
        prof.append((frame.f_code.co_name, event, arg if event == "return" else None))


sys.setprofile(profiler)
t_outer()
list(t_gen())
sys.setprofile(None)
print(prof)
print(sys.gettrace(), sys.getprofile())


def bad_tracer(frame, event, arg):
    if frame.f_code.co_name == "t_inner":
        raise RuntimeError("tracer failed")
    return None


sys.settrace(bad_tracer)
try:
    t_outer()
except RuntimeError as e:
    print("RuntimeError:", e)
print(sys.gettrace())
sys.settrace(None)
