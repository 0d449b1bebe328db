print('pkg.core running, __package__ =', __package__)
def greet(name):
    return f'hello, {name}'
