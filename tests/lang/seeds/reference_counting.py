# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Reference Counting".
import sys
val = [1, 2, 3]
print('Initial ref count:', sys.getrefcount(val) - 1)
another_ref = val
print('After second reference:', sys.getrefcount(val) - 1)
del another_ref
print('After deleting second ref:', sys.getrefcount(val) - 1)
