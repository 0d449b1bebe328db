# ö
# coding: latin-1
