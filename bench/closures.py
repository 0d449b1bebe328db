# bench: closures
# Functions returning functions, nonlocal updates, closures over loop
# values, calling closures held in lists and dicts.


def make_counter(step):
    count = 0

    def inc():
        nonlocal count
        count += step
        return count
    return inc


def make_adder(k):
    def add(x):
        return x + k
    return add


def compose(f, g):
    def h(x):
        return f(g(x))
    return h


def make_accumulator():
    items = []
    total = 0

    def push(x):
        nonlocal total
        items.append(x)
        total += x
        return total

    def size():
        return len(items)
    return push, size


def main():
    counters = [make_counter(s) for s in range(1, 6)]
    adders = {k: make_adder(k) for k in range(10)}
    pipeline = compose(adders[3], compose(adders[7], adders[1]))
    push, size = make_accumulator()
    acc = 0
    for i in range(2500000):
        acc += counters[i % 5]()
        acc += pipeline(i) & 0xFF
        push(i % 13)
    # Fresh closures are created in a loop too, not only called.
    made = 0
    for i in range(900000):
        made += make_adder(i)(1) - i
    print(acc, push(0), size(), made)


main()
