# coding: latin-1.x
x = 1
