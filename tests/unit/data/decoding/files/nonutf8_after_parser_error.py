def f(:
  pass
# ö
