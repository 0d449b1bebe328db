if x:
        a = 1
    bé = "é"
