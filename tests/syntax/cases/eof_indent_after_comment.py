if x:
# c
