def f():
    for x in y:
        def g():
            return 1
        break
