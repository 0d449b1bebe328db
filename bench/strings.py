# bench: string building and join
# += on str, str.join, f-strings, str(int), slicing, upper/replace/split,
# find, startswith and len.


def words(n, first):
    syll = ["ka", "ri", "to", "su", "me", "no", "la", "vi"]
    out = []
    for i in range(first, first + n):
        w = syll[i % 8] + syll[(i // 8) % 8] + syll[(i // 64) % 8]
        out.append(w)
    return out


def build(ws):
    s = ""
    for i, w in enumerate(ws):
        s += w
        if i % 10 == 9:
            s += "\n"
        else:
            s += " "
    return s


def render(ws):
    parts = []
    for i, w in enumerate(ws):
        parts.append(f"{i}:{w.upper()}[{len(w)}]")
    return ",".join(parts)


def transform(text):
    total = 0
    for line in text.split("\n"):
        line = line.replace("ka", "KA").strip()
        if line.startswith("KA"):
            total += 1
        total += line.find("me") + len(line[3:9])
        total += len(" ".join(reversed(line.split(" "))))
    return total


def main():
    sizes = 0
    score = 0
    for r in range(12):
        ws = words(150000, r * 1000)
        text = build(ws)
        csv = render(ws)
        sizes += len(text) + len(csv)
        score += transform(text)
    print(sizes, score, csv[-40:])
    print(text[:30].replace("\n", "|"))


main()
