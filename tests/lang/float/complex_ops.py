# complex: parsing, repr of signed zeros and non-finite parts, division,
# powers, format, hash, and the constructor's errors.
def show(fn):
    try:
        r = fn()
        print(repr(r), type(r).__name__)
    except Exception as e:
        print(type(e).__name__ + ':', e)

inf, nan = float('inf'), float('nan')
for re_ in (0.0, -0.0, 1.5, inf, -inf, nan):
    print([repr(complex(re_, im)) for im in (0.0, -0.0, 2.0, -2.5, inf, -inf, nan)])
for s in ['1_0+2_0j', '  1e1-1e1J  ', '-j', '+1.5', 'nan-infj', 'infinityj', '1__0j', '1_j', '(1)', '( 1+1j )',
          '1e5+j', '2-j', 'j1', '1j+1', '\u0663+\u0664j', '1+-2j', '1e+5j', '.5j', '5.j', '+inf-infj']:
    show(lambda: complex(s))
show(lambda: complex(real='1'))
show(lambda: complex(1, real=2))
show(lambda: complex(x=1))
show(lambda: complex(1, 2, 3))
show(lambda: complex(b'1'))
show(lambda: complex(None))
show(lambda: complex(1, None))
show(lambda: complex(1, 1j))
show(lambda: complex(True, False))
class C:
    def __complex__(self):
        return 2j
class BadC:
    def __complex__(self):
        return 5
show(lambda: complex(C()))
show(lambda: complex(C(), 1))
show(lambda: complex(BadC()))
class MyComplex(complex):
    pass
show(lambda: MyComplex(1, 2))
show(lambda: MyComplex(1, 2) + 1)
show(lambda: +MyComplex(1, 2))
show(lambda: MyComplex('3+4j').__complex__())
z = 1 + 2j
show(lambda: (z * (3 - 1j), z / (3 - 1j), z / 0j))
show(lambda: z / 0)
show(lambda: [z ** n for n in (0, 1, 2, 3, -1, -2, 100)])
show(lambda: (z ** 2.5, z ** (1 + 1j), 2 ** z, 1.5 ** z))
show(lambda: z ** 1000)
show(lambda: z ** (1e300 + 0j))
show(lambda: pow(z, 2, 3))
show(lambda: 0j ** -1)
show(lambda: 0j ** 1j)
show(lambda: (0j ** 0, 0j ** 2))
show(lambda: ((-8.0) ** (1 / 3), (-8) ** 0.5, (-1) ** 0.5))
show(lambda: abs(complex(inf, nan)))
show(lambda: abs(complex(1e308, 1e308)))
show(lambda: hash(1 + 2j))
show(lambda: hash(complex(-1, 0)))
show(lambda: (hash(2 + 0j) == hash(2), hash(0.5j)))
show(lambda: (1 + 0j == 2 ** 60 + 1, complex(2 ** 60) == 2 ** 60, 1j == 1j, 1j != 1))
show(lambda: z + 10 ** 400)
show(lambda: z.conjugate(1))
show(lambda: (z.real, z.imag, z.conjugate(), z.__getnewargs__()))
for spec in ['', '10', '+', ' ', '.3', '*<12.1f', 'z.1f', '#', 'g', 'n', 'x<10', ',', ',.1f', 'E', '>15', '^15', '+.3e', '.0f', '#.0f']:
    print(repr(spec), [format(c, spec) for c in (1 + 2j, 2j, 1234 - 0.5j, complex(-0.0, -0.0), complex(nan, inf))])
for spec in ['010', '=10', 'd', '%', 's', '0<10']:
    show(lambda: format(z, spec))
show(lambda: (z < z))
show(lambda: z // 2)
show(lambda: divmod(z, 1))
show(lambda: int(z))
show(lambda: float(z))
