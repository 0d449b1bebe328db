b = rb'abc
