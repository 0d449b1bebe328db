# Attributes of function objects.
def outer(a, b=1, *args, c, d=2, **kw):
    "Outer's docstring."
    x = a + b
    def inner():
        return x
    return inner

print(outer.__name__, outer.__qualname__, outer.__module__)
print(outer.__doc__)
inner = outer(1, c=0)
print(inner.__name__, inner.__qualname__, inner.__doc__)
co = outer.__code__
print(co.co_name, co.co_argcount, co.co_kwonlyargcount, co.co_posonlyargcount)
print(co.co_varnames[:6])
print(co.co_qualname if hasattr(co, 'co_qualname') else None)
print(inner.__code__.co_freevars, co.co_cellvars)
print(type(inner.__closure__).__name__, len(inner.__closure__), inner.__closure__[0].cell_contents)
print(outer.__closure__)

outer.tag = 'hello'
print(outer.__dict__)
print(outer.__globals__ is globals())

outer.__name__ = 'renamed'
outer.__qualname__ = 'Some.renamed'
print(outer.__name__, outer.__qualname__)
try:
    outer.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)

class A:
    def m(self): pass
    class B:
        def n(self): pass
print(A.m.__qualname__, A.B.n.__qualname__, (lambda: 0).__qualname__)
print(callable(outer), type(outer).__name__)
print(outer.__annotations__, outer.__defaults__)
