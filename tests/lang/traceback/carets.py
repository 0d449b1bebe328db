# lang: expect-stderr
# Position markers for a subscript inside a larger expression.
matrix = [[1, 2], [3, 4]]
row = 1
value = matrix[row][0] + matrix[row][5] * 2
