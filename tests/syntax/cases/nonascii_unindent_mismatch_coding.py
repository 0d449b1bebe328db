# coding: utf-8
if x:
        a = 1
    bé = "é"
