'a' 'b' = c
