# Imported from tests/c/data once embed_basic.c has put that directory on sys.path.
def triple(x):
    return 3 * x

def fail(msg):
    raise ValueError(msg)
