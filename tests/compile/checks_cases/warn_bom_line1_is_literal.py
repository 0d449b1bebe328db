x = "é" is 1
