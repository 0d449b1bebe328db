import a.__debug__
