/* range and range_iterator.
 *
 * A range holds exact ints: start, stop, step and its length.  When all
 * four are small ints (48-bit immediates, the usual case) the arithmetic is
 * done on int64 directly; otherwise it is done exactly with GMP, so
 * range(10**20) indexes, slices and tests membership like any other.
 *
 * CPython has two iterator types, range_iterator for ranges that fit a C
 * long and longrange_iterator for the others; here one type has both
 * modes (its name is always range_iterator). */
#include <stdlib.h>

#include "objects/objects.h"
#include "objects/seq.h"

typedef struct KrRange {
    KrObject ob;
    KrValue start, stop, step, length;
} KrRange;

static inline KrRange *range_of(KrValue v) { return (KrRange *)kr_as_ptr(v); }

static bool range_is_small(const KrRange *r)
{
    return kr_is_smallint(r->start) && kr_is_smallint(r->stop) && kr_is_smallint(r->step) &&
           kr_is_smallint(r->length);
}

/* An exact int (bools and int subclass instances converted). */
static KrValue range_exact(KrThread *t, KrValue v)
{
    if (kr_is_smallint(v))
        return v;
    if (kr_is_bool(v))
        return kr_smallint(v == KR_TRUE);
    if (kr_as_ptr(v)->type == kr_builtin_type(t, INT))
        return kr_incref(v);
    mpz_t z;
    mpz_init(z);
    kr_int_as_mpz(t, v, z);
    KrValue r = kr_int_from_mpz(t, z);
    mpz_clear(z);
    return r;
}

static bool range_is_exact_int(KrThread *t, KrValue v)
{
    return kr_is_smallint(v) || kr_is_bool(v) || (kr_is_ptr(v) && kr_as_ptr(v)->type == kr_builtin_type(t, INT));
}

static void range_length_mpz(mpz_t len, const mpz_t start, const mpz_t stop, const mpz_t step)
{
    mpz_t lo, hi, st;
    mpz_inits(lo, hi, st, NULL);
    if (mpz_sgn(step) > 0) {
        mpz_set(lo, start);
        mpz_set(hi, stop);
        mpz_set(st, step);
    } else {
        mpz_set(lo, stop);
        mpz_set(hi, start);
        mpz_neg(st, step);
    }
    if (mpz_cmp(lo, hi) >= 0) {
        mpz_set_ui(len, 0);
    } else {
        mpz_sub(len, hi, lo);
        mpz_sub_ui(len, len, 1);
        mpz_fdiv_q(len, len, st);
        mpz_add_ui(len, len, 1);
    }
    mpz_clears(lo, hi, st, NULL);
}

static int64_t range_length_i64(int64_t start, int64_t stop, int64_t step)
{
    if (step > 0)
        return start < stop ? (stop - start - 1) / step + 1 : 0;
    return stop < start ? (start - stop - 1) / (-step) + 1 : 0;
}

/* A range from three exact ints (new references taken). */
static KrValue range_make(KrThread *t, KrValue start, KrValue stop, KrValue step)
{
    KrValue length;
    if (kr_is_smallint(start) && kr_is_smallint(stop) && kr_is_smallint(step)) {
        length = kr_smallint(range_length_i64(kr_as_smallint(start), kr_as_smallint(stop), kr_as_smallint(step)));
    } else {
        mpz_t a, b, c, n;
        mpz_inits(a, b, c, n, NULL);
        kr_int_as_mpz(t, start, a);
        kr_int_as_mpz(t, stop, b);
        kr_int_as_mpz(t, step, c);
        range_length_mpz(n, a, b, c);
        length = kr_int_from_mpz(t, n);
        mpz_clears(a, b, c, n, NULL);
        if (length == KR_ERROR)
            return KR_ERROR;
    }
    KrRange *r = (KrRange *)kr_alloc(t, kr_builtin_type(t, RANGE), sizeof(KrRange));
    if (!r) {
        kr_decref(t, length);
        return KR_ERROR;
    }
    r->start = kr_incref(start);
    r->stop = kr_incref(stop);
    r->step = kr_incref(step);
    r->length = length;
    return kr_ptr(r);
}

