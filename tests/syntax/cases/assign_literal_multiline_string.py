s = """abc
  def""" = = 2
