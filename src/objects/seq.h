/* Helpers shared by the sequence types (tuple, list, range, slice) and the
 * built-in iterators: index conversion with CPython's messages, and the
 * pieces of __reduce__ they all build. */
#ifndef KRAIT_SEQ_H
#define KRAIT_SEQ_H

#include "objects/objects.h"

/* Does v support __index__ (CPython's PyIndex_Check)? */
static inline bool seq_has_index(KrThread *t, KrValue v)
{
    return kr_is_int(t, v) || kr_type(t, v)->index != NULL;
}

/* CPython's PyNumber_AsSsize_t(v, exc): v through __index__, an int that
 * does not fit raising exc("cannot fit 'T' into an index-sized integer"). */
int seq_index_value(KrThread *t, KrValue v, KrType *exc, int64_t *out);

/* A start/stop argument of index(): an __index__ value, clamped, with
 * "slice indices must be integers or have an __index__ method". */
int seq_slice_index_not_none(KrThread *t, KrValue v, int64_t *out);

/* Sequence repetition `a * b` with the sequence on the left: CPython tries
 * the other operand's nb_multiply (a class's __rmul__, float's) before
 * sq_repeat.  Calls b's multiply slot unless it is missing or is itself a
 * built-in sequence repetition; KR_NOTIMPLEMENTED means "repeat or fail". */
KrValue seq_mul_other_first(KrThread *t, KrValue a, KrValue b);

/* TypeError "can't multiply sequence by non-int of type 'T'" for n. */
KrValue seq_mul_error(KrThread *t, KrValue n);

/* The builtin iter function (borrowed), for iterators' __reduce__. */
KrValue seq_builtin_iter(KrThread *t);

/* (iter, (seq,), index) while seq is held, (iter, (empty,)) after: what
 * the exhausted-or-not iterators of 3.11 return from __reduce__. */
KrValue seq_iter_reduce(KrThread *t, KrValue seq, int64_t index, KrValue empty);

/* An exact int of a state argument for __setstate__ (PyLong_AsSsize_t:
 * "an integer is required" for non-ints). */
int seq_setstate_index(KrThread *t, KrValue state, int64_t *out);

/* CPython's _PySlice_GetLongIndices: the start, stop and step (new int
 * references) of slice applied to a sequence of `length` items, without
 * clamping to C integers (range slicing and slice.indices use it). */
int kr_slice_long_indices(KrThread *t, KrValue slice, KrValue length, KrValue *start, KrValue *stop,
                          KrValue *step);

/* Argument counts of CPython's METH_NOARGS and METH_O methods, whose
 * messages name the method as "list.copy". */
static inline int seq_noargs(KrThread *t, const char *qualname, size_t nargs)
{
    if (nargs == 0)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() takes no arguments (%zu given)", qualname, nargs);
}

static inline int seq_onearg(KrThread *t, const char *qualname, size_t nargs)
{
    if (nargs == 1)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() takes exactly one argument (%zu given)", qualname,
                            nargs);
}

/* The values a class adds after its built-in base's part of an instance
 * (__dict__, __weakref__, __slots__) start out absent. */
static inline void seq_init_extras(KrObject *o, char *extras, size_t n)
{
    (void)o;
    for (size_t i = 0; i + sizeof(KrValue) <= n; i += sizeof(KrValue)) {
        KrValue absent = KR_ABSENT;
        memcpy(extras + i, &absent, sizeof absent);
    }
}

/* A fresh instance of `type`, a fixed-size built-in whose own part is
 * `size` bytes, or a class derived from it. */
KrObject *seq_alloc_instance(KrThread *t, KrType *type, size_t size);

#endif
