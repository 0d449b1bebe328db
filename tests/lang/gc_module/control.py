# gc.enable/disable/isenabled, thresholds, counts, freeze.
import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
old = gc.get_threshold()
print(type(old).__name__, len(old), all(isinstance(v, int) for v in old))
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(700)
print(gc.get_threshold()[0])
gc.set_threshold(*old)
print(gc.get_threshold() == old)
count = gc.get_count()
print(type(count).__name__, len(count), all(c >= 0 for c in count))
gc.freeze()
print(gc.get_freeze_count() >= 0)
gc.unfreeze()
print(gc.get_freeze_count())
try:
    gc.set_threshold()
except TypeError as e:
    print(type(e).__name__ + ':', e)
print(gc.callbacks, type(gc.callbacks).__name__)
phases = []
def cb(phase, info):
    phases.append((phase, sorted(info)))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(phases)
print(gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL, gc.get_debug())
