s1 = '\a\b\f\n\r\t\v\\\'\"\0\7\77\177\x7f\u00e9\U0001F600\N{BULLET}\N{LATIN SMALL LETTER E WITH ACUTE}'
s2 = b'\a\b\f\n\r\t\v\\\'\"\0\7\77\377\xff'
s3 = 'unknown \d \q escapes kept', "\
continued"
s4 = """triple "with" 'quotes'
and lines
"""
s5 = 'é' "漢字" '🐍' '\ud800' '\udfff'
s6 = f'''multi
{x}
line {y!a}'''
s7 = (
    'implicit'
    f' {concatenation}'
    ' across lines'
)
s8 = f"{'nested'}" f'{"other"}' f"""{'''deep'''}"""
s9 = f'{x:%Y-%m-%d}' f'{x:{"nested"}}' f'{3.14:.2f}' f'{x!r:^{width}}'
s10 = u'kind' 'and more'
