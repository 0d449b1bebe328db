# bench: a generator pipeline
# Chained generator functions, yield from, a generator expression and
# sum() over the pipeline's end.


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def only_odd_digits_sum(src):
    for x in src:
        if (x // 10 + x) % 3:
            yield x


def squares(src):
    for x in src:
        yield x * x % 1000003


def windows(src, size):
    buf = []
    for x in src:
        buf.append(x)
        if len(buf) == size:
            yield sum(buf)
            buf = buf[1:]


def chained(n):
    yield from numbers(n)
    yield from numbers(n // 2)


def main():
    n = 1900000
    total = sum(windows(squares(only_odd_digits_sum(chained(n))), 4))
    evens = sum(x for x in numbers(n) if x % 2 == 0)
    count = 0
    for _ in squares(numbers(n)):
        count += 1
    print(total % 1000000007, evens, count)


main()
