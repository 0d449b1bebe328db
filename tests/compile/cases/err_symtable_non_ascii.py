x = 1
def f():
    global x
    ü = 1; x = 1; global x
