# traceback objects: tb_frame, tb_lineno, tb_next, tb_lasti.
def level3():
    raise ValueError('deep')
def level2():
    level3()
def level1():
    level2()

try:
    level1()
except ValueError as e:
    tb = e.__traceback__
    entries = []
    while tb is not None:
        entries.append((tb.tb_frame.f_code.co_name, tb.tb_lineno, type(tb.tb_lasti).__name__))
        tb = tb.tb_next
    print(entries)
    print(type(e.__traceback__).__name__)

# a re-raised exception accumulates frames
def reraiser():
    try:
        level3()
    except ValueError:
        raise
try:
    reraiser()
except ValueError as e:
    tb, names = e.__traceback__, []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)

# constructing a traceback object
import sys
try:
    raise KeyError
except KeyError as e:
    t = e.__traceback__
    TB = type(t)
    made = TB(None, t.tb_frame, t.tb_lasti, 99)
    print(made.tb_lineno, made.tb_next, made.tb_frame is t.tb_frame)
try:
    TB(None, None, 0, 0)
except TypeError as err:
    print(type(err).__name__ + ':', err)
# tb_next can be reassigned, but not to create a loop
try:
    raise ValueError
except ValueError as e:
    t1 = e.__traceback__
    t2 = TB(None, t1.tb_frame, 0, 5)
    t1.tb_next = t2
    print(t1.tb_next is t2)
    try:
        t2.tb_next = t1
    except ValueError as err:
        print(type(err).__name__ + ':', err)
print(sys.exc_info()[2])
