def f():
    with a:
        try: pass
        except* E:
            with b:
                for x in y:
                    continue
                return
