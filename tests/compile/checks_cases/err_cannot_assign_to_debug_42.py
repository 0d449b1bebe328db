class C:
    def f(self, __debug__=(yield)): pass
