# find/index/count/startswith/endswith and friends.
s = 'the quick brown fox jumps over the lazy dog'
print(s.find('the'), s.find('the', 1), s.find('cat'), s.rfind('the'), s.rfind('o', 0, 20))
print(s.index('quick'), s.rindex('o'), s.count('o'), s.count('the'), s.count(''), 'aaaa'.count('aa'))
print(s.find(''), s.find('', 100), s.rfind(''), 'abc'.find('c', -1), 'abc'.find('a', -100, -2))
try:
    s.index('cat')
except ValueError as e:
    print(type(e).__name__, e)
try:
    s.rindex('cat')
except ValueError as e:
    print(type(e).__name__, e)
print(s.startswith('the'), s.startswith('quick', 4), s.startswith(('a', 'the')), s.endswith('dog'),
      s.endswith('lazy', 0, -4), s.endswith(()), ''.startswith(''), 'abc'.startswith('abc', 3))
try:
    s.startswith(['the'])
except TypeError as e:
    print(type(e).__name__, e)
print('a' in s, 'fox' in s, s.count('o', 10, 30), 'ab' * 3, 3 * 'xy', 'x' * 0, 'x' * -1)
print('Hello'[1], 'Hello'[-1], 'Hello'[1:3], len('Hello'), len('日本語'), '日本語'[1])
print(sorted('banana'), list('ab'), min('hello'), max('hello'), 'abc' < 'abd', 'Z' < 'a', 'a' < 'aa')
print('straße'.find('ß'), '🐍 snake'.index('snake'), len('🐍'), ord('🐍'), chr(0x1F40D))
