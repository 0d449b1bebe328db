# -*- coding: latin-1 -*-
x = "éé" 1
