s = """abc
  def""" + )
