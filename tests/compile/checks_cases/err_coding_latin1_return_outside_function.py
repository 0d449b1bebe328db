# -*- coding: latin-1 -*-
x = "éé"; return 1
