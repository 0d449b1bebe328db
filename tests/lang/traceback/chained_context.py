# lang: expect-stderr
# An exception raised while handling another: "During handling ..."
def cleanup(resource):
    raise RuntimeError(f'could not release {resource}')

try:
    [1, 2, 3][10]
except IndexError:
    cleanup('the lock')
