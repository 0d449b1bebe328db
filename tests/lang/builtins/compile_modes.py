# compile(): SyntaxError arguments for string sources, 'single' mode rules,
# flag and optimize validation, argument types.
def show(f):
    try:
        r = f()
        print('ok', type(r).__name__)
    except SyntaxError as e:
        print(type(e).__name__, e.args)
    except Exception as e:
        print(type(e).__name__, e)

# exec mode reads the string with a final newline added; eval mode does not
show(lambda: compile('1 +', 'f', 'exec'))
show(lambda: compile('1 +\n', 'f', 'exec'))
show(lambda: compile('x = (', 'f', 'exec'))
show(lambda: compile('a b', 'f', 'eval'))
show(lambda: compile('a b', 'f', 'exec'))
# errors of the compiler proper have no text unless the file exists
show(lambda: compile('return 1', 'f', 'exec'))
show(lambda: compile('x = 1\ndef g():\n    nonlocal q', '<nofile>', 'exec'))
show(lambda: compile('from __future__ import spam', 'f', 'exec'))

# 'single': one statement
for s in ['a = 1\nb = 2', 'a = 1; b = 2', 'if 1:\n  a = 1\n  b = 2\n', 'a = 1\n\n',
          'a = 1\n# c\n', '', '\n', '# c', '# c\n\n', 'if 1: a', 'if 1: a\n',
          'if 1:\n  a', 'if 1:\n  a\n', 'for i in x: i\n', 'for i in x: i',
          'if 1:\n  a\nb = 2', 'a\n;', 'a; b\n', 'a\n\n# c\nb', 'def f(): pass',
          'def f(): pass\n', 'class C: pass\n\n', 'x = 1\nif 1: a', '(1,\n2)\n3',
          'if 1:\n a\nelse: b', 'if 1:\n a\nelse: b\n', '@d\ndef f(): pass',
          'if 1:\n  pass\n  # c', 'a\n\n\n  ']:
    try:
        compile(s, 'f', 'single')
        print('ok', repr(s))
    except SyntaxError as e:
        print(repr(s), e.args)

print(eval(compile('1 + 2', 'f', 'single')))
exec(compile('1 + 2', 'f', 'single'))
exec(compile('for i in range(2): i\n', 'f', 'single'))

# flags and optimize
show(lambda: compile('1', 'f', 'eval', 0x2000))
show(lambda: compile('1', 'f', 'exec', dont_inherit=True))
show(lambda: compile('1', 'f', 'exec', optimize=2))
show(lambda: compile('1', 'f', 'exec', optimize=-1))
show(lambda: compile('1', 'f', 'exec', optimize=5))
show(lambda: compile('1', 'f', 'exec', optimize=-2))
show(lambda: compile('1', 'f', 'exec', 0x40000000))
show(lambda: compile('1', 'f', 'bogus'))
show(lambda: compile(source='x', filename='f', mode='eval'))
show(lambda: compile('x', 'f', 'eval', 0, False, -1, _feature_version=-1))

# argument types
c = compile('1+1', 'f', 'eval')
show(lambda: compile(c, 'f', 'eval'))
show(lambda: compile(b'1+1', 'f', 'eval'))
show(lambda: compile(bytearray(b'1+1'), 'f', 'eval'))
show(lambda: compile('1\x00', 'f', 'eval'))
show(lambda: compile(5, 'f', 'eval'))
show(lambda: compile('x', 5, 'eval'))
show(lambda: compile('x', b'bytes_name', 'eval'))
print(compile('x', b'bytes_name', 'eval').co_filename)
# which flag bits compile() accepts (PyCF_ONLY_AST, 1 << 10, left out)
ok = []
for b in range(31):
    if b == 10:
        continue
    try:
        compile('1', 'f', 'exec', 1 << b)
        ok.append(hex(1 << b))
    except ValueError:
        pass
print(ok)
