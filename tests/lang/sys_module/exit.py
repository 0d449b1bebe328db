# lang: expect-stderr
# sys.exit with a message: printed to stderr, exit status 1; finally blocks run.
import sys
print('before exit')
try:
    sys.exit(0)
except SystemExit as e:
    print('caught SystemExit', e.code, repr(e))
try:
    raise SystemExit
except SystemExit as e:
    print('bare SystemExit code', e.code)
try:
    raise SystemExit('message', 'extra')
except SystemExit as e:
    print('args', e.args, e.code)
try:
    print('in try')
    sys.exit('fatal: stopping')
finally:
    print('finally runs before exit')
print('never printed')
