# __round__, __trunc__, __floor__, __ceil__.
import math

class R:
    def __round__(self, ndigits=None):
        return f'round({ndigits})'
    def __trunc__(self):
        return 'trunc'
    def __floor__(self):
        return 'floor'
    def __ceil__(self):
        return 'ceil'
r = R()
print(round(r), round(r, 2), round(r, None), math.trunc(r), math.floor(r), math.ceil(r))

class Nothing:
    pass
for fn in (lambda: round(Nothing()), lambda: math.trunc(Nothing()),
           lambda: round(Nothing(), 1), lambda: round('1.5')):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__, e)

# built-in rounding: half to even
print([round(x) for x in (0.5, 1.5, 2.5, -0.5, -1.5, 3.4999, 2.675)])
print(round(2.675, 2), round(1.25, 1), round(1.35, 1), round(-1.25, 1), round(1234.5678, -2))
print(round(5), round(15, -1), round(25, -1), round(-25, -1), round(123456, -3), round(7, 2))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, type(round(3, 1)).__name__)
print(math.trunc(-2.7), math.floor(-2.7), math.ceil(-2.7), math.floor(2), math.ceil(2.000001))
print((7).__round__(), (7.5).__round__(), (-7.5).__round__(), (2.5).__round__(0))
print((5).__trunc__(), (5).__floor__(), (5).__ceil__())
try:
    round(float('inf'))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    round(float('nan'))
except ValueError as e:
    print(type(e).__name__, e)
print(round(float('inf'), 2), round(1e300, 2), round(0.1 + 0.2, 15))
