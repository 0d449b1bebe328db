# Run by tests/c/embed_basic.c through krait_run_file.
import helper_mod

def area(w, h=1, *, scale=1):
    return w * h * scale

loaded_from = __file__
total = helper_mod.triple(14)
