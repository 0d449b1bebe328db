class C:
    def m(self):
        pass
    [x for x in range(3) if (n := x)]
