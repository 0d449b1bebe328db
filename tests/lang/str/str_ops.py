# Concatenation, repetition, comparison, iteration, immutability.
a = 'hello'
b = a
a += ' world'
print(a, b, a is b)
print('ab' + 'cd', 'ab' * 2, 2 * 'ab', 'ab' * 0, -1 * 'ab', 'a' + '', '' + '')
print('abc' == 'abc', 'abc' != 'ABC', 'abc' < 'abd', 'abc' < 'ab', 'B' < 'a', 'é' > 'z', '' < 'a')
print([c for c in 'héllo'], list(reversed('abc')), 'abc'[::-1], ''.join(sorted('hello')))
print(ord('a'), ord('é'), ord('€'), ord('😀'), chr(97), chr(233), chr(0x10FFFF) == '\U0010ffff')
for bad in (lambda: ord(''), lambda: chr(-1), lambda: chr(0x110000), lambda: ord(b'ab')):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
s = 'immutable'
try:
    s[0] = 'I'
except TypeError as e:
    print(type(e).__name__ + ':', e)
print(s.upper(), s)
print(str.__name__, type('') is str, isinstance('x', str), 'x'.__class__)
try:
    'abc' * (2 ** 62)
except (OverflowError, MemoryError) as e:
    print(type(e).__name__)
print(len('abc' * 1000), 'abc'.__hash__() == hash('abc'), 'a' * 3 == 'aaa')
print(max(['apple', 'banana', 'cherry'], key=len), min('zyx'), sorted(['b', 'A', 'a', 'B']), sorted(['b', 'A', 'a'], key=str.lower))
print('%s' % 'x' + 'y', 'x' 'y' 'z', ('a' 'b') * 2)
