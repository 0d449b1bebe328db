try:
    break
finally:
    return
