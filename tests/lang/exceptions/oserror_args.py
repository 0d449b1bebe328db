# OSError's constructor: which arguments become attributes, what stays in
# args, str(), __reduce__, and the subclass rules.
def show(e):
    print(type(e).__name__, e.args, e.errno, e.strerror, e.filename, e.filename2, '|', str(e))

show(OSError())
show(OSError('one'))
show(OSError(2, 'No such file or directory'))
show(OSError(2, 'No such file or directory', 'a.txt'))
show(OSError(2, 'No such file or directory', None))
show(OSError(2, 'No such file or directory', 'a', None))
show(OSError(1, 'Operation not permitted', 'a', None, 'b'))
show(OSError(1, 'Operation not permitted', None, None, 'b'))
show(OSError(None, None, 'f'))
show(OSError('a', 'b'))
show(OSError(2, 'x', 'y', 'z', 'w', 'v'))
show(OSError(2))
show(OSError(True, 'bool errno'))
show(OSError(2.0, 'float errno'))
show(OSError(2**80, 'huge errno'))
show(EnvironmentError(17, 'exists'))
show(IOError(21, 'is a dir', 'd'))

# __reduce__ puts the file names back into the arguments
print(OSError(2, 'x', 'f').__reduce__())
print(OSError(2, 'x', 'f', None, 'g').__reduce__())
print(OSError(2, 'x').__reduce__())
print(OSError('plain').__reduce__())
o = OSError(2, 'x', 'f')
o.note = 1
print(o.__reduce__())

# attributes can be reassigned and deleted
o.errno = 99
o.filename = None
print(o.errno, str(o))
del o.filename
print(o.filename, str(o))
try:
    o.winerror
except AttributeError as err:
    print(type(err).__name__, err)

# characters_written: only BlockingIOError's third argument, when a number
b = BlockingIOError(11, 'would block', 7)
print(b.characters_written, b.args, b.filename)
b.characters_written = 3
print(b.characters_written)
del b.characters_written
for action in ['get', 'del']:
    try:
        if action == 'get':
            b.characters_written
        else:
            del b.characters_written
    except AttributeError as err:
        print(action, type(err).__name__, err)
for bad in ['x', 2.5]:
    try:
        b.characters_written = bad
    except TypeError as err:
        print(type(err).__name__, err)
for args in [(11, 'x', 2.5), (11, 'x', 2**70)]:
    try:
        BlockingIOError(*args)
    except (TypeError, ValueError) as err:
        print(type(err).__name__, err)
print(OSError(11, 'x', 5).characters_written, type(OSError(11, 'x', 5)).__name__)
print(BlockingIOError(11, 'x', 'name').filename)

# a subclass with its own __init__ receives the arguments untouched
class WithInit(OSError):
    def __init__(self, *args, **kwargs):
        print('init', args, kwargs)
w = WithInit(2, 'x', 'f', extra=1)
print(type(w).__name__, w.args, w.errno, w.filename)

class CallsSuper(OSError):
    def __init__(self, code, text):
        super().__init__(code, text, 'from-init')
c = CallsSuper(2, 'no file')
print(type(c).__name__, c.args, c.errno, c.filename, str(c))

class WithNew(OSError):
    def __new__(cls, *args, **kwargs):
        return super().__new__(cls, *args)
n = WithNew(2, 'x', 'f')
print(type(n).__name__, n.args, n.errno, n.filename)
try:
    OSError(2, 'x', name='f')
except TypeError as err:
    print(type(err).__name__, err)
