/* slice objects, the index arithmetic every sequence shares
 * (kr_slice_unpack / kr_slice_adjust, the C-integer form, and
 * kr_slice_long_indices, the exact form), and the small helpers of seq.h. */
#include <stdlib.h>

#include "objects/objects.h"
#include "objects/seq.h"

/* ------------------------------------------------------------------ */
/* Helpers of seq.h                                                    */
/* ------------------------------------------------------------------ */

static int seq_int_to_i64(KrThread *t, KrValue i, int64_t *out)
{
    if (kr_is_smallint(i)) {
        *out = kr_as_smallint(i);
        return 1;
    }
    if (kr_is_bool(i)) {
        *out = i == KR_TRUE;
        return 1;
    }
    KrLong *l = (KrLong *)kr_as_ptr(i);
    (void)t;
    if (!mpz_fits_slong_p(l->z))
        return 0;
    *out = mpz_get_si(l->z);
    return 1;
}

int seq_index_value(KrThread *t, KrValue v, KrType *exc, int64_t *out)
{
    if (kr_is_smallint(v)) {
        *out = kr_as_smallint(v);
        return 0;
    }
    KrValue i = kr_index(t, v);
    if (i == KR_ERROR)
        return -1;
    int fits = seq_int_to_i64(t, i, out);
    kr_decref(t, i);
    if (!fits)
        return kr_raise_fmt_int(t, exc, "cannot fit '%T' into an index-sized integer", v);
    return 0;
}

int seq_slice_index_not_none(KrThread *t, KrValue v, int64_t *out)
{
    if (kr_is_smallint(v)) {
        *out = kr_as_smallint(v);
        return 0;
    }
    if (!seq_has_index(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "slice indices must be integers or have an __index__ method");
    return kr_as_ssize_clamped(t, v, out);
}

bool kr_seq_is_repeat_slot(KrThread *t, KrBinaryFn f)
{
    static const int repeaters[] = {KR_T_STR, KR_T_BYTES, KR_T_BYTEARRAY, KR_T_TUPLE, KR_T_LIST};
    for (size_t i = 0; i < sizeof repeaters / sizeof repeaters[0]; i++)
        if (f == t->vm->types[repeaters[i]]->binary[KR_OP_MUL])
            return true;
    return false;
}

KrValue seq_mul_other_first(KrThread *t, KrValue a, KrValue b)
{
    KrBinaryFn other = kr_type(t, b)->binary[KR_OP_MUL];
    if (!other || kr_seq_is_repeat_slot(t, other))
        return KR_NOTIMPLEMENTED;
    return other(t, a, b);
}

KrValue seq_mul_error(KrThread *t, KrValue n)
{
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "can't multiply sequence by non-int of type '%T'", n);
}

KrValue seq_builtin_iter(KrThread *t)
{
    KrValue f = kr_dict_get_cstr(t, t->vm->builtins_dict, "iter");
    if (f == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "lost builtins.iter");
    return f;
}

KrValue seq_iter_reduce(KrThread *t, KrValue seq, int64_t index, KrValue empty)
{
    KrValue iter = seq_builtin_iter(t);
    if (iter == KR_ERROR)
        return KR_ERROR;
    if (seq == KR_ABSENT) {
        KrValue args = kr_tuple_pack(t, 1, empty);
        if (args == KR_ERROR)
            return KR_ERROR;
        KrValue r = kr_tuple_pack(t, 2, iter, args);
        kr_decref(t, args);
        return r;
    }
    KrValue args = kr_tuple_pack(t, 1, seq);
    KrValue idx = kr_int_from_i64(t, index);
    KrValue r = KR_ERROR;
    if (args != KR_ERROR && idx != KR_ERROR)
        r = kr_tuple_pack(t, 3, iter, args, idx);
    if (args != KR_ERROR)
        kr_decref(t, args);
    if (idx != KR_ERROR)
        kr_decref(t, idx);
    return r;
}

int seq_setstate_index(KrThread *t, KrValue state, int64_t *out)
{
    if (!kr_is_int(t, state))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "an integer is required");
    if (!seq_int_to_i64(t, state, out))
        return kr_raise_fmt_int(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C ssize_t");
    return 0;
}

KrObject *seq_alloc_instance(KrThread *t, KrType *type, size_t size)
{
    size_t total = type->basicsize > size ? type->basicsize : size;
    KrObject *o = kr_alloc(t, type, total);
    if (o)
        seq_init_extras(o, (char *)o + size, total - size);
    return o;
}

/* ------------------------------------------------------------------ */
/* Index arithmetic                                                    */
/* ------------------------------------------------------------------ */

/* A slice bound that is not None, clamped to the C range (CPython's
 * _PyEval_SliceIndex). */
