# -*- coding: latin-1 -*-
def f(a, a): return "éé"
