def f():
    if x:
        pass
  return 2
