handler = lambda x, x: x
