# compile(), exec() and eval() with globals and locals mappings.
print(eval('1 + 2'), eval('x * 2', {'x': 21}), eval('x + y', {'x': 1}, {'y': 2}), eval(' 3 '))
g = {}
exec('a = 5\nb = a * 2', g)
print(g['a'], g['b'], '__builtins__' in g, sorted(k for k in g if k != '__builtins__'))
loc = {}
exec('c = 1\nd = c + 1', {}, loc)
print(loc)
print(exec('1 + 1'), eval('None'))
# exec in the current scope
exec('new_global = "made by exec"')
print(new_global)
def f():
    exec('local_var = 1')
    return 'local_var' in locals()
print(f())
# code objects
co = compile('x + 1', '<expr>', 'eval')
print(type(co).__name__, co.co_filename, eval(co, {'x': 41}))
co2 = compile('for i in range(3): total += i', 'loop', 'exec')
ns = {'total': 0}
exec(co2, ns)
print(ns['total'], co2.co_name, co2.co_filename)
# single mode echoes expression statements through sys.displayhook
exec(compile('40 + 2', '<single>', 'single'))
exec(compile('None', '<single>', 'single'))   # None is not echoed
exec(compile('"text"', '<single>', 'single'))
# a mapping that is not a dict as locals
class Tracking(dict):
    def __getitem__(self, k):
        print('lookup', k)
        return super().__getitem__(k)
    def __setitem__(self, k, v):
        print('store', k, v)
        super().__setitem__(k, v)
t = Tracking(q=10)
exec('r = q + 1', {}, t)
print(eval('q * r', {}, t))
class Mapping:
    def __getitem__(self, k):
        if k == 'magic':
            return 99
        raise KeyError(k)
print(eval('magic + 1', {}, Mapping()))
# __builtins__ control
try:
    eval('len([1])', {'__builtins__': {}})
except NameError as e:
    print(type(e).__name__ + ':', e)
print(eval('len([1, 2])', {'__builtins__': {'len': lambda x: 'fake len'}}))
# errors
for src, mode in [('1 +', 'eval'), ('x = 1', 'eval'), ('def', 'exec'), ('a b', 'single')]:
    try:
        compile(src, 'bad.py', mode)
    except SyntaxError as e:
        print(type(e).__name__ + ':', e.msg, e.lineno, e.offset, e.filename)
for fn in (lambda: compile('1', 'f', 'nope'), lambda: eval(5), lambda: exec('x', 1), lambda: eval('1', {}, 5)):
    try:
        fn()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
try:
    eval('undefined_name')
except NameError as e:
    print(type(e).__name__ + ':', e)
# eval with bytes source and leading whitespace, exec of a module-level def
print(eval(b'2 ** 10'), eval('\t 7'))
code_ns = {}
exec('def sq(n):\n    return n * n\n', code_ns)
print(code_ns['sq'](9), code_ns['sq'].__module__ if '__name__' in code_ns else code_ns['sq'].__globals__ is code_ns)
print(compile('pass', 'f', 'exec', dont_inherit=True).co_filename, compile('x', 'f', 'eval').co_names)
