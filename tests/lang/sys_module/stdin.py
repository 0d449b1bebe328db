# Reading sys.stdin (see stdin.in).
import sys
first = sys.stdin.readline()
print(repr(first))
print(repr(sys.stdin.readline(3)))
rest = [line.rstrip('\n') for line in sys.stdin]
print(rest)
print(repr(sys.stdin.readline()), repr(sys.stdin.read()))
print(sys.stdin.readable(), sys.stdout.writable(), sys.stdin.fileno(), sys.stdout.fileno(), sys.stderr.fileno())
print(sys.stdin.name, sys.stdout.name, sys.stdin.isatty())