static KrValue range_make_mpz(KrThread *t, const mpz_t start, const mpz_t stop, const mpz_t step)
{
    KrValue a = kr_int_from_mpz(t, start);
    KrValue b = kr_int_from_mpz(t, stop);
    KrValue c = kr_int_from_mpz(t, step);
    KrValue r = KR_ERROR;
    if (a != KR_ERROR && b != KR_ERROR && c != KR_ERROR)
        r = range_make(t, a, b, c);
    kr_xdecref(t, a);
    kr_xdecref(t, b);
    kr_xdecref(t, c);
    return r;
}

static KrValue range_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type;
    if (kr_no_kwargs(t, "range", kwnames) < 0 || kr_check_nargs(t, "range", nargs, 1, 3) < 0)
        return KR_ERROR;
    KrValue v[3] = {kr_smallint(0), KR_ABSENT, kr_smallint(1)};
    const KrValue *src = args;
    size_t first = nargs == 1 ? 1 : 0;
    KrValue r = KR_ERROR;
    for (size_t i = 0; i < nargs; i++) {
        KrValue idx = kr_index(t, src[i]);
        if (idx == KR_ERROR)
            goto done;
        v[first + i] = range_exact(t, idx);
        kr_decref(t, idx);
        if (v[first + i] == KR_ERROR)
            goto done;
    }
    if (v[2] == kr_smallint(0)) {
        kr_raise_fmt(t, kr_exc_type(t, ValueError), "range() arg 3 must not be zero");
        goto done;
    }
    r = range_make(t, v[0], v[1], v[2]);
done:
    for (int i = 0; i < 3; i++)
        if (v[i] != KR_ERROR)
            kr_xdecref(t, v[i]);
    return r;
}

static void range_dealloc(KrThread *t, KrObject *o)
{
    KrRange *r = (KrRange *)o;
    kr_decref(t, r->start);
    kr_decref(t, r->stop);
    kr_decref(t, r->step);
    kr_decref(t, r->length);
    kr_free_object(t, o);
}

static KrValue range_repr(KrThread *t, KrValue self)
{
    KrRange *r = range_of(self);
    if (r->step == kr_smallint(1))
        return kr_format(t, "range(%R, %R)", r->start, r->stop);
    return kr_format(t, "range(%R, %R, %R)", r->start, r->stop, r->step);
}

