def f():
    try: pass
    except* E:
        def g():
            return
        for x in y:
            break
