# The namespace __main__ starts with when a file is run.
print(sorted(globals()))
print(__annotations__, __cached__, __doc__, __package__, __spec__, __name__)
import sys
main = sys.modules['__main__']
print(main.__dict__ is globals(), type(main.__loader__).__name__, main.__loader__.name)
x: int = 5
print(__annotations__)
