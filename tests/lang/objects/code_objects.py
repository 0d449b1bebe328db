# code objects.
def sample(a, b=1, /, c=2, *args, d, e=3, **kw):
    "doc"
    local = a + b
    def inner():
        return local
    return inner

co = sample.__code__
print(type(co).__name__, co.co_name, co.co_qualname, co.co_filename.endswith('code_objects.py'))
print(co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_nlocals)
print(co.co_varnames, co.co_cellvars, co.co_freevars)
print(sample(1, d=0).__code__.co_freevars, sample(1, d=0).__code__.co_qualname)
print(co.co_firstlineno, type(co.co_code).__name__, type(co.co_consts).__name__, 'doc' in co.co_consts)
print(type(co.co_names).__name__, type(co.co_flags).__name__, co.co_flags & 0x04 != 0, co.co_flags & 0x08 != 0)
def gen():
    yield
async def coro():
    pass
print(gen.__code__.co_flags & 0x20 != 0, coro.__code__.co_flags & 0x80 != 0, sample.__code__.co_flags & 0x20 != 0)
c2 = co.replace(co_name='renamed')
print(c2.co_name, co.co_name, c2 is co, c2 == co)
print(compile('a = 1', 'fname.py', 'exec').co_filename, compile('a', '<s>', 'eval').co_names)
lam = lambda x: x
print(lam.__code__.co_name, (x for x in []).gi_code.co_name, [].__class__.__name__)
class K:
    def m(self): pass
print(K.m.__code__.co_qualname, type(co.co_lines()).__name__ if hasattr(co, 'co_lines') else '-')
