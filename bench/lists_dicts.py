# bench: building lists and dicts
# append, indexing, slicing, extend, pop; dict insert, lookup, update,
# get, setdefault, in, tuple keys, iteration over items().


def build_lists(n):
    out = []
    for i in range(n):
        row = []
        for j in range(i % 17 + 3):
            row.append(i * j % 11)
        out.append(row)
    total = 0
    for row in out:
        total += row[0] + row[-1] + len(row[1:4])
        row.extend(row[:2])
        total += row.pop()
    return total


def build_dicts(n):
    counts = {}
    pairs = {}
    groups = {}
    for i in range(n):
        k = i % 1013
        counts[k] = counts.get(k, 0) + 1
        pairs[(k, i % 7)] = i
        groups.setdefault(k % 31, []).append(i)
    hits = 0
    for i in range(0, n, 3):
        if (i % 2000, i % 7) in pairs:
            hits += 1
    merged = dict(counts)
    merged.update({k: v * 2 for k, v in counts.items() if k % 5 == 0})
    s = 0
    for k, v in merged.items():
        s += k * v
    return len(pairs), hits, s, sum(len(g) for g in groups.values())


def main():
    print("lists", build_lists(400000))
    print("dicts", build_dicts(2000000))


main()
