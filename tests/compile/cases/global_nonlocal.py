# global / nonlocal interplay.
g = 0


def declares_global():
    global g, h
    g = 1
    h = 2

    def inner():
        return g + h       # implicit global: the enclosing global declaration passes down

    def shadow():
        g = 3              # a local g shadows the outer declaration for its own children
        def deeper():
            return g       # free: g is bound in shadow
        return deeper
    return inner, shadow


def nonlocal_chain():
    a = 1
    def mid():
        def inner():
            nonlocal a     # skips mid, finds outer's a; mid passes it through as free
            a += 1
        return inner
    return mid


def local_hides_global_decl():
    global k
    def f():
        k = 1              # local to f
        def g2():
            return k       # free from f
        return g2
    return f


def repeated_declarations():
    global r
    global r
    r = 1


def import_then_global():
    import os
    global os


def uses_only():
    print(undefined_name)


def nonlocal_param(p):
    def inner():
        nonlocal p
        p = 2
    return inner
