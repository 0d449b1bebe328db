for f in [lambda: b'a'*'x', lambda: 'x'*b'a', lambda: [1]*'x', lambda: 'x'*[1], lambda: (1,)*'x', lambda: 'x'*(1,), lambda: bytearray(b'a')*'x', lambda: 'x'*bytearray(b'a'), lambda: [1]*(1,), lambda: (1,)*[1], lambda: [1]*1.5, lambda: 1.5*[1], lambda: 'a'*1.5, lambda: 1.5*'a', lambda: b'a'*1.5, lambda: 1.5*b'a', lambda: None*'a', lambda: 'a'*None, lambda: b'a'*[1], lambda: [1]*b'a']:
    try: f()
    except Exception as e: print(type(e).__name__, e)
class R:
    def __rmul__(self, o): return ('rmul', o)
    def __mul__(self, o): return ('mul', o)
class I:
    def __index__(self): return 2
class RI(I):
    def __rmul__(self, o): return NotImplemented
for s in ['ab', b'ab', bytearray(b'ab'), [1], (1,)]:
    print(s*R(), R()*s, s*I(), I()*s, s*RI())
    x = s; x *= I(); print(x)
    try: x = s; x *= R(); print(x)
    except Exception as e: print(type(e).__name__, e)
    try: x = s; x *= 'x'; print(x)
    except Exception as e: print(type(e).__name__, e)
    try: print(s * (1<<70))
    except Exception as e: print(type(e).__name__, e)
