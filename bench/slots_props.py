# bench: dataclass-like classes with __slots__ and properties
# Hand-written __init__/__repr__/__eq__/__hash__ on __slots__ classes,
# properties with validating setters, a class-level registry, objects as
# dict keys.


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point(x={self.x!r}, y={self.y!r})"

    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)


class Item:
    __slots__ = ("_name", "_price", "_qty")
    registry = []

    def __init__(self, name, price, qty):
        self._name = name
        self.price = price
        self.qty = qty
        Item.registry.append(self)

    @property
    def name(self):
        return self._name

    @property
    def price(self):
        return self._price

    @price.setter
    def price(self, value):
        if value < 0:
            raise ValueError("negative price")
        self._price = value

    @property
    def qty(self):
        return self._qty

    @qty.setter
    def qty(self, value):
        self._qty = value if value > 0 else 0

    @property
    def total(self):
        return self.price * self.qty


def main():
    seen = {}
    p = Point(0, 0)
    step = Point(3, -2)
    for i in range(700000):
        p = p + step
        if p.x > 97:
            p = Point(p.x - 97, p.y + 5)
        if p.y < -50:
            p = Point(p.x, p.y + 89)
        key = Point(p.x % 10, p.y % 10)
        seen[key] = seen.get(key, 0) + 1
    same = sum(1 for k in seen if k == Point(k.x, k.y))
    Item.registry.clear()
    for i in range(300000):
        Item(f"item{i % 100}", (i * 13) % 50, (i * 7) % 11 - 2)
    value = 0
    for it in Item.registry:
        it.qty = it.qty + 1
        it.price = it.price + 1
        value += it.total
    print(len(seen), same, repr(p), value, Item.registry[-1].name)


main()
