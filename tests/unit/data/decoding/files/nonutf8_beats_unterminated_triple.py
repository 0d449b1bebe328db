x = """
a
a
a
a
a
ö
