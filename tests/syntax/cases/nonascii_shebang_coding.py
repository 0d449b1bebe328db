#!/usr/bin/env python3
# -*- coding: utf-8 -*-
é = "éé" $ 1
