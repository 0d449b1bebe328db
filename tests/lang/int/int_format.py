# Format specifications for ints.
n = 1234567
for spec in ['', 'd', '10', '<10', '>10', '^10', '*^11', '+', '-', ' ', ',', '_', '010',
             '+012,', 'x', 'X', '#x', '#X', 'o', '#o', 'b', '#b', '_b', '_x', '#010x', 'n',
             'e', '.2e', 'f', '.1f', '%', 'g', 'G', '=+12', '0=10', ',.2f']:
    print(repr(spec), repr(format(n, spec)), repr(format(-n, spec)))
print(format(65, 'c'), format(0x1F600, 'c'), format(0, '#x'), format(True, 'd'), format(True, ''))
for bad in ['s', ',x', '.5', 'z']:
    try:
        format(n, bad)
    except ValueError as e:
        print(type(e).__name__ + ':', e)
try:
    format(-1, 'c')
except OverflowError as e:
    print(type(e).__name__ + ':', e)
print(f'{n:,}', f'{n:>{12}}', f'{n:{"^"}{15}}', f'{-0:+}', f'{42:=^+9}')
print('%d %i %5d %-5d| %05d %+d %x %X %#x %o %#o %c %u' % (42, 42, 42, 42, 42, 42, 255, 255, 255, 8, 8, 65, 7))
