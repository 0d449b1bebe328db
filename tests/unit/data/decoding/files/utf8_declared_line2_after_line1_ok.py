#!/usr/bin/python
# coding: utf-8 ö
x = 'Ã©'
