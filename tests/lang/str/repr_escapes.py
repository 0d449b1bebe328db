# repr() of strings: quotes and escapes.
for s in ['plain', "it's", 'say "hi"', 'both \' and "', '\n\t\r\\', '\x00\x07\x1f\x7f', '\x80\xa0\xad\xff',
          'é', '€', '\u200b', '\u2028', '\ud800', '\U0001f600', '\U000e0001', '\u0378', '\ufeff', ' ', '']:
    print(repr(s), ascii(s), len(s))
print('\101\x41\u0041\U00000041\N{LATIN CAPITAL LETTER A}', r'\n', len(r'\n'))
print(b'\x00\n\\\'"'.__repr__(), repr(b"'"), repr(b'"\''), repr(bytearray(b'a\xff')))
print(str('tab\there'), repr('tab\there'))
x = 'abc'
print(f'{x!r:>10}', f'{x=}', f'{x = }', f'{1 + 1 = }', f"{'nested'}", f'{{}}')
width, prec = 10, 3
print(f'{3.14159:{width}.{prec}}|', f'{"left":<{width}}|', f'{x:*^{width}}', f"{'a' if x else 'b'}")
print(f'{[1, 2][0]}', f'{ {"k": 5}["k"] }', f'{(lambda: 7)()}', f'{x.upper()}', f'{len(x):03d}', f'{-1:+}')
items = ['a', 'b']
print(f'{", ".join(items)}', f'{items!s}', f'''{x
}''', f'{x}' f'{x}' 'lit' f'{1}')
