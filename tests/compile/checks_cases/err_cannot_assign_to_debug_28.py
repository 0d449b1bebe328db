from . import __debug__
