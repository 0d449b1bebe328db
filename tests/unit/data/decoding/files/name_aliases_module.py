# coding: aliases
x = 1
