import sys
ev = []
def local(frame, event, arg):
    ev.append((event, frame.f_lineno - frame.f_code.co_firstlineno))
    return local
def f():
    fr = sys._getframe()
    fr.f_trace = local
    sys.settrace(lambda *a: None)
    x = 1
    y = 2
    sys.settrace(None)
    return fr.f_trace is local
print(f(), ev)
