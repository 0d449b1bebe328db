# A package for embed_basic.c's dotted import.
