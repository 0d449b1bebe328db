# __init_subclass__ hooks (PEP 487).
class Plugin:
    registry = []
    def __init_subclass__(cls, /, name=None, **kw):
        super().__init_subclass__(**kw)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)
        print('registered', cls.plugin_name)

class Alpha(Plugin):
    pass
class Beta(Plugin, name='the-beta'):
    pass
class Gamma(Beta):
    pass
print(Plugin.registry, Gamma.plugin_name)
print(hasattr(Plugin, 'plugin_name'))

# implicitly a classmethod
print(type(Plugin.__dict__['__init_subclass__']).__name__)

# unknown keywords reach object.__init_subclass__ and fail
try:
    class Bad(Alpha, colour='red'):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# cooperative chains across multiple bases
class A:
    def __init_subclass__(cls, **kw):
        print('A hook for', cls.__name__, kw)
        super().__init_subclass__(**kw)
class B:
    def __init_subclass__(cls, **kw):
        print('B hook for', cls.__name__, kw)
        super().__init_subclass__()
class C(A, B, extra=1):
    pass

# the hook sees the finished class
class Checked:
    def __init_subclass__(cls):
        missing = [m for m in ('run',) if not hasattr(cls, m)]
        if missing:
            raise TypeError(f'{cls.__name__} lacks {missing}')
class Good(Checked):
    def run(self): pass
try:
    class Lacking(Checked):
        pass
except TypeError as e:
    print(type(e).__name__, e)
print(object.__init_subclass__())