static int64_t range_len(KrThread *t, KrValue self)
{
    KrValue n = range_of(self)->length;
    if (kr_is_smallint(n))
        return kr_as_smallint(n);
    KrLong *l = (KrLong *)kr_as_ptr(n);
    if (!mpz_fits_slong_p(l->z))
        return kr_raise_fmt_int(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C ssize_t");
    return mpz_get_si(l->z);
}

static int range_truth(KrThread *t, KrValue self)
{
    (void)t;
    return range_of(self)->length != kr_smallint(0);
}

/* start + i*step for an exact int i (0 <= i < length, or i == length). */
static KrValue range_item_mpz(KrThread *t, KrRange *r, const mpz_t i)
{
    mpz_t a, s;
    mpz_inits(a, s, NULL);
    kr_int_as_mpz(t, r->start, a);
    kr_int_as_mpz(t, r->step, s);
    mpz_addmul(a, s, i);
    KrValue v = kr_int_from_mpz(t, a);
    mpz_clears(a, s, NULL);
    return v;
}

static KrValue range_index_item(KrThread *t, KrRange *r, KrValue key)
{
    if (range_is_small(r) && kr_is_smallint(key)) {
        int64_t i = kr_as_smallint(key), n = kr_as_smallint(r->length);
        if (i < 0)
            i += n;
        if (i < 0 || i >= n)
            return kr_raise_fmt(t, kr_exc_type(t, IndexError), "range object index out of range");
        return kr_smallint(kr_as_smallint(r->start) + i * kr_as_smallint(r->step));
    }
    KrValue idx = kr_index(t, key);
    if (idx == KR_ERROR)
        return KR_ERROR;
    mpz_t i, n;
    mpz_inits(i, n, NULL);
    kr_int_as_mpz(t, idx, i);
    kr_decref(t, idx);
    kr_int_as_mpz(t, r->length, n);
    if (mpz_sgn(i) < 0)
        mpz_add(i, i, n);
    KrValue v;
    if (mpz_sgn(i) < 0 || mpz_cmp(i, n) >= 0)
        v = kr_raise_fmt(t, kr_exc_type(t, IndexError), "range object index out of range");
    else
        v = range_item_mpz(t, r, i);
    mpz_clears(i, n, NULL);
    return v;
}

static KrValue range_slice(KrThread *t, KrRange *r, KrValue slice)
{
    KrValue start, stop, step;
    if (kr_slice_long_indices(t, slice, r->length, &start, &stop, &step) < 0)
        return KR_ERROR;
    mpz_t a, b, c, s;
    mpz_inits(a, b, c, s, NULL);
    kr_int_as_mpz(t, start, a);
    kr_int_as_mpz(t, stop, b);
    kr_int_as_mpz(t, step, c);
    kr_decref(t, start);
    kr_decref(t, stop);
    kr_decref(t, step);
    kr_int_as_mpz(t, r->start, s);
    /* a and b become start + a*step, start + b*step; c becomes c*step. */
    mpz_t rs;
    mpz_init(rs);
    kr_int_as_mpz(t, r->step, rs);
    mpz_mul(a, a, rs);
    mpz_add(a, a, s);
    mpz_mul(b, b, rs);
    mpz_add(b, b, s);
    mpz_mul(c, c, rs);
    KrValue v = range_make_mpz(t, a, b, c);
    mpz_clears(a, b, c, s, rs, NULL);
    return v;
}

static KrValue range_getitem(KrThread *t, KrValue self, KrValue key)
{
    KrRange *r = range_of(self);
    if (seq_has_index(t, key))
        return range_index_item(t, r, key);
    if (kr_type(t, key) == kr_builtin_type(t, SLICE))
        return range_slice(t, r, key);
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "range indices must be integers or slices, not %T", key);
}

/* Is the exact int v one of the range's values? */
static int range_contains_int(KrThread *t, KrRange *r, KrValue v)
{
    if (range_is_small(r) && (kr_is_smallint(v) || kr_is_bool(v))) {
        int64_t x = kr_is_bool(v) ? v == KR_TRUE : kr_as_smallint(v);
        int64_t a = kr_as_smallint(r->start), b = kr_as_smallint(r->stop), s = kr_as_smallint(r->step);
        if (s > 0 ? !(a <= x && x < b) : !(b < x && x <= a))
            return 0;
        return (x - a) % s == 0;
    }
    mpz_t x, a, b, s;
    mpz_inits(x, a, b, s, NULL);
    kr_int_as_mpz(t, v, x);
    kr_int_as_mpz(t, r->start, a);
    kr_int_as_mpz(t, r->stop, b);
    kr_int_as_mpz(t, r->step, s);
    int in;
    if (mpz_sgn(s) > 0)
        in = mpz_cmp(a, x) <= 0 && mpz_cmp(x, b) < 0;
    else
        in = mpz_cmp(b, x) < 0 && mpz_cmp(x, a) <= 0;
    if (in) {
        mpz_sub(x, x, a);
        in = mpz_divisible_p(x, s) != 0;
    }
    mpz_clears(x, a, b, s, NULL);
    return in;
}

enum { RANGE_SEARCH_CONTAINS, RANGE_SEARCH_INDEX, RANGE_SEARCH_COUNT };

