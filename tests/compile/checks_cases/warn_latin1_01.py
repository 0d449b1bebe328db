# -*- coding: latin-1 -*-
def f(x):
    x is "été"  
    [1]["é"]
