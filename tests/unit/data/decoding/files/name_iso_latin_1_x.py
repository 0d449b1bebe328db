# coding: iso-latin-1-x
x = "é"