/* The generic search through iteration (CPython's _PySequence_IterSearch)
 * for values that are not exact ints: 2.0 in range(3) is True. */
static int64_t range_iter_search(KrThread *t, KrValue self, KrValue v, int mode)
{
    KrValue it = kr_iter(t, self);
    if (it == KR_ERROR)
        return -1;
    int64_t n = 0, i = 0;
    for (;; i++) {
        KrValue item = kr_next(t, it);
        if (item == KR_ERROR) {
            kr_decref(t, it);
            return -1;
        }
        if (item == KR_ABSENT)
            break;
        int k = kr_eq(t, item, v);
        kr_decref(t, item);
        if (k < 0) {
            kr_decref(t, it);
            return -1;
        }
        if (k) {
            if (mode == RANGE_SEARCH_CONTAINS) {
                kr_decref(t, it);
                return 1;
            }
            if (mode == RANGE_SEARCH_INDEX) {
                kr_decref(t, it);
                return i;
            }
            n++;
        }
    }
    kr_decref(t, it);
    if (mode == RANGE_SEARCH_INDEX)
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "sequence.index(x): x not in sequence");
    return n;
}

static int range_contains(KrThread *t, KrValue self, KrValue v)
{
    if (range_is_exact_int(t, v))
        return range_contains_int(t, range_of(self), v);
    return (int)range_iter_search(t, self, v, RANGE_SEARCH_CONTAINS);
}

/* Ranges are equal when they are the same sequence. */
static int range_equals(KrThread *t, KrRange *a, KrRange *b)
{
    if (a == b)
        return 1;
    int k = kr_eq(t, a->length, b->length);
    if (k <= 0)
        return k;
    if (a->length == kr_smallint(0))
        return 1;
    k = kr_eq(t, a->start, b->start);
    if (k <= 0)
        return k;
    if (a->length == kr_smallint(1))
        return 1;
    return kr_eq(t, a->step, b->step);
}

static KrValue range_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    KrType *rt = kr_builtin_type(t, RANGE);
    if (kr_type(t, a) != rt || kr_type(t, b) != rt || (op != KR_EQ && op != KR_NE))
        return KR_NOTIMPLEMENTED;
    int k = range_equals(t, range_of(a), range_of(b));
    if (k < 0)
        return KR_ERROR;
    return kr_bool(op == KR_EQ ? k : !k);
}

/* hash((len, start, step)) with the parts that do not matter for equality
 * replaced by None, so that equal ranges hash alike. */
static int64_t range_hash(KrThread *t, KrValue self)
{
    KrRange *r = range_of(self);
    KrValue start = KR_NONE, step = KR_NONE;
    if (r->length != kr_smallint(0)) {
        start = r->start;
        if (r->length != kr_smallint(1))
            step = r->step;
    }
    KrValue tu = kr_tuple_pack(t, 3, r->length, start, step);
    if (tu == KR_ERROR)
        return -1;
    int64_t h = kr_hash(t, tu);
    kr_decref(t, tu);
    return h;
}

/* ---- range_iterator ---- */

typedef struct RangeIter {
    KrObject ob;
    bool big;
    /* small mode: the values start + i*step for index <= i < len */
    int64_t index, start, step, len;
    /* big mode: the same as exact ints */
    KrValue bindex, bstart, bstep, blen;
} RangeIter;

static bool range_i64(KrThread *t, KrValue v, int64_t *out)
{
    (void)t;
    if (kr_is_smallint(v)) {
        *out = kr_as_smallint(v);
        return true;
    }
    KrLong *l = (KrLong *)kr_as_ptr(v);
    if (!mpz_fits_slong_p(l->z))
        return false;
    *out = mpz_get_si(l->z);
    return true;
}

