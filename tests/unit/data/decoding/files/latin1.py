# coding: latin-1
x = "é"
été = 1
