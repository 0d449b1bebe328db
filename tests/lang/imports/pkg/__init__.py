# Helper package for the imports tests.
print('pkg/__init__ running, __name__ =', __name__)
from .core import greet
from . import sub
package_level = 'defined in pkg/__init__'
