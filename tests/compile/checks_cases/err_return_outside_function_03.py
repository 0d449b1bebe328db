while False:
    return
