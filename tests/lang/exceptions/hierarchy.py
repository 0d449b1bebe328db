# Every built-in exception class and its base classes.
import builtins
classes = sorted({obj for obj in vars(builtins).values()
                  if isinstance(obj, type) and issubclass(obj, BaseException)},
                 key=lambda c: c.__name__)
for cls in classes:
    print(cls.__name__, '->', ' '.join(c.__name__ for c in cls.__mro__[1:]))
print(len(classes))
print(EnvironmentError is OSError, IOError is OSError)

def tree(cls, depth=0):
    print('  ' * depth + cls.__name__)
    for sub in sorted(cls.__subclasses__(), key=lambda c: c.__name__):
        if sub.__module__ == 'builtins':
            tree(sub, depth + 1)
tree(BaseException)
