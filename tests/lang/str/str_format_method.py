# str.format: fields, indices, attributes, conversions, nesting.
print('{} {}'.format('a', 'b'), '{1} {0} {1}'.format('a', 'b'), '{x}-{y}'.format(x=1, y=2))
print('{0[1]} {0[key]} {1.real} {1.imag}'.format({1: 'one', 'key': 'k'}, 3 + 4j))
print('{0!r} {0!s} {0!a}'.format('café'), '{:>{w}}'.format('x', w=5), '{:{fill}^{w}}'.format(7, fill='*', w=5))
print('{{literal}} {}'.format('braces'), '{0}{0}'.format('dup'), '{:}'.format(12), '{!r:>8}'.format('a'))
print('{a[0]}{a[1]}'.format(a='xy'), '{0.__class__.__name__}'.format(1.5), '{:%}'.format(0.25))
class P:
    x, y = 1, 2
print('{p.x},{p.y}'.format(p=P()), '{0[0][1]}'.format([[1, 2]]), '{:,}'.format(10 ** 9))
bad = [('{', ()), ('}', ()), ('{0', ()), ('{} {1}', (1, 2)), ('{1}', (1,)), ('{x}', ()),
       ('{0[}', (1,)), ('{!x}', (1,)), ('{0.}', (1,)), ('{:d}', ('s',)), ('{0[0]}', (5,)), ('{a.b}', ())]
for fmt, args in bad:
    try:
        print(fmt.format(*args))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:
        print(repr(fmt), type(e).__name__ + ':', e)
print('{0:{1}}'.format(3.14159, '.2f'), '{:{}}{}'.format(1, 3, 'x'), 'x{0}y'.format(None))
print('{:s}'.format('s'), '{:10s}|'.format('left'), '{:>10}|'.format('right'), '{:^10}|'.format('mid'))
print('{:.3}'.format('truncate'), '{:10.3}|'.format('truncate'), '{:=^9}'.format('eq'), '{:<05}'.format('a'))
print('{0:b} {0:o} {0:x} {0:X} {0:c} {0:e}'.format(77), '{:#06x}'.format(255), '{:+d}'.format(3))
print('{} {}'.format(*'ab'), '{name}'.format_map({'name': 'map'}), '{:n}'.format(1234))
for fmt in ['{:x}', '{:=}', '{:05}', '{:,}', '{:+}']:
    try:
        print(fmt.format('str'))
    except ValueError as e:
        print(repr(fmt), type(e).__name__ + ':', e)
