# complex: construction, arithmetic, repr, errors.
z = 3 + 4j
print(z, z.real, z.imag, abs(z), z.conjugate(), -z, +z, z == 3 + 4j, z != 3)
print(repr(1j), repr(-1j), repr(0j), repr(-0j), repr(complex(-0.0, -0.0)), complex(1, -0.0), 1 + 0j)
print(complex(), complex(2), complex(2.5, -1), complex('1+2j'), complex(' (3-4j) '), complex('j'), complex('-1.5e3j'))
print(complex(1j, 1j), complex(1 + 2j, 3), complex(real=1, imag=2), complex('inf+nanj'))
print(z + 1, z - 1j, z * z, z / 2, z / (1 - 1j), z ** 2, 1j ** 2, (1 + 1j) ** 0.5, 2 ** (1j * 0))
print((1e300 + 1e300j) * 10, complex(1, 1e308) * 10, 1j * float('inf'))
print(hash(1 + 0j) == hash(1), hash(complex(1.5, 0)) == hash(1.5), (2 + 0j) == 2.0, 1j == 1j)
print(format(z, ''), format(z, '.2f'), format(1.5 - 2.25j, '^20.1f'), f'{z:+g}', format(1j, 'e'))
for bad in ('1+', 'abc', '1+2k', '(1+2j', '1 + 2j', ''):
    try:
        complex(bad)
    except ValueError as e:
        print(type(e).__name__ + ':', e)
for fn in (lambda: z < z, lambda: z // 2, lambda: z % 2, lambda: int(z), lambda: float(z),
           lambda: complex('1', 2), lambda: complex(1, '2'), lambda: round(z), lambda: divmod(z, 1)):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
try:
    z / 0
except ZeroDivisionError as e:
    print(type(e).__name__ + ':', e)
try:
    0j ** -1
except ZeroDivisionError as e:
    print(type(e).__name__ + ':', e)
print(z.__class__.__name__, isinstance(z, complex), (3+4j).__abs__())
