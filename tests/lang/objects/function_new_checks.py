# types.FunctionType(code, globals, name, argdefs, closure): argument checks.
def f(): pass
def outer():
    x = 1
    def inner(): return x
    return inner
FT = type(f)
inn = outer()
for args in [(f.__code__, {}, 5), (f.__code__, {}, None, [1]), (inn.__code__, {}), (inn.__code__, {}, None, None, [1]),
             (inn.__code__, {}, None, None, (1,)), (inn.__code__, {}, None, None, ()), (f.__code__, {}, None, None, 5)]:
    try:
        print(FT(*args))
    except Exception as e:
        print(type(e).__name__, e)
g = FT(inn.__code__, {}, 'nm', None, inn.__closure__)
print(g(), g.__name__, g.__qualname__)
