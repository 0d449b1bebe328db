def f(a, a): return "é"
