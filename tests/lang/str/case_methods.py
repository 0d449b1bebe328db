# Case conversion and character predicates.
words = ['hello world', 'HELLO', 'Hello World', 'hELLO wORLD', "they're bill's", 'straße',
         'ǅungla', 'ΣΊΣΥΦΟΣ', 'İstanbul', 'ﬁne', '123abc', '', 'a1b2', 'ÀÉÎ']
for w in words:
    print(repr(w), w.upper(), w.lower(), w.capitalize(), w.title(), w.swapcase(), w.casefold())
for s in ['abc', 'ABC', 'Abc', 'aBC', '123', '½', '²', '٣', 'abc123', 'a b', ' ', '\t\n', '',
          'Title Case', 'ǅ', 'x_y', 'if', '_private', '2bad', 'ünïcode', '\x00', 'ascii', 'é']:
    print(repr(s), [s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(),
                    s.isspace(), s.islower(), s.isupper(), s.istitle(), s.isidentifier(),
                    s.isprintable(), s.isascii()])
