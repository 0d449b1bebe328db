# coding: utf8
x = "Ã©"
y = 1
x = 1Ã