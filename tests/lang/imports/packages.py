# Packages and relative imports.
import pkg
print(pkg.greet('world'), pkg.package_level)
print(pkg.sub.shout('you'))
import pkg.sub.leaf as leaf_mod
print(leaf_mod.LEAF, leaf_mod.__name__, leaf_mod.__package__, leaf_mod.__spec__.name)
from pkg.core import greet
print(greet is pkg.greet)
import sys
print(sorted(m for m in sys.modules if m.startswith('pkg')))
print(pkg.__path__[0].endswith('pkg'), pkg.__file__.endswith('__init__.py'), pkg.core.__file__.endswith('core.py'))
print(pkg.__spec__.submodule_search_locations is not None, pkg.core.__spec__.parent)
import pkg  # a second import is a dictionary lookup: no output
try:
    from pkg import nothing_here
except ImportError as e:
    print(type(e).__name__ + ':', str(e).split(' (')[0])
try:
    import pkg.missing
except ModuleNotFoundError as e:
    print(type(e).__name__ + ':', e, e.name)
