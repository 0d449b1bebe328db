def f():
    try: pass
    except* E:
        with a:
            return 1
