[[(j := 0) for i in range(5)] for j in range(3)]
