# lang: expect-stderr
# An uncaught ExceptionGroup is printed as a tree.
def task(n):
    if n % 2:
        raise ValueError(f'task {n} failed')
    raise TypeError(f'task {n} has the wrong type')

errors = []
for i in range(3):
    try:
        task(i)
    except Exception as e:
        errors.append(e)
inner = ExceptionGroup('inner problems', [KeyError('k')])
raise ExceptionGroup('several tasks failed', errors + [inner])
