__debug__: int = (yield)
