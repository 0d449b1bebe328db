# bench: recursive calls: naive Fibonacci
# Python-to-Python calls, small-int adds and compares, nothing else.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    total = 0
    for n in range(26, 33):
        total += fib(n)
    print("fib(32) =", fib(32), "sum fib(26..32) =", total)


main()
