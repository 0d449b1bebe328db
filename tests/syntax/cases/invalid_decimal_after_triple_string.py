s = """abc
  def""" + 1abc
