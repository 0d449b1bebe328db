x = 1 + \
  2abc