static int slice_index(KrThread *t, KrValue v, int64_t *out)
{
    if (kr_is_smallint(v)) {
        *out = kr_as_smallint(v);
        return 0;
    }
    if (!seq_has_index(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "slice indices must be integers or None or have an __index__ method");
    return kr_as_ssize_clamped(t, v, out);
}

int kr_slice_unpack(KrThread *t, KrValue slice, int64_t *start, int64_t *stop, int64_t *step)
{
    KrSlice *s = (KrSlice *)kr_as_ptr(slice);
    if (s->step == KR_NONE) {
        *step = 1;
    } else {
        if (slice_index(t, s->step, step) < 0)
            return -1;
        if (*step == 0)
            return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "slice step cannot be zero");
        /* -step must not overflow when a sequence reverses the slice. */
        if (*step < -INT64_MAX)
            *step = -INT64_MAX;
    }
    if (s->start == KR_NONE)
        *start = *step < 0 ? INT64_MAX : 0;
    else if (slice_index(t, s->start, start) < 0)
        return -1;
    if (s->stop == KR_NONE)
        *stop = *step < 0 ? INT64_MIN : INT64_MAX;
    else if (slice_index(t, s->stop, stop) < 0)
        return -1;
    return 0;
}

int64_t kr_slice_adjust(int64_t len, int64_t *start, int64_t *stop, int64_t step)
{
    if (*start < 0) {
        *start += len;
        if (*start < 0)
            *start = step < 0 ? -1 : 0;
    } else if (*start >= len) {
        *start = step < 0 ? len - 1 : len;
    }
    if (*stop < 0) {
        *stop += len;
        if (*stop < 0)
            *stop = step < 0 ? -1 : 0;
    } else if (*stop >= len) {
        *stop = step < 0 ? len - 1 : len;
    }
    if (step < 0) {
        if (*stop < *start)
            return (*start - *stop - 1) / (-step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

/* A slice bound for the exact form, into an initialised mpz. */
static int slice_long_bound(KrThread *t, KrValue v, mpz_t out)
{
    if (!seq_has_index(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "slice indices must be integers or None or have an __index__ method");
    KrValue i = kr_index(t, v);
    if (i == KR_ERROR)
        return -1;
    kr_int_as_mpz(t, i, out);
    kr_decref(t, i);
    return 0;
}

/* Clamps an exact bound as _PySlice_GetLongIndices does. */
static void slice_long_clamp(mpz_t v, const mpz_t length, const mpz_t lower, const mpz_t upper)
{
    if (mpz_sgn(v) < 0) {
        mpz_add(v, v, length);
        if (mpz_cmp(v, lower) < 0)
            mpz_set(v, lower);
    } else if (mpz_cmp(v, upper) > 0) {
        mpz_set(v, upper);
    }
}

int kr_slice_long_indices(KrThread *t, KrValue slice, KrValue length, KrValue *start, KrValue *stop,
                          KrValue *step)
{
    KrSlice *s = (KrSlice *)kr_as_ptr(slice);
    mpz_t len, st, lo, hi, a, b;
    mpz_inits(len, st, lo, hi, a, b, NULL);
    int rc = -1;
    kr_int_as_mpz(t, length, len);
    if (s->step == KR_NONE) {
        mpz_set_ui(st, 1);
    } else {
        if (slice_long_bound(t, s->step, st) < 0)
            goto done;
        if (mpz_sgn(st) == 0) {
            kr_raise_fmt(t, kr_exc_type(t, ValueError), "slice step cannot be zero");
            goto done;
        }
    }
    bool neg = mpz_sgn(st) < 0;
    if (neg) {
        mpz_set_si(lo, -1);
        mpz_sub_ui(hi, len, 1);
    } else {
        mpz_set_ui(lo, 0);
        mpz_set(hi, len);
    }
    if (s->start == KR_NONE) {
        mpz_set(a, neg ? hi : lo);
    } else {
        if (slice_long_bound(t, s->start, a) < 0)
            goto done;
        slice_long_clamp(a, len, lo, hi);
    }
    if (s->stop == KR_NONE) {
        mpz_set(b, neg ? lo : hi);
    } else {
        if (slice_long_bound(t, s->stop, b) < 0)
            goto done;
        slice_long_clamp(b, len, lo, hi);
    }
    *start = kr_int_from_mpz(t, a);
    *stop = kr_int_from_mpz(t, b);
    *step = kr_int_from_mpz(t, st);
    if (*start == KR_ERROR || *stop == KR_ERROR || *step == KR_ERROR) {
        kr_xdecref(t, *start);
        kr_xdecref(t, *stop);
        kr_xdecref(t, *step);
        goto done;
    }
    rc = 0;
done:
    mpz_clears(len, st, lo, hi, a, b, NULL);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The slice type                                                      */
/* ------------------------------------------------------------------ */

KrValue kr_slice_new(KrThread *t, KrValue start, KrValue stop, KrValue step)
{
    KrSlice *s = (KrSlice *)kr_alloc(t, kr_builtin_type(t, SLICE), sizeof(KrSlice));
    if (!s)
        return KR_ERROR;
    s->start = kr_incref(start);
    s->stop = kr_incref(stop);
    s->step = kr_incref(step);
    return kr_ptr(s);
}

static KrValue slice_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type;
    if (kr_no_kwargs(t, "slice", kwnames) < 0 || kr_check_nargs(t, "slice", nargs, 1, 3) < 0)
        return KR_ERROR;
    if (nargs == 1)
        return kr_slice_new(t, KR_NONE, args[0], KR_NONE);
    return kr_slice_new(t, args[0], args[1], nargs == 3 ? args[2] : KR_NONE);
}

static void slice_dealloc(KrThread *t, KrObject *o)
{
    KrSlice *s = (KrSlice *)o;
    kr_gc_untrack(t, o);
    kr_decref(t, s->start);
    kr_decref(t, s->stop);
    kr_decref(t, s->step);
    kr_free_object(t, o);
}

static void slice_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrSlice *s = (KrSlice *)o;
    KrValue parts[3] = {s->start, s->stop, s->step};
    for (int i = 0; i < 3; i++)
        if (kr_is_ptr(parts[i]))
            visit(kr_as_ptr(parts[i]), arg);
}

static KrValue slice_repr(KrThread *t, KrValue self)
{
    KrSlice *s = (KrSlice *)kr_as_ptr(self);
    return kr_format(t, "slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static KrValue slice_as_tuple(KrThread *t, KrValue self)
{
    KrSlice *s = (KrSlice *)kr_as_ptr(self);
    return kr_tuple_pack(t, 3, s->start, s->stop, s->step);
}

/* Slices order as the tuples (start, stop, step). */
static KrValue slice_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    KrType *st = kr_builtin_type(t, SLICE);
    if (kr_type(t, a) != st || kr_type(t, b) != st)
        return KR_NOTIMPLEMENTED;
    KrValue ta = slice_as_tuple(t, a);
    if (ta == KR_ERROR)
        return KR_ERROR;
    KrValue tb = slice_as_tuple(t, b);
    if (tb == KR_ERROR) {
        kr_decref(t, ta);
        return KR_ERROR;
    }
    KrValue r = kr_richcompare(t, ta, tb, op);
    kr_decref(t, ta);
    kr_decref(t, tb);
    return r;
}

static KrValue slice_indices(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "slice.indices", nargs) < 0)
        return KR_ERROR;
    KrValue length = kr_index(t, args[0]);
    if (length == KR_ERROR)
        return KR_ERROR;
    KrValue zero = kr_smallint(0);
    int neg = kr_richcompare_bool(t, length, zero, KR_LT);
    if (neg != 0) {
        kr_decref(t, length);
        if (neg > 0)
            kr_raise_fmt(t, kr_exc_type(t, ValueError), "length should not be negative");
        return KR_ERROR;
    }
    KrValue start, stop, step;
    int rc = kr_slice_long_indices(t, self, length, &start, &stop, &step);
    kr_decref(t, length);
    if (rc < 0)
        return KR_ERROR;
    KrValue r = kr_tuple_pack(t, 3, start, stop, step);
    kr_decref(t, start);
    kr_decref(t, stop);
    kr_decref(t, step);
    return r;
}

static KrValue slice_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "slice.__reduce__", nargs) < 0)
        return KR_ERROR;
    KrValue parts = slice_as_tuple(t, self);
    if (parts == KR_ERROR)
        return KR_ERROR;
    KrValue r = kr_tuple_pack(t, 2, kr_type_value(kr_builtin_type(t, SLICE)), parts);
    kr_decref(t, parts);
    return r;
}

