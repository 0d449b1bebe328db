# coding: utf8-sig
x = 1
