class A:
    values = [[(y := i) for i in r] for r in rows]
