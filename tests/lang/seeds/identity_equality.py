# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Identity vs Equality".
x = [1, 2, 3]
y = [1, 2, 3]
print('x == y:', x == y) # True: same values
print('x is y:', x is y) # False: different objects
z = x
print('x is z:', x is z) # True: same object
