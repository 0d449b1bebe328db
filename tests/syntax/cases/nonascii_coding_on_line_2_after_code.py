x = 1
# coding: utf-8
é = "éé" $ 1
