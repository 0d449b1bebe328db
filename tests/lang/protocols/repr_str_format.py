# __repr__, __str__, __format__ and the conversions in f-strings.
class Both:
    def __repr__(self): return 'Both(repr)'
    def __str__(self): return 'Both(str)'
    def __format__(self, spec): return f'Both(format {spec!r})'
class ReprOnly:
    def __repr__(self): return 'ReprOnly()'
class Default:
    pass

b, r = Both(), ReprOnly()
print(b, repr(b), str(b), format(b), format(b, '>10'))
print(f'{b} {b!r} {b!s} {b!a} {b:xyz} {b!r:>12}')
print(r, str(r), f'{r}', f'{r:}', [r], (b,), {'k': b})
print(repr(Default()).startswith('<__main__.Default object at 0x'))
d = Default()
print(str(d) == repr(d))

try:
    format(Default(), 'x')
except TypeError as e:
    print(type(e).__name__, e)
print(format(d, '') == str(d))

# non-string returns are errors
class BadRepr:
    def __repr__(self): return 5
class BadStr:
    def __str__(self): return b'bytes'
class BadFormat:
    def __format__(self, spec): return 1
for fn in (lambda: repr(BadRepr()), lambda: str(BadStr()), lambda: format(BadFormat()),
           lambda: f'{BadFormat()}', lambda: str(BadRepr())):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__, e)

# ascii() escapes non-ASCII in the repr
class Uni:
    def __repr__(self): return 'café ☃'
print(repr(Uni()), ascii(Uni()), f'{Uni()!a}')

# str subclasses returned from __str__ are accepted
class S(str): pass
class ReturnsS:
    def __str__(self): return S('sub')
print(type(str(ReturnsS())).__name__, str(ReturnsS()))

# recursive containers
lst = [1]
lst.append(lst)
d = {}
d['self'] = d
print(lst, d)

# __format__ inherited by subclasses of built-ins
class Money(float):
    def __format__(self, spec):
        return '$' + super().__format__(spec or '.2f')
print(f'{Money(3.14159)}', f'{Money(2):.3f}', format(Money(1)))
print(object.__format__(1, ''), int.__format__(255, 'x'))
