def check(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '=>', type(e).__name__, e)


S = 'a'

check("'%5%' % (1,)", lambda: '%5%' % (1,))
check("'%5%' % ()", lambda: '%5%' % ())
check("'%(a)%' % {'a':1}", lambda: '%(a)%' % {'a':1})
check("'%-%' % (1,)", lambda: '%-%' % (1,))
check("'%(a)s %(b)s' % {'a':1}", lambda: '%(a)s %(b)s' % {'a':1})
check("'%(a)(b)s' % {'a(b':1}", lambda: '%(a)(b)s' % {'a(b':1})
check("'%((a))s' % {'(a)':1}", lambda: '%((a))s' % {'(a)':1})
check("'%s' % {'a':1}.keys()", lambda: '%s' % {'a':1}.keys())
check("'x' % {}", lambda: 'x' % {})
check("'x' % ()", lambda: 'x' % ())
check("'x' % []", lambda: 'x' % [])
check("'%s%s' % [1]", lambda: '%s%s' % [1])
check("'%#x' % 0", lambda: '%#x' % 0)
check("'%#X' % 255", lambda: '%#X' % 255)
check("'%+05d' % 5", lambda: '%+05d' % 5)
check("'% 05d' % 5", lambda: '% 05d' % 5)
check("'%-+5d|' % 5", lambda: '%-+5d|' % 5)
check("'%#.3o' % 8", lambda: '%#.3o' % 8)
check("'%.0e' % 12345.0", lambda: '%.0e' % 12345.0)
check("'%#.0f' % 1.0", lambda: '%#.0f' % 1.0)
check("'%E' % float('inf')", lambda: '%E' % float('inf'))
check("'%010.3e' % -1.5", lambda: '%010.3e' % -1.5)
check("'%c' % 'é'", lambda: '%c' % 'é')
check("'%5.2c|' % 'x'", lambda: '%5.2c|' % 'x')
check("'%s' % 1.0", lambda: '%s' % 1.0)
check("'%r' % 1.0", lambda: '%r' % 1.0)
check("'%.3r' % 'abcdef'", lambda: '%.3r' % 'abcdef')
check("'%5a|' % 'é'", lambda: '%5a|' % 'é')
check("'%*s' % (True, 'x')", lambda: '%*s' % (True, 'x'))
check("'%.*s' % (-1, 'abc')", lambda: '%.*s' % (-1, 'abc'))


class Int:
    def __int__(self):
        return 7
class Float:
    def __float__(self):
        return 2.5
class Index:
    def __index__(self):
        return 255
for fmt in ['%d', '%x', '%f', '%c', '%s', '%e']:
    for v in [Int(), Float(), Index()]:
        check(fmt + ' % ' + type(v).__name__, lambda: (fmt % v).replace(hex(id(v)), 'ADDR'))
