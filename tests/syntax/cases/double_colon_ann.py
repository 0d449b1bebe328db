x: : int
