# lang: expect-stderr
# SyntaxError display: compile() errors from the parser (text from the
# source) and from the compiler (text None for a string), and SyntaxError
# objects built by hand with odd offsets and texts.
import sys

def show(src, mode='exec'):
    try:
        compile(src, '<test>', mode)
    except SyntaxError as e:
        print(type(e).__name__, e.lineno, e.offset)
        sys.excepthook(type(e), e, None)

show("x = (1, 2")
show("def f(:\n    pass")
show("if x\n    pass")
show("a b c")
show("  x = 1")
show("for x in range(3):\nprint(x)")
show("x = 1 +")
show("'abc")
show("return 5")
show("def f(a, a): pass")
show("print 'hello'")
show("1 = x")
show("\tif 1:\n        pass\n\tpass")

def raw(exc):
    sys.excepthook(type(exc), exc, None)

raw(SyntaxError("custom msg", ("file.py", 3, 5, "  some text here\n", 3, 9)))
raw(SyntaxError("no details"))
raw(SyntaxError("bad details", ("file.py", "x", 5, "text")))
raw(SyntaxError("offset past", ("file.py", 1, 50, "short\n")))
raw(SyntaxError("negative", ("file.py", 1, -3, "short\n")))
raw(SyntaxError("multi", ("file.py", 1, 2, "ab\ncd\n", 2, 1)))
raw(IndentationError("ind", (None, 1, 2, "xx", 1, 3)))

class MySyntaxError(SyntaxError):
    pass
raw(MySyntaxError("mine", ("f.py", 2, 1, "abc", 2, 3)))
exec("x = (\n1 +\n)")
