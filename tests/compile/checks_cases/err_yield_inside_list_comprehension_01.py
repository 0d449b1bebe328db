x = [(yield) for z in w]
