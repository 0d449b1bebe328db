from ..core import greet as _greet
from .leaf import LEAF
def shout(name):
    return _greet(name).upper() + ' ' + LEAF
