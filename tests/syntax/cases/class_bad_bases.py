class C(a=1, b):
    pass
