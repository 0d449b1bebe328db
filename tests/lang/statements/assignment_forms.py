# Assignment statements and targets.
a = b = c = []
a.append(1)
print(b, c, a is c)
x, y = y_init = 1, 2
print(x, y, y_init)
[m, n] = (m_, n_) = 'mn'
print(m, n, m_, n_)

class O: pass
o = O()
o.x = o.y = 0
o.x += 1
print(o.x, o.y)

d = {}
d['a'] = d['b'] = []
d['a'].append('shared')
print(d)

matrix = [[0] * 3 for _ in range(2)]
matrix[1][2] = 5
print(matrix)
bad = [[0] * 2] * 2
bad[0][0] = 1
print(bad)

# swap via tuple assignment, rotating three
p, q, r = 1, 2, 3
p, q, r = q, r, p
print(p, q, r)

# names can be rebound to anything
value = 1
value = 'one'
value = [value]
print(value)

# numeric literal forms
print(1_000_000, 0x_ff, 0o17, 0b1010, 1e3, 1.5e-3, 10j, 0xDEAD_BEEF, .5, 5., 1_0.0_1)
print('a' 'b' "c", r'raw\n', b'by' b'tes', '''tri
ple''', f'{1+1}' 'x')
