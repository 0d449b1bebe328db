# bench: dict- and str-heavy ETL-like processing
# Generates CSV-like text, splits and parses it, validates rows, groups and
# aggregates into dicts, then formats a report: split, strip, int(),
# float(), dict.get/setdefault, f-string formatting with widths.

REGIONS = ["north", "south", "east", "west", "central"]
PRODUCTS = ["widget", "gadget", "doohickey", "gizmo", "sprocket", "flange"]


def generate(n, seed):
    lines = ["id,region,product,qty,price,customer"]
    for i in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        region = REGIONS[seed % 5]
        product = PRODUCTS[(seed >> 8) % 6]
        qty = (seed >> 4) % 20
        price = ((seed >> 12) % 10000) / 100
        cust = f"c{(seed >> 16) % 400:04d}"
        if i % 97 == 0:
            qty = "n/a"
        lines.append(f"{i}, {region} ,{product},{qty},{price:.2f},{cust}")
    return "\n".join(lines)


def parse(text):
    rows = []
    errors = 0
    it = iter(text.split("\n"))
    header = [h.strip() for h in next(it).split(",")]
    for line in it:
        values = [v.strip() for v in line.split(",")]
        row = dict(zip(header, values))
        try:
            row["qty"] = int(row["qty"])
            row["price"] = float(row["price"])
        except ValueError:
            errors += 1
            continue
        rows.append(row)
    return rows, errors


def aggregate(rows):
    by_region = {}
    by_product = {}
    customers = {}
    for r in rows:
        amount = r["qty"] * r["price"]
        reg = by_region.setdefault(r["region"], {"orders": 0, "amount": 0.0})
        reg["orders"] += 1
        reg["amount"] += amount
        by_product[r["product"]] = by_product.get(r["product"], 0) + r["qty"]
        customers.setdefault(r["customer"], []).append(r["id"])
    return by_region, by_product, customers


def report(by_region, by_product, customers):
    out = []
    for name in sorted(by_region):
        v = by_region[name]
        out.append(f"{name.upper():<8}|{v['orders']:>6}|{v['amount']:>14.2f}")
    for name, qty in sorted(by_product.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"{name:<10}{qty:>8}")
    top = max(customers.items(), key=lambda kv: (len(kv[1]), kv[0]))
    out.append(f"top customer {top[0]} with {len(top[1])} orders")
    return "\n".join(out)


def main():
    total_errors = 0
    for rnd in range(9):
        text = generate(40000, 12345 + rnd)
        rows, errors = parse(text)
        total_errors += errors
    print(report(*aggregate(rows)))
    print("rows", len(rows), "errors", total_errors)


main()
