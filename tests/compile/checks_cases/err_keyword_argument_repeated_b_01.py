class C(**a, b=1, b=2): pass