/* An iterator over start, start+step, ... (len values); all exact ints. */
static KrValue rangeiter_make(KrThread *t, KrValue start, KrValue step, KrValue len)
{
    RangeIter *it = (RangeIter *)kr_alloc(t, kr_builtin_type(t, RANGE_ITERATOR), sizeof(RangeIter));
    if (!it)
        return KR_ERROR;
    it->bindex = it->bstart = it->bstep = it->blen = KR_ABSENT;
    int64_t a, s, n;
    if (range_i64(t, start, &a) && range_i64(t, step, &s) && range_i64(t, len, &n) && s != INT64_MIN) {
        /* The last value lies between start and stop, so it fits too. */
        it->start = a;
        it->step = s;
        it->len = n;
        it->index = 0;
        return kr_ptr(it);
    }
    it->big = true;
    it->bindex = kr_smallint(0);
    it->bstart = kr_incref(start);
    it->bstep = kr_incref(step);
    it->blen = kr_incref(len);
    return kr_ptr(it);
}

static KrValue range_iter(KrThread *t, KrValue self)
{
    KrRange *r = range_of(self);
    return rangeiter_make(t, r->start, r->step, r->length);
}

static KrValue range_reversed(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "range.__reversed__", nargs) < 0)
        return KR_ERROR;
    KrRange *r = range_of(self);
    /* reversed(range(a, b, s)) is range(a + (n-1)*s, a - s, -s). */
    mpz_t a, s, n;
    mpz_inits(a, s, n, NULL);
    kr_int_as_mpz(t, r->start, a);
    kr_int_as_mpz(t, r->step, s);
    kr_int_as_mpz(t, r->length, n);
    if (mpz_sgn(n) > 0) {
        mpz_sub_ui(n, n, 1);
        mpz_addmul(a, n, s);
        mpz_add_ui(n, n, 1);
    }
    mpz_neg(s, s);
    KrValue start = kr_int_from_mpz(t, a);
    KrValue step = kr_int_from_mpz(t, s);
    mpz_clears(a, s, n, NULL);
    KrValue it = KR_ERROR;
    if (start != KR_ERROR && step != KR_ERROR)
        it = rangeiter_make(t, start, step, r->length);
    kr_xdecref(t, start);
    kr_xdecref(t, step);
    return it;
}

static void rangeiter_dealloc(KrThread *t, KrObject *o)
{
    RangeIter *it = (RangeIter *)o;
    kr_xdecref(t, it->bindex);
    kr_xdecref(t, it->bstart);
    kr_xdecref(t, it->bstep);
    kr_xdecref(t, it->blen);
    kr_free_object(t, o);
}

static KrValue rangeiter_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static KrValue rangeiter_next(KrThread *t, KrValue self)
{
    RangeIter *it = (RangeIter *)kr_as_ptr(self);
    if (!it->big) {
        if (it->index >= it->len)
            return KR_ABSENT;
        /* Wrapping arithmetic: the true value is in range even when a
         * partial product is not. */
        uint64_t v = (uint64_t)it->start + (uint64_t)it->index * (uint64_t)it->step;
        it->index++;
        return kr_int_from_i64(t, (int64_t)v);
    }
    mpz_t i, n;
    mpz_inits(i, n, NULL);
    kr_int_as_mpz(t, it->bindex, i);
    kr_int_as_mpz(t, it->blen, n);
    KrValue result = KR_ABSENT;
    if (mpz_cmp(i, n) < 0) {
        mpz_t a, s;
        mpz_inits(a, s, NULL);
        kr_int_as_mpz(t, it->bstart, a);
        kr_int_as_mpz(t, it->bstep, s);
        mpz_addmul(a, i, s);
        result = kr_int_from_mpz(t, a);
        mpz_add_ui(i, i, 1);
        KrValue next = kr_int_from_mpz(t, i);
        if (next == KR_ERROR) {
            kr_xdecref(t, result);
            result = KR_ERROR;
        } else {
            kr_decref(t, it->bindex);
            it->bindex = next;
        }
        mpz_clears(a, s, NULL);
    }
    mpz_clears(i, n, NULL);
    return result;
}

