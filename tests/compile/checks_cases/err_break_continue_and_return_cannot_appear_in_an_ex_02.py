for x in y:
    try: pass
    except* E as e: continue
