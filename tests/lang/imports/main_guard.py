# if __name__ == "__main__": and module attributes.
import _mainguard
print(_mainguard.run(), _mainguard.__name__, __name__)
if __name__ == '__main__':
    print('running as the main program')
import sys
print(sys.modules['__main__'].__name__, '_mainguard' in sys.modules)
print(_mainguard.__file__.endswith('_mainguard.py'), _mainguard.__spec__.name, _mainguard.__loader__ is not None)
print(type(_mainguard.__builtins__).__name__ in ('dict', 'module'), _mainguard.__package__ == '')
