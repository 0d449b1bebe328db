global __debug__
