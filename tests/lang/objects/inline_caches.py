# Attribute and global lookups stay right when what they found changes
# between two runs of the same instruction (Krait caches them per site).


class A:
    kind = "class"

    def m(self):
        return "A.m"


def read_kind(o):
    return o.kind


def call_m(o):
    return o.m()


def get_m(o):
    return o.m


a = A()
print([read_kind(a) for _ in range(3)])
a.kind = "instance"              # the instance now shadows the class attribute
print(read_kind(a))
del a.kind
print(read_kind(a))
A.kind = "changed"               # the class namespace changes
print(read_kind(a))
print([call_m(a) for _ in range(2)])
a.m = lambda: "instance m"       # an instance attribute shadows the method
print(call_m(a), get_m(a)())
del a.m
print(call_m(a), get_m(a)())
A.m = lambda self: "new A.m"
print(call_m(a))


class B(A):
    pass


b = B()
print(call_m(b), read_kind(b))
A.m = lambda self: "A.m again"   # a change in a base reaches the subclass
print(call_m(b))
B.m = lambda self: "B.m"
print(call_m(b), call_m(a))


class C:
    def m(self):
        return "C.m"

    kind = "C"


b.__class__ = A
print(call_m(b))
o = A()
o.__class__ = B
print(call_m(o))

# Data descriptors win over the instance dict; adding one later counts.


class P:
    def __init__(self):
        self.x = 1


def read_x(p):
    return p.x


def write_x(p, v):
    p.x = v


p = P()
write_x(p, 5)
print(read_x(p), read_x(p))
P.x = property(lambda self: "property x", lambda self, v: print("setter", v))
print(read_x(p))
write_x(p, 7)
print(p.__dict__)
del P.x
print(read_x(p))

# __slots__ members.


class S:
    __slots__ = ("u", "v")


s = S()
for i in range(3):
    write_x_slot = None
    s.u = i
    print(s.u, end=" ")
print()
try:
    s.v
except AttributeError as e:
    print("AttributeError:", e)
s.v = 9
print(s.v)
del s.v
try:
    print(s.v)
except AttributeError as e:
    print("AttributeError:", e)

# The instance __dict__ replaced, attributes deleted, dicts rebuilt.


class D:
    pass


d = D()
d.a = 1
print([read_kind_ for read_kind_ in [getattr(d, "a")]])


def read_a(o):
    return o.a


print(read_a(d))
d.__dict__ = {"a": "replaced"}
print(read_a(d))
for i in range(20):
    setattr(d, "k%d" % i, i)      # the dict grows and is rebuilt
print(read_a(d))
for i in range(20):
    delattr(d, "k%d" % i)
print(read_a(d))
del d.a
try:
    read_a(d)
except AttributeError as e:
    print("AttributeError:", e)

# __getattr__ and __getattribute__ added after the site was warmed up.


class G:
    y = 1


def read_y(g):
    return g.y


g = G()
print(read_y(g), read_y(g))
G.__getattribute__ = lambda self, name: "intercepted " + name
print(read_y(g))
del G.__getattribute__
print(read_y(g))
del G.y
G.__getattr__ = lambda self, name: "fallback " + name
print(read_y(g))

# Module attributes.
import sys

mod = type(sys)("mod")
mod.value = 1


def read_mod(m):
    return m.value


print(read_mod(mod))
mod.value = 2
print(read_mod(mod))
del mod.value
mod.__getattr__ = lambda name: "module getattr " + name
print(read_mod(mod))

# Globals and builtins.


def use_len():
    return len("abc")


print(use_len())
len = lambda s: "global len"     # a global now shadows the builtin
print(use_len())
del len
print(use_len())


def read_counter():
    return counter


counter = 0
for i in range(3):
    counter += 1
    print(read_counter(), end=" ")
print()
del counter
try:
    read_counter()
except NameError as e:
    print("NameError:", e)

# The same code run with different globals.
code = compile("print(x, len('ab'))", "<cached>", "exec")
exec(code, {"x": 1})
exec(code, {"x": 2, "len": lambda s: "own len"})
exec(code, {"x": 3})
import builtins

builtins.extra_builtin = "extra"


def read_extra():
    return extra_builtin


print(read_extra())
builtins.extra_builtin = "extra changed"
print(read_extra())
del builtins.extra_builtin
try:
    read_extra()
except NameError as e:
    print("NameError:", e)

# Built-in methods through a cached site.


def append_to(lst, v):
    lst.append(v)


lst = []
for i in range(3):
    append_to(lst, i)
print(lst)


class MyList(list):
    def append(self, v):
        super().append(v * 10)


ml = MyList()
for i in range(3):
    append_to(ml, i)
    append_to(lst, i)
print(ml, lst)
