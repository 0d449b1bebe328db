# -*- coding: cp1252 -*-
x = "é"; return 1
