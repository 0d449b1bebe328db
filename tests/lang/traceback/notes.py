# lang: expect-stderr
# Exception notes are printed after the message.
try:
    raise ValueError('bad input')
except ValueError as e:
    e.add_note('while parsing line 3')
    e.add_note('of config.ini')
    raise
