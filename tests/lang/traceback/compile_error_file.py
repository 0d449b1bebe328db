# lang: expect-stderr
# A compile-time error in the main file: nothing runs, and the error is
# reported with the source line and a caret; exit status 1.
print('this line never runs')

def fine():
    return 'ok'

break
