# lang: expect-stderr
# sys.exit(3) exits with status 3 and prints nothing on stderr; output is flushed.
# (This file is marked expect-stderr because the exit status is not 0.)
import sys
print('exiting with 3')
sys.stdout.write('unflushed text is flushed at exit\n')
sys.exit(3)
