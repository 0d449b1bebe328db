try:
    x
# c

