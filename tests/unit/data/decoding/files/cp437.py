# coding: cp437
x = '°±²'