static KrValue slice_get_start(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(((KrSlice *)kr_as_ptr(self))->start);
}

static KrValue slice_get_stop(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(((KrSlice *)kr_as_ptr(self))->stop);
}

static KrValue slice_get_step(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(((KrSlice *)kr_as_ptr(self))->step);
}

/* CPython exposes these as read-only members, whose message differs from
 * a getset without a setter. */
static int slice_readonly(KrThread *t, KrValue self, KrValue value)
{
    (void)self;
    (void)value;
    return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "readonly attribute");
}

static const KrMethodDef slice_methods[] = {
    {"indices", slice_indices, 0,
     "S.indices(len) -> (start, stop, stride)\n\n"
     "Assuming a sequence of length len, calculate the start and stop\n"
     "indices, and the stride length of the extended slice described by\n"
     "S. Out of bounds indices are clipped in a manner consistent with the\n"
     "handling of normal slices."},
    {"__reduce__", slice_reduce, 0, "Return state information for pickling."},
    {0},
};

static const KrGetSetDef slice_getsets[] = {
    {"start", slice_get_start, slice_readonly, NULL},
    {"stop", slice_get_stop, slice_readonly, NULL},
    {"step", slice_get_step, slice_readonly, NULL},
    {0},
};

static void slice_fill(KrType *tp)
{
    tp->new_ = slice_new;
    tp->dealloc = slice_dealloc;
    tp->traverse = slice_traverse;
    tp->repr = slice_repr;
    tp->compare = slice_compare;
    tp->hash = kr_hash_not_implemented;
}

const KrTypeSpec kr_slice_spec = {
    .name = "slice",
    .basicsize = sizeof(KrSlice),
    .flags = KR_TPFLAG_GC,
    .methods = slice_methods,
    .getsets = slice_getsets,
    .fill = slice_fill,
    .doc = "slice(stop)\nslice(start, stop[, step])\n\n"
           "Create a slice object.  This is used for extended slicing (e.g. a[0:10:2]).",
};
