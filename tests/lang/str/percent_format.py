# printf-style % formatting.
print('%s and %r' % ('str', 'repr'), '%5s|%-5s|' % ('a', 'b'), '%.2s' % 'abc', '%%')
print('%d %i %u' % (1, -2, 3), '%05d' % -42, '%+d % d' % (5, 5), '%x %X %#x %#X %o %#o' % (255, 255, 255, 255, 8, 8))
print('%f %.1f %10.3f|%-10.2f|' % (3.14159, 2.25, 1.5, 1.5), '%e %.2E %g %G' % (12345.678, 12345.678, 0.00001, 1e20))
print('%c%c' % ('x', 121), '%a' % 'é', '%(name)s is %(age)d' % {'name': 'Ann', 'age': 7}, '%*d|%-*d|' % (5, 1, 4, 2))
print('%.*f' % (2, 3.14159), '%s' % (1,), '%s' % [1, 2], '%s' % ((1, 2),), '%d%%' % 50, '%(x)s %(x)r' % {'x': 'v'})
print('%d' % 3.99, '%x' % 255, '%s' % None, '%r' % b'b', '%5.1s|' % 'xyz', '%i' % True, '%.0f' % 2.5, '%.0f' % 3.5)
for fmt, args in [('%d', 'x'), ('%s %s', ('a',)), ('%s', ('a', 'b')), ('%z', 1), ('%(k)s', ('t',)),
                  ('%x', 1.5), ('%c', 'ab'), ('%c', -1), ('%(a)s %s', {'a': 1}), ('%', ()), ('%d', [1])]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(repr(fmt), type(e).__name__ + ':', e)
print(b'%s %d %x %c %r' % (b'bytes', 5, 255, 65, 'r'), b'%b' % b'x', b'%5s|' % b'ab', b'%a' % 'é')
try:
    b'%s' % 'str'
except TypeError as e:
    print(type(e).__name__ + ':', e)
class D(dict):
    def __missing__(self, k):
        return k.upper()
print('%(anything)s' % D())
