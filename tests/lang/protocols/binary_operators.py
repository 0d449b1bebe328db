# Every binary operator dispatches to its special method.
class V:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return self.name

ops = ['add', 'sub', 'mul', 'matmul', 'truediv', 'floordiv', 'mod', 'divmod', 'pow',
       'lshift', 'rshift', 'and', 'or', 'xor']
for op in ops:
    def fwd(self, other, op=op):
        return f'{self}.__{op}__({other})'
    def rev(self, other, op=op):
        return f'{self}.__r{op}__({other})'
    setattr(V, f'__{op}__', fwd)
    setattr(V, f'__r{op}__', rev)

a, b = V('a'), V('b')
print(a + b, a - b, a * b, a @ b, a / b, a // b, a % b, divmod(a, b), a ** b, pow(a, b))
print(a << b, a >> b, a & b, a | b, a ^ b)
print(1 + a, 1 - a, 2 * a, 3 @ a, 1 / a, 1 // a, 1 % a, divmod(1, a), 2 ** a)
print(1 << a, 1 >> a, 1 & a, 1 | a, 1 ^ a)

# unsupported operands
class Plain:
    pass
def show(fn):
    try:
        print(fn())
    except TypeError as e:
        print(type(e).__name__ + ':', e)
p = Plain()
show(lambda: p + 1)
show(lambda: 1 - p)
show(lambda: p * p)
show(lambda: p @ p)
show(lambda: p / 2)
show(lambda: p // 2)
show(lambda: p % 2)
show(lambda: divmod(p, 2))
show(lambda: p ** 2)
show(lambda: pow(p, 2, 3))
show(lambda: p << 1)
show(lambda: p >> 1)
show(lambda: p & 1)
show(lambda: p | 1)
show(lambda: p ^ 1)
show(lambda: [1] + (2,))
show(lambda: 'a' + 1)
show(lambda: 1 + 'a')
show(lambda: 'a' * 'b')
show(lambda: [1] * 2.0)
show(lambda: {1} + {2})
show(lambda: None + None)
