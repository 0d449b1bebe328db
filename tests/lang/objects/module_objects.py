# module objects.
import sys
this = sys.modules['__main__']
print(type(this).__name__, this.__name__, this.__doc__, this.__spec__, this.__loader__ is not None)
print(__name__, __doc__, type(__builtins__).__name__ in ('module', 'dict'), __file__.endswith('module_objects.py'))
ModuleType = type(sys)
m = ModuleType('made', 'its doc')
print(m.__name__, m.__doc__, repr(m), sorted(vars(m)))
m.attr = 1
print(m.attr, m.__dict__['attr'])
try:
    m.missing
except AttributeError as e:
    print(type(e).__name__ + ':', e)
# module __getattr__ and __dir__ (PEP 562)
m2 = ModuleType('lazy')
m2.__getattr__ = lambda name: f'computed {name}'
m2.__dir__ = lambda: ['b', 'a']
print(m2.anything, dir(m2))
print(repr(sys)[:20], type(sys).__name__, sys.__name__)
try:
    ModuleType()
except TypeError as e:
    print(type(e).__name__ + ':', e)
class SubModule(ModuleType):
    def hello(self):
        return 'hello from ' + self.__name__
sm = SubModule('sub')
print(sm.hello(), isinstance(sm, ModuleType))
# reassigning __class__ of a module to a subclass is allowed
m.__class__ = SubModule
print(m.hello())
del m.attr
print(hasattr(m, 'attr'))
