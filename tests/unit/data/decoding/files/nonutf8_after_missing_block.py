try:
    pass
ö
