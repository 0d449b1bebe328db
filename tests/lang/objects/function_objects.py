# function objects, builtin functions, cells.
def f(x, y=2):
    return x + y
print(type(f).__name__, f.__name__, f.__defaults__, f.__code__.co_argcount, f(1))
FunctionType = type(f)
g = FunctionType(f.__code__, {'__builtins__': __builtins__}, 'g_name', (10,))
print(g.__name__, g(1), g.__defaults__, g.__globals__ is globals())
print(repr(f).startswith('<function f at 0x'), repr(len), repr(print), repr([].append).startswith('<built-in method append of list object at 0x'))
print(type(len).__name__, len.__name__, len.__self__.__name__, len.__module__, len.__doc__.splitlines()[0])
print(type(str.upper).__name__, type('x'.upper).__name__, 'x'.upper.__self__, str.upper('y'))
print(type(dict.__dict__['fromkeys']).__name__, type(dict.fromkeys).__name__, dict.fromkeys.__self__ is dict)

# cells
def outer():
    v = 'cell value'
    def inner():
        return v
    return inner
cell = outer().__closure__[0]
CellType = type(cell)
print(CellType.__name__, cell.cell_contents)
cell.cell_contents = 'changed'
print(cell.cell_contents)
empty = CellType()
try:
    empty.cell_contents
except ValueError as e:
    print(type(e).__name__ + ':', e)
print(CellType(5).cell_contents, CellType(1) == CellType(1), CellType(1) < CellType(2))
del cell.cell_contents
try:
    cell.cell_contents
except ValueError as e:
    print(type(e).__name__ + ':', e)

# functions are descriptors and have dicts
def h(): pass
h.attr = 'x'
print(h.__dict__, h.__get__(1).__self__, type(h.__get__(None, int)).__name__)
print(f.__kwdefaults__, f.__annotations__, f.__closure__, f.__module__, f.__builtins__ is __builtins__.__dict__ if hasattr(__builtins__, '__dict__') else 'dict')
try:
    FunctionType(f.__code__, {}, 'bad', None, ('not a cell',))
except (TypeError, ValueError) as e:
    print(type(e).__name__ + ':', e)
