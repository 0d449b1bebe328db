# -*- coding: utf-8 -*-
é = "éé" $ 1
