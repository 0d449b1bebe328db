# lang: expect-stderr
# sys.unraisablehook receives an UnraisableHookArgs for errors in __del__ and
# in generators closed as they are freed; a failing hook is itself reported.
import sys

class Loud:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f'<Loud {self.name}>'
    def __del__(self):
        raise ValueError(f'del of {self.name}')

def hook(args):
    print('hook:', type(args).__name__, len(args), args.exc_type.__name__, args.exc_value,
          args.err_msg, args.exc_traceback.tb_frame.f_code.co_name, type(args.object).__name__)
    print('  same fields:', args[0] is args.exc_type, args[1] is args.exc_value, args[4] is args.object)

sys.unraisablehook = hook
x = Loud('first')
del x
print('after first')

def gen():
    try:
        yield 1
    finally:
        raise KeyError('from finally')

g = gen()
next(g)
del g
print('after generator')

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2

s = stubborn()
next(s)
del s
print('after stubborn')

# A hook that fails: its own error is printed by the default hook.
class Named:
    def __repr__(self):
        return '<the bad hook>'
    def __call__(self, args):
        raise RuntimeError('hook failed: ' + args.exc_type.__name__)

sys.unraisablehook = Named()
y = Loud('second')
del y
print('after bad hook')

# None and the default hook print "Exception ignored in: <repr of __del__>".
class Raiser:
    """A __del__ that is not a function, so its repr has no address."""
    def __init__(self, exc):
        self.exc = exc
    def __repr__(self):
        return f'<Raiser {self.exc!r}>'
    def __call__(self):
        raise self.exc

class Quiet:
    __del__ = Raiser(ValueError('del with hook None'))

sys.unraisablehook = None
q = Quiet()
del q

class Plain:
    __del__ = Raiser(TypeError)

if hasattr(sys, '__unraisablehook__'):
    sys.unraisablehook = sys.__unraisablehook__
p = Plain()
del p
print('end')
