# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Mutable vs Immutable" (second program).
# Mutable: lists can be changed in place
list_a = [1, 2, 3]
list_b = list_a # same reference, not a copy
list_a.append(4)
print('list_a:', list_a)
print('list_b:', list_b) # BOTH changed
