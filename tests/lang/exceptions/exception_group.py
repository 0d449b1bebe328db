# BaseExceptionGroup / ExceptionGroup: construction, split, subgroup, derive.
eg = ExceptionGroup('msg', [ValueError(1), TypeError(2), ExceptionGroup('sub', [ValueError(3), KeyError(4)])])
print(repr(eg))
print(str(eg), eg.message, len(eg.exceptions), type(eg.exceptions).__name__)
print(eg.args[0], type(eg.args[1]).__name__)

match, rest = eg.split(ValueError)
print('match:', repr(match))
print('rest:', repr(rest))
print(eg.split(OSError))
print(repr(eg.subgroup(lambda e: isinstance(e, (TypeError, KeyError)))))
print(eg.subgroup(ZeroDivisionError))
print(eg.subgroup(lambda e: True) is eg)

# the group type depends on the contents
b = BaseExceptionGroup('base', [ValueError()])
print(type(b).__name__)
b2 = BaseExceptionGroup('base', [KeyboardInterrupt()])
print(type(b2).__name__)
try:
    ExceptionGroup('bad', [KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)

for args in [('m', []), ('m', [1]), ('m', None), (1, [ValueError()]), ('m',)]:
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# derive keeps the class only through an override
class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message.upper(), excs)
mg = MyGroup('mine', [ValueError('a'), TypeError('b')])
m, r = mg.split(TypeError)
print(type(m).__name__, m.message, type(r).__name__, r.message)
print(repr(eg.derive([OSError('d')])))

# split copies __cause__, __context__, __notes__ and __traceback__ to the parts
eg2 = ExceptionGroup('noted', [ValueError('x'), TypeError('y')])
eg2.add_note('a note')
eg2.__cause__ = KeyError('cause')
m2, r2 = eg2.split(ValueError)
print(m2.__notes__, repr(m2.__cause__), r2.__notes__)
print(issubclass(ExceptionGroup, BaseExceptionGroup), issubclass(ExceptionGroup, Exception))
print(ExceptionGroup.__mro__)
