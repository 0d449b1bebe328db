# __spec__, __loader__ and module reprs, as importlib sets them.
import sys
import _star_source
import pkg
main = sys.modules['__main__']
print(main.__spec__, type(main.__loader__).__name__, main.__loader__.name, main.__loader__.path == __file__)
print(repr(main).startswith("<module '__main__' from '"), repr(main).endswith("specs.py'>"))
spec = _star_source.__spec__
print(type(spec).__name__, spec.name, spec.parent, spec.has_location, spec.submodule_search_locations, spec.loader is _star_source.__loader__)
print(spec.origin == _star_source.__file__, type(spec.loader).__name__, spec.loader.name, spec.loader.is_package('_star_source'))
print(spec.loader.get_filename() == spec.origin, 'def ' in spec.loader.get_source('_star_source'))
print(repr(spec).startswith("ModuleSpec(name='_star_source', loader=<_frozen_importlib_external.SourceFileLoader object at "))
print(repr(_star_source).startswith("<module '_star_source' from '"), repr(_star_source).endswith("_star_source.py'>"))
pspec = pkg.__spec__
print(pspec.name, pspec.parent, len(pspec.submodule_search_locations), pspec.submodule_search_locations == pkg.__path__)
print(pspec.loader.is_package('pkg'), pkg.__package__, _star_source.__package__)
print(repr(pspec).endswith("]" + ")"), 'submodule_search_locations=' in repr(pspec))
ModuleType = type(sys)
m = ModuleType('fresh')
print(repr(m), m.__spec__, m.__loader__)
m.__file__ = '/some/where.py'
print(repr(m))
del m.__file__
m.__loader__ = 'a loader'
print(repr(m))
m.__spec__ = spec
print(repr(m) == repr(_star_source))
class FakeSpec:
    name = 'fake'
    origin = 'somewhere'
    has_location = False
    loader = None
m.__spec__ = FakeSpec()
print(repr(m))
FakeSpec.origin = None
print(repr(m))
FakeSpec.loader = 'L'
print(repr(m))
ModuleSpec = type(spec)
s = ModuleSpec('x.y', None, origin='o')
print(s, s.parent, s.has_location, s.cached, s.loader_state)
s2 = ModuleSpec('x', None, is_package=True)
print(s2, s2.parent, s2.submodule_search_locations)