static KrValue rangeiter_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                     KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "range_iterator.__length_hint__", nargs) < 0)
        return KR_ERROR;
    RangeIter *it = (RangeIter *)kr_as_ptr(self);
    if (!it->big)
        return kr_int_from_i64(t, it->len - it->index);
    return kr_binary_op(t, it->blen, it->bindex, KR_OP_SUB);
}

static KrValue rangeiter_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "range_iterator.__reduce__", nargs) < 0)
        return KR_ERROR;
    RangeIter *it = (RangeIter *)kr_as_ptr(self);
    mpz_t a, b, s, n;
    mpz_inits(a, b, s, n, NULL);
    if (it->big) {
        kr_int_as_mpz(t, it->bstart, a);
        kr_int_as_mpz(t, it->bstep, s);
        kr_int_as_mpz(t, it->blen, n);
    } else {
        mpz_set_si(a, (long)it->start);
        mpz_set_si(s, (long)it->step);
        mpz_set_si(n, (long)it->len);
    }
    mpz_set(b, a);
    mpz_addmul(b, n, s);
    KrValue range = range_make_mpz(t, a, b, s);
    mpz_clears(a, b, s, n, NULL);
    if (range == KR_ERROR)
        return KR_ERROR;
    KrValue iter = seq_builtin_iter(t);
    KrValue r = KR_ERROR;
    if (iter != KR_ERROR) {
        KrValue args1 = kr_tuple_pack(t, 1, range);
        KrValue idx = it->big ? kr_incref(it->bindex) : kr_int_from_i64(t, it->index);
        if (args1 != KR_ERROR && idx != KR_ERROR)
            r = kr_tuple_pack(t, 3, iter, args1, idx);
        if (args1 != KR_ERROR)
            kr_decref(t, args1);
        if (idx != KR_ERROR)
            kr_decref(t, idx);
    }
    kr_decref(t, range);
    return r;
}

static KrValue rangeiter_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "range_iterator.__setstate__", nargs) < 0)
        return KR_ERROR;
    RangeIter *it = (RangeIter *)kr_as_ptr(self);
    KrValue state = args[0];
    if (!it->big) {
        KrValue v = kr_index(t, state);
        if (v == KR_ERROR)
            return KR_ERROR;
        KrValue e = range_exact(t, v);
        kr_decref(t, v);
        if (e == KR_ERROR)
            return KR_ERROR;
        int64_t index;
        bool fits = range_i64(t, e, &index);
        kr_decref(t, e);
        if (!fits)
            return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C long");
        it->index = index < 0 ? 0 : index > it->len ? it->len : index;
        return KR_NONE;
    }
    /* Bound the state to [0, len] by comparisons, as longrange_iterator. */
    int k = kr_richcompare_bool(t, state, kr_smallint(0), KR_LT);
    if (k < 0)
        return KR_ERROR;
    if (k) {
        state = kr_smallint(0);
    } else {
        k = kr_richcompare_bool(t, it->blen, state, KR_LT);
        if (k < 0)
            return KR_ERROR;
        if (k)
            state = it->blen;
    }
    KrValue idx = kr_index(t, state);
    if (idx == KR_ERROR)
        return KR_ERROR;
    KrValue exact = range_exact(t, idx);
    kr_decref(t, idx);
    if (exact == KR_ERROR)
        return KR_ERROR;
    kr_decref(t, it->bindex);
    it->bindex = exact;
    return KR_NONE;
}

static const KrMethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", rangeiter_reduce, 0, "Return state information for pickling."},
    {"__setstate__", rangeiter_setstate, 0, "Set state information for unpickling."},
    {0},
};

static void rangeiter_fill(KrType *tp)
{
    tp->dealloc = rangeiter_dealloc;
    tp->iter = rangeiter_self;
    tp->iternext = rangeiter_next;
}

