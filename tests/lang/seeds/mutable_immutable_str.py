# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Mutable vs Immutable" (first program).
# The document lost its indentation; the code is otherwise verbatim.
# Immutable: strings cannot be changed in place
a = 'hello'
b = a
a = a + ' world'
print('a:', a)
print('b:', b) # b is unchanged
