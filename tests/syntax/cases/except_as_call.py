try:
    pass
except A as f():
    pass
