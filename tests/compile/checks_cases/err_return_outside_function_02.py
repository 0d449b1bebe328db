class C:
    return
