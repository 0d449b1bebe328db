1: int = 2
