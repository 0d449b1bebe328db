# SyntaxError args from compile() of strings in each mode: the text of the
# offending line (with or without its line break), offsets at the end of
# input, tokenizer versus parser errors.
srcs = ['if 1:\n  a\n b\n', 'if 1:\na', '  a', 'if 1:\n\ta\n        b', 'def f():\npass',
        'x = (1,\n', "x = 'abc", 'x = """abc', 'x = 1 +\\\n', 'x = $', 'x = 1\n  y = 2',
        'class C:\n  def f(self):\n  pass', 'for x in y:\n# c\nz', 'x = )', 'x = (]', '0777',
        '1_', '1__0', '0b2', '1e', 'x = 5 6', 'print "x"', 'exec "x"', 'a = 1 = 2',
        'if x = 1: pass', 'x = [1, 2', 'def f(:', 'lambda x=1, y: 0', 'import a.',
        'from . import', 'x = 1 if 2', 'x\\y', '1 +', '(1', '1 if', 'x = 1 +', 'x.',
        'a b', '1 +\n']
modes = ['exec', 'eval', 'single']
for s in srcs:
    for mode in modes:
        try:
            compile(s, 'f', mode)
            print('ok', repr(s), mode)
        except SyntaxError as e:
            print(repr(s), mode, type(e).__name__, e.args)
# exec-mode only: f-string and literal errors
for s in ["f'{'", "f'{}'", "f'{x!z}'", "b'\u00e9'", "'\\N{nope}'"]:
    try:
        compile(s, 'f', 'exec')
    except SyntaxError as e:
        print(repr(s), type(e).__name__, e.args)
