# all() and any() short-circuit.
def gen(values):
    for v in values:
        print('yield', v)
        yield v
print(all([]), any([]), all([1, 'a', [0]]), any([0, '', None]), all([1, 0]), any([0, 1]))
print(all(gen([1, 0, 1])))
print(any(gen([0, 2, 3])))
print(all(x > 0 for x in range(1, 5)), any(c.isdigit() for c in 'abc'), all('abc'), any({0: 'a'}), any({1: 0}))
try:
    all(5)
except TypeError as e:
    print(type(e).__name__ + ':', e)
class Bad:
    def __bool__(self):
        raise ValueError('no truth')
try:
    any([Bad()])
except ValueError as e:
    print(type(e).__name__ + ':', e)
print(type(all([])).__name__, any(iter([0, 0, 1])), all(iter([])))
