[(i := 1) for i in [(j := 2) for j in k]]
