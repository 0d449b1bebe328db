# lang: expect-stderr
# Tracebacks through generators and lambdas.
def numbers():
    yield 1
    yield (lambda: 1 / 0)()

for n in numbers():
    print('got', n)
