# lang: expect-stderr
# The last line of a traceback uses str() of the exception (and the bare class
# name for classes of __main__).
class Problem(Exception):
    def __str__(self):
        return 'custom description'

class Broken(Exception):
    def __str__(self):
        raise RuntimeError('no str')

try:
    raise Broken()
except Broken as b:
    print('str() of Broken fails:', type(b).__name__)
raise Problem('ignored arg')
