x = 'abc
ö
