# bench: decorators
# Function decorators with (*args, **kwargs) wrappers, decorators that take
# arguments, stacked decorators, a memoizing decorator and a class-based
# decorator with __call__, as tutorials show them.


def counted(func):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)
    wrapper.calls = 0
    wrapper.__name__ = func.__name__
    return wrapper


def clamp(lo, hi):
    def decorate(func):
        def wrapper(*args, **kwargs):
            r = func(*args, **kwargs)
            if r < lo:
                return lo
            if r > hi:
                return hi
            return r
        wrapper.__name__ = func.__name__
        return wrapper
    return decorate


def memoize(func):
    cache = {}

    def wrapper(n):
        if n in cache:
            return cache[n]
        r = func(n)
        cache[n] = r
        return r
    wrapper.cache = cache
    return wrapper


class Trace:
    def __init__(self, func):
        self.func = func
        self.total = 0

    def __call__(self, *args):
        r = self.func(*args)
        self.total += r
        return r


@counted
@clamp(-500, 500)
def score(a, b, bonus=0):
    return (a * 7 - b * 3) % 1201 - 600 + bonus


@memoize
def ways(n):
    if n < 2:
        return 1
    return (ways(n - 1) + ways(n - 2)) % 1000000007


@Trace
def mix(a, b):
    return (a ^ b) & 0xFFFF


def main():
    total = 0
    for i in range(800000):
        total += score(i, i // 3)
        total += score(i, 5, bonus=i % 9)
        total += mix(i, total & 0xFFF)
    w = 0
    for i in range(1400):
        ways.cache.clear()
        w = (w + ways(150 + i % 50)) % 1000000007
    print(total, score.calls, score.__name__, mix.total, w)


main()
