# bench: nested loops of small-int arithmetic
# for/while loops, +, -, *, //, %, &, ^, <<, >>, comparisons; every value
# stays well inside 32 bits, so no big ints are involved.


def grid(n):
    acc = 0
    for i in range(n):
        row = 0
        for j in range(n):
            v = (i * j + i - j) % 97
            if v & 1:
                row += v >> 1
            else:
                row -= v // 3
        acc = (acc * 31 + row) & 0xFFFFFF
    return acc


def gcd_sum(n):
    total = 0
    a = 1
    while a <= n:
        b = 1
        while b <= n:
            x, y = a, b
            while y:
                x, y = y, x % y
            total += x
            b += 1
        a += 1
    return total


def steps(limit):
    longest = 0
    best = 0
    for start in range(1, limit):
        k = start
        count = 0
        while k != 1:
            if k & 1:
                k = 3 * k + 1
            else:
                k >>= 1
            count += 1
        if count > longest:
            longest = count
            best = start
    return best, longest


def main():
    print("grid", grid(1700))
    print("gcd", gcd_sum(650))
    print("steps", steps(110000))


main()
