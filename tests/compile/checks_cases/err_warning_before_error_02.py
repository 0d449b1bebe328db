def f():
    for x in ():
        try:
            break
        finally:
            x is 1
    return
break
