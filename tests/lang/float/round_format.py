# round() and format() for floats.
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -2.5, 2.675, 0.125, 0.375, 1.005, 123.456, -123.456]:
    print(v, round(v), round(v, 1), round(v, 2), round(v, -1), round(v, 0))
specs = ['', 'f', '.0f', '.2f', '.10f', 'e', '.3e', 'E', 'g', '.3g', '.10g', 'G', '%', '.1%',
         '+.2f', ' .2f', '10.2f', '<10.2f', '^12.3f', '010.2f', ',.2f', '_.3f', 'n', '#.0f', '#g', '.0e', 'z.1f', 'F']
for v in [1234.5678, -0.00012345, 1e20, -0.0, 0.5]:
    print([format(v, s) for s in specs])
for v in [float('inf'), float('-inf'), float('nan')]:
    print([format(v, s) for s in ['', 'f', 'e', 'g', '%', '+', '10', 'F', 'E', 'G']])
print(f'{3.14159:.2f}', f'{2.5:08.3f}', f'{1e-10:g}', f'{1e16:g}', f'{123456789.0:,}', f'{0.1:.20f}')
print('%f %.2f %e %.3E %g %G %10.3f|%-10.1f|%+.1f %% %.0f %r %s' % ((1.5,) * 9 + (2.5, 0.1, 0.1)))
for bad in ['d', 'x', 'c', ',b', '.2s']:
    try:
        format(1.5, bad)
    except ValueError as e:
        print(type(e).__name__ + ':', e)
