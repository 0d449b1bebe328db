# BaseExceptionGroup / ExceptionGroup beyond the basics: constructor
# checks, split and subgroup matchers, what the parts inherit, derive.
def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

attempt('no args', lambda: BaseExceptionGroup())
attempt('one arg', lambda: ExceptionGroup('m'))
attempt('three', lambda: ExceptionGroup('m', [ValueError()], 3))
attempt('msg int', lambda: ExceptionGroup(1, [ValueError()]))
attempt('set', lambda: ExceptionGroup('m', {ValueError()}))
attempt('dict', lambda: ExceptionGroup('m', {ValueError(): 1}))
attempt('empty', lambda: ExceptionGroup('m', ()))
attempt('item', lambda: ExceptionGroup('m', [ValueError(), 'x']))
attempt('class item', lambda: ExceptionGroup('m', [ValueError]))
attempt('kw', lambda: ExceptionGroup('m', [ValueError()], x=1))
attempt('base kw', lambda: BaseExceptionGroup('m', [ValueError()], x=1))
attempt('nest base', lambda: ExceptionGroup('m', [SystemExit()]))
attempt('range', lambda: type(ExceptionGroup('m', range(0))))

class G(BaseExceptionGroup, Exception):
    pass
attempt('G base', lambda: G('m', [KeyboardInterrupt()]))
print(type(G('m', [ValueError()])).__name__)
class BG(BaseExceptionGroup):
    pass
print(type(BG('m', [ValueError()])).__name__, type(BG('m', [KeyboardInterrupt()])).__name__)

eg = ExceptionGroup('one', (ValueError(1),))
print(str(eg), repr(eg), eg.args, eg.exceptions, eg.message)
attempt('set message', lambda: setattr(eg, 'message', 'x'))
attempt('del exceptions', lambda: delattr(eg, 'exceptions'))

# matchers
big = ExceptionGroup('big', [ValueError('v'), TypeError('t'),
                             ExceptionGroup('inner', [KeyError('k'), ValueError('v2')])])
for m in [ValueError, (KeyError, TypeError), LookupError, ExceptionGroup,
          lambda e: isinstance(e, ValueError) and e.args == ('v2',), Exception]:
    match, rest = big.split(m)
    print('split', repr(match), '|', repr(rest))
    print('subgroup', repr(big.subgroup(m)))
for bad in [1, len, [ValueError], (ValueError, 1), 'ValueError', None]:
    attempt('bad matcher', lambda: big.split(bad))
attempt('split none', lambda: big.split())
attempt('split two', lambda: big.split(ValueError, TypeError))
attempt('subgroup none', lambda: big.subgroup())
print(big.split(Exception)[0] is big, big.subgroup(BaseException) is big,
      big.split(lambda e: False)[1] is big)

# predicates see every leaf and every group on the way down
seen = []
def record(e):
    seen.append(type(e).__name__)
    return False
big.split(record)
print(seen)

# the parts carry the group's traceback-less metadata; __suppress_context__ follows __cause__
big.__context__ = RuntimeError('ctx')
big.add_note('n1')
match, rest = big.split(TypeError)
print(repr(match.__context__), match.__cause__, match.__suppress_context__, match.__notes__)
print(repr(rest.__context__), rest.__notes__, rest.__notes__ is big.__notes__)
inner_match = big.subgroup(KeyError).exceptions[0]
print(repr(inner_match), hasattr(inner_match, '__notes__'))
big.__notes__ = ('tuple', 'notes')
print(big.subgroup(TypeError).__notes__)
big.__notes__ = 42
print(hasattr(big.subgroup(TypeError), '__notes__'))

# derive
print(repr(big.derive([KeyboardInterrupt()])), type(big.derive([ValueError()])).__name__)
attempt('derive none', lambda: big.derive())
attempt('derive empty', lambda: big.derive([]))
class Bad(ExceptionGroup):
    def derive(self, excs):
        return 'not a group'
attempt('bad derive', lambda: Bad('b', [ValueError(), TypeError()]).split(ValueError))
class Keep(ExceptionGroup):
    def derive(self, excs):
        return Keep(self.message + '!', excs)
k1, k2 = Keep('k', [ValueError(), TypeError()]).split(ValueError)
print(type(k1).__name__, k1.message, type(k2).__name__, k2.message)

# plural
print(str(ExceptionGroup('p', [ValueError(), ValueError()])), str(BaseExceptionGroup('s', [SystemExit()])))

# generic alias
print(ExceptionGroup[ValueError], BaseExceptionGroup[int, str])
attempt('getitem none', lambda: ExceptionGroup.__class_getitem__())
