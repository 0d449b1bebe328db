# lang: expect-stderr
# An uncaught exception at module level: traceback on stderr, exit status 1.
print('output before the error is kept')
total = 10
count = 0
average = total / count
print('never printed')
