# Free variables passing through class scopes, DEF_FREE_CLASS, nested classes.
def outer():
    x = 1
    y = 2
    z = 3

    class A:
        x = 10            # class binding with the same name as a free variable of a method
        w = y             # the class reads y: free in the class (LOAD_CLASSDEREF)

        def m(self):
            return x, y, z  # all three free: they come from outer, not from the class

        class Inner:
            def deep(self):
                return z + x

        def uses_w(self):
            return w       # class names are not visible in methods: global

    return A


def global_in_class():
    v = 1

    class B:
        global v           # class-level global, but the method still sees outer's v
        def m(self):
            return v
    return B


def class_nonlocal():
    counter = 0

    class C:
        nonlocal counter
        counter += 1
        def get(self):
            return counter
    return C


class Top:
    a = 1
    def method(self):
        return a          # global, not the class's a

    def make(self):
        b = 2
        class Local:
            c = b
            def f(self):
                return b, c
        return Local
