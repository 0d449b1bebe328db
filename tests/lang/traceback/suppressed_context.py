# lang: expect-stderr
# raise ... from None hides the context in the traceback.
def lookup(key):
    try:
        return {'a': 1}[key]
    except KeyError:
        raise LookupError(f'no such key: {key}') from None

lookup('b')
