for i in x:
    pass
else:
z = 1
