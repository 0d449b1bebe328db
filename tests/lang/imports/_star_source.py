__all__ = ['public_a', 'renamed']
public_a = 'a'
public_b = 'b (not in __all__)'
_private = 'p'
renamed = 'r'
