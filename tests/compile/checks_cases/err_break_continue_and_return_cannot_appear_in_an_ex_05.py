for x in y:
    try:
        pass
    except* E:
        try: pass
        finally: continue
