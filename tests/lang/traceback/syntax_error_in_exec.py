# lang: expect-stderr
# A SyntaxError raised at run time by compile() shows the offending source.
source = 'x = 1\ny = (2 +\n'
exec(source)
