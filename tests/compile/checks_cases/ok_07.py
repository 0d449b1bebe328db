x.__debug__
