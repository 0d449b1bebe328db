del (f(),)
