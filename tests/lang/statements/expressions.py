# Operator precedence and associativity.
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, (-2) ** 2, 2 ** -1)
print(10 - 4 - 3, 100 / 10 / 5, 2 * 3 % 4, 7 // 2 * 2, -7 // 2, -(7 // 2))
print(1 + 2 << 1, 1 << 2 + 1, 6 & 3 | 8, 6 | 3 & 1, 5 ^ 3 & 1, ~1 + 1, ~(1 + 1))
print(not 1 == 2, not (1 == 2), (not 1) == 2, 1 < 2 == True, (1 < 2) == True)
print(True or False and False, (True or False) and False, not True or True, not (True or True))
print(1 if 0 else 2 if 0 else 3, (lambda: 1 or 2)(), [1, 2][0] + 1, 'ab'[1] * 2)
print(3 in [1, 2, 3] == True, (3 in [1, 2, 3]) == True, 2 * 3 > 5 and 'yes')
x = 5
print(-x ** 2, +x - -x, x if x > 3 else -x, x == 5 != 6, 0 < x < 10 != 11)
print(2 + 3j * 2, (2 + 3j) * 2, 1e3 * 2, 0.1 + 0.2 == 0.3, abs(-3) ** 2)
print(1 - -1, 1 + +1, - - -1, ~~5, not not [], 4 ** .5, 8 % 3 ** 2, -8 % 3)
print((1, 2) + (3,), [1] * 2 + [0], 'a' 'b' + 'c', {1: 2}.get(1) * 3, (x := 2) + x ** x)
a = b = 3
a += b * 2
print(a, b, [i * 2 for i in range(3) if i % 2 == 0], {i: i ** 2 for i in range(3)})
print(divmod(-7, 2), -7 % 2, 7 % -2, round(-0.5), int(-2.5), 2 ** 0.5 ** 2)
