# bench: list, dict and set comprehensions
# Comprehensions with conditions, nested loops and tuple results; dict and
# set comprehensions; a generator expression fed to a builtin.


def main():
    checksum = 0
    for r in range(650):
        n = 12000 + r
        evens = [x * x for x in range(n) if x % 2 == 0]
        pairs = [(i, j) for i in range(60) for j in range(i, 60) if (i + j) % 3 == 0]
        index = {x: i for i, x in enumerate(evens) if x % 10 != 4}
        residues = {x % 1009 for x in evens}
        matrix = [[(i * j) % 7 for j in range(40)] for i in range(40)]
        transposed = [[row[i] for row in matrix] for i in range(40)]
        flat = [v for row in transposed for v in row if v]
        words = {f"k{i}": len(str(i)) for i in range(0, n, 7)}
        longest = max(words.values())
        checksum = (checksum * 7 + len(evens) + len(pairs) + len(index)
                    + len(residues) + sum(flat) + longest
                    + sum(i * j for i, j in pairs)) % 1000000007
    print(checksum, len(index), sorted(residues)[:5], flat[:10])


main()
