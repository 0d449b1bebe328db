# -*- coding: latin-1 -*-
x = "éé" is 1
