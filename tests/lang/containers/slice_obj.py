# slice objects.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(1, 2), slice(None), slice('a', [1], None))
show(lambda: slice())
show(lambda: slice(1, 2, 3, 4))
show(lambda: slice(x=1))
show(lambda: slice(1, 2, 3).indices(-1))
show(lambda: slice(1, 2, 0).indices(5))
show(lambda: slice('a', 2).indices(5))
show(lambda: slice(None, None, -1).indices(5))
show(lambda: slice(-100, 100, -3).indices(5))
show(lambda: slice(10 ** 30, -10 ** 30, -10 ** 25).indices(10 ** 20))
show(lambda: slice(1).indices())
show(lambda: slice(1).indices(2.0))
show(lambda: hash(slice(1)))
show(lambda: slice(1) < slice(2))
show(lambda: slice(1, 2) == slice(1, 2))
show(lambda: slice(1, 2) == (1, 2))
show(lambda: slice(1, 2, 3) >= slice(1, 2, 3))
show(lambda: slice(1).__reduce__())
def setattr_start():
    s.start = 4
show(setattr_start)
def del_stop():
    del s.stop
show(del_stop)
print('abcdefgh'[slice(1, None, 2)], [0, 1, 2, 3][slice(None, None, -1)])
