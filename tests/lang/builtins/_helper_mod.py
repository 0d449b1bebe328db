# Helper module for import_build_class.py (not a test: its name starts with _).
VALUE = 'helper value'

def double(x):
    return x * 2
