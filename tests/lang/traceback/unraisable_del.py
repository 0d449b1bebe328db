# lang: expect-stderr
# An exception in __del__ is reported as "Exception ignored in" and the program goes on.
class Finalizer:
    def __repr__(self):
        return '<Finalizer>'
    def __call__(self):      # not a function, so not bound: no self argument
        raise ValueError('error during finalization')

class Resource:
    __del__ = Finalizer()

r = Resource()
del r
print('program continues after the ignored exception')
