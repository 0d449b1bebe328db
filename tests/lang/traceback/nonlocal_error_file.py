# lang: expect-stderr
# A symbol-table error in the main file.
print('never printed')

def outer():
    def inner():
        nonlocal missing
        missing = 1
    return inner
