# print(): sep, end, file, flush.
import sys
print()
print('a', 'b', 'c')
print('a', 'b', sep='')
print('a', 'b', sep=' | ', end=' <end>\n')
print(1, 2.5, None, True, [1], (2,), {3: 4}, sep=',')
print('no newline', end='')
print(' continued')
print(sep='x', end='!\n')
print('x', sep=None, end=None)
print(*range(5))
print(*[], sep='unused')
class Collector:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
    def flush(self):
        self.parts.append('<flush>')
c = Collector()
print('to', 'collector', file=c, sep='-', flush=True)
print(c.parts)
print('explicit stdout', file=sys.stdout)
print('file None goes to stdout', file=None)
class Obj:
    def __str__(self):
        return 'Obj.__str__'
print(Obj(), str(Obj()), repr('quoted'), 'é', '😀')
for kwargs in [{'sep': 5}, {'end': []}, {'file': 5}, {'bogus': 1}]:
    try:
        print('x', **kwargs)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ':', e)
sys.stdout.write('written directly\n')
print(sys.stdout.write('abc'))