const KrTypeSpec kr_range_iterator_spec = {
    .name = "range_iterator",
    .basicsize = sizeof(RangeIter),
    .methods = rangeiter_methods,
    .fill = rangeiter_fill,
};

/* ---- range methods ---- */

static KrValue range_count(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "range.count", nargs) < 0)
        return KR_ERROR;
    if (range_is_exact_int(t, args[0]))
        return kr_smallint(range_contains_int(t, range_of(self), args[0]));
    int64_t n = range_iter_search(t, self, args[0], RANGE_SEARCH_COUNT);
    return n < 0 ? KR_ERROR : kr_int_from_i64(t, n);
}

static KrValue range_index(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "range.index", nargs) < 0)
        return KR_ERROR;
    KrValue v = args[0];
    if (!range_is_exact_int(t, v)) {
        int64_t i = range_iter_search(t, self, v, RANGE_SEARCH_INDEX);
        return i < 0 ? KR_ERROR : kr_int_from_i64(t, i);
    }
    KrRange *r = range_of(self);
    if (!range_contains_int(t, r, v))
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%R is not in range", v);
    mpz_t x, a, s;
    mpz_inits(x, a, s, NULL);
    kr_int_as_mpz(t, v, x);
    kr_int_as_mpz(t, r->start, a);
    kr_int_as_mpz(t, r->step, s);
    mpz_sub(x, x, a);
    mpz_divexact(x, x, s);
    KrValue result = kr_int_from_mpz(t, x);
    mpz_clears(x, a, s, NULL);
    return result;
}

static KrValue range_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "range.__reduce__", nargs) < 0)
        return KR_ERROR;
    KrRange *r = range_of(self);
    KrValue parts = kr_tuple_pack(t, 3, r->start, r->stop, r->step);
    if (parts == KR_ERROR)
        return KR_ERROR;
    KrValue result = kr_tuple_pack(t, 2, kr_type_value(kr_builtin_type(t, RANGE)), parts);
    kr_decref(t, parts);
    return result;
}

static KrValue range_get_start(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(range_of(self)->start);
}

static KrValue range_get_stop(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(range_of(self)->stop);
}

static KrValue range_get_step(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(range_of(self)->step);
}

/* CPython exposes these as read-only members, whose message differs from
 * a getset without a setter. */
static int range_readonly(KrThread *t, KrValue self, KrValue value)
{
    (void)self;
    (void)value;
    return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "readonly attribute");
}

static const KrMethodDef range_methods[] = {
    {"__reversed__", range_reversed, 0, "Return a reverse iterator."},
    {"__reduce__", range_reduce, 0, NULL},
    {"count", range_count, 0, "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", range_index, 0,
     "rangeobject.index(value) -> integer -- return index of value.\n"
     "Raise ValueError if the value is not present."},
    {0},
};

static const KrGetSetDef range_getsets[] = {
    {"start", range_get_start, range_readonly, NULL},
    {"stop", range_get_stop, range_readonly, NULL},
    {"step", range_get_step, range_readonly, NULL},
    {0},
};

static void range_fill(KrType *tp)
{
    tp->new_ = range_new;
    tp->dealloc = range_dealloc;
    tp->repr = range_repr;
    tp->hash = range_hash;
    tp->compare = range_compare;
    tp->len = range_len;
    tp->truth = range_truth;
    tp->getitem = range_getitem;
    tp->contains = range_contains;
    tp->iter = range_iter;
}

const KrTypeSpec kr_range_spec = {
    .name = "range",
    .basicsize = sizeof(KrRange),
    .methods = range_methods,
    .getsets = range_getsets,
    .fill = range_fill,
    .doc = "range(stop) -> range object\n"
           "range(start, stop[, step]) -> range object\n\n"
           "Return an object that produces a sequence of integers from start (inclusive)\n"
           "to stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\n"
           "start defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\n"
           "These are exactly the valid indices for a list of 4 elements.\n"
           "When step is given, it specifies the increment (or decrement).",
};
