# Subscripts and built-in method calls on exact lists and dicts take short
# paths in Krait; subclasses, odd keys and errors must behave as in CPython.
l = [10, 20, 30]
print(l[0], l[-1], l[-3], l[True])
for bad in (3, -4, 2**70):
    try:
        l[bad]
    except IndexError as e:
        print("IndexError:", e)
try:
    l["x"]
except TypeError as e:
    print("TypeError:", e)
l[-1] = 99
l[0] = l
print(len(l), l[1], l[-1], l[0] is l)
try:
    l[5] = 1
except IndexError as e:
    print("IndexError:", e)
l[0] = 0


class L(list):
    def __getitem__(self, i):
        return "L" + str(i)

    def __setitem__(self, i, v):
        print("L set", i, v)


m = L([1, 2])
print(m[0], m[-1])
m[0] = 5

d = {"a": 1, (1, 2): "t", 1: "one"}
print(d["a"], d[(1, 2)], d[1], d[1.0], d[True])
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    d[[1]]
except TypeError as e:
    print("TypeError:", e)
try:
    d[[1]] = 2
except TypeError as e:
    print("TypeError:", e)
d["a"] = 2
d[2] = "two"
print(sorted(d.items(), key=repr))


class Missing(dict):
    def __missing__(self, key):
        return "missing " + repr(key)


md = Missing(a=1)
print(md["a"], md["b"])


class Eq:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        print("eq called")
        return isinstance(other, Eq) and other.v == self.v


e = {Eq(1): "first"}
print(e[Eq(1)])

# Built-in methods called through the short path, and through descriptors.
out = []
for i in range(3):
    out.append(i)
print(out, out.pop(), out.index(1), "-".join(["a", "b"]))
try:
    out.append()
except TypeError as e:
    print("TypeError:", e)
try:
    out.append(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    list.append((), 1)
except TypeError as e:
    print("TypeError:", e)


class MyList(list):
    pass


ml = MyList()
ml.append(5)
list.append(ml, 6)
print(ml, type(ml).__name__)
print(dict.fromkeys("ab"), str.upper("x"), "a,b".split(","))
