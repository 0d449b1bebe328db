# bool: a subclass of int with two instances.
print(True, False, repr(True), str(False), type(True).__name__, bool.__mro__)
print(True + True, True - False, True * 3, True / 2, True // 1, -True, ~False, abs(True), True ** 2)
print(True & False, True | False, True ^ True, type(True & True).__name__, type(True | 1).__name__, type(True + 0).__name__)
print(True == 1, False == 0, hash(True) == hash(1), {True: 'a', 1: 'b'}, [True, 1, 1.0].count(1))
print(int(True), float(False), str(True), bool('x'), bool(''), bool(0.0), bool(-1), bool(None), bool(()), bool([[]]))
print(format(True), format(True, 'd'), format(False, '>6'), f'{True:^7}', '%s %d' % (True, True), True.real, True.numerator)
print(isinstance(True, int), issubclass(bool, int), bool(), bool(5), True.bit_length(), True.to_bytes(1, 'big'))
print(sum([True, True, True]), sorted([True, False, True]), max(False, True), min([True, 0]), True.__and__(False), (True).__invert__())
try:
    bool.__new__(bool, 1, 2)
except TypeError as e:
    print(type(e).__name__ + ':', e)
try:
    class MyBool(bool):
        pass
except TypeError as e:
    print(type(e).__name__ + ':', e)
print(True.__class__(0), bool.__name__, not True, not not 3, (1 < 2) is True, (1 > 2) is False)
