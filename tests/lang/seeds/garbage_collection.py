# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Garbage Collection".
# NORMALISED (allowed by issue 3): the document prints the number of objects
# collected (123) and the GC thresholds ((2000, 10, 0)); both depend on the
# interpreter and its version (3.11 uses (700, 10, 10)), so the two prints
# show their types instead of their values.  The calls are unchanged.
import gc
collected = gc.collect()
print('Objects collected:', type(collected).__name__, collected >= 0)
print('GC thresholds:', type(gc.get_threshold()).__name__, len(gc.get_threshold()))
