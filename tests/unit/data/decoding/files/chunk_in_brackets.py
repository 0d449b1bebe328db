# coding: cp1252
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
# padding padding padding padding padding padding padding padding
x = (1 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
2 +
)
