# chr, ord, ascii, repr, format, bool, str, and friends.
print(chr(65), chr(0x3b1), chr(0x1F600), ord('A'), ord('α'), ord('😀'), ord(b'A'), ord(bytearray(b'z')))
print(ascii('plain'), ascii('café'), ascii(['ü', 1]), ascii('\n'), ascii(b'\xff'), ascii(1.5))
print(repr(1), repr('1'), repr([1, '1']), repr(None), repr(...), repr(NotImplemented), repr(int), repr(len))
print(format(1234.5, ',.1f'), format('x', '^5'), format(255, '#b'), format(None), format([1, 2]), format(3))
print(bool(0), bool(1), bool('False'), bool([]), bool(None), bool(...))
print(str(1), str(1.0), str('s'), str(b's'), str(None), str([None]), str(1j))
print(Ellipsis, ..., Ellipsis is ..., type(Ellipsis)(), repr(type(None)()), type(None)() is None)
for fn in (lambda: chr(1.5), lambda: ord(5), lambda: format(1, 5), lambda: bool(1, 2), lambda: ascii()):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
print(int.__name__, float.__name__, str.__qualname__, len.__name__, len.__qualname__, print.__module__, [].append.__qualname__)
print(NotImplemented.__class__.__name__, None.__class__.__name__, Ellipsis.__class__.__name__, True.__class__.__name__)
print(None.__bool__(), None == None, None is None, None != 0, repr(None), str(None) == 'None')
try:
    None.x = 1
except AttributeError as e:
    print(type(e).__name__ + ':', e)
nothing = None
try:
    nothing()
except TypeError as e:
    print(type(e).__name__ + ':', e)
