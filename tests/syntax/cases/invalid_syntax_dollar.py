a = b $ c
