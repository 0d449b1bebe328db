/* list: repr, indexing and slice assignment, comparison, concatenation and
 * repetition, construction, the methods (sort included), and the two list
 * iterators.  The object itself (allocation, append, extend) is in list.c.
 *
 * Any call into Python code (==, repr, a key function, a decref that runs
 * __del__) may mutate the list being worked on, so loops re-read the length
 * each time round, hold their own reference to the item they pass out, and
 * release replaced items only once the list is consistent again. */
#include <stdlib.h>
#include <string.h>

#include "core/sort.h"
#include "objects/objects.h"
#include "objects/seq.h"

/* Sets the length to newlen, reallocating as CPython 3.11's list_resize
 * does: over-allocate by about 1/8 when growing, shrink the block when
 * less than half of it is used.  The items past the old length are left
 * for the caller to fill. */
static int list_resize(KrThread *t, KrList *l, size_t newlen)
{
    if (l->cap >= newlen && newlen >= (l->cap >> 1)) {
        l->len = newlen;
        return 0;
    }
    size_t cap = (newlen + (newlen >> 3) + 6) & ~(size_t)3;
    if (newlen > l->len && newlen - l->len > cap - newlen)
        cap = (newlen + 3) & ~(size_t)3;
    if (newlen == 0)
        cap = 0;
    if (cap > SIZE_MAX / sizeof(KrValue)) {
        kr_no_memory(t);
        return -1;
    }
    KrValue *items = cap ? realloc(l->items, cap * sizeof(KrValue)) : NULL;
    if (cap && !items) {
        kr_no_memory(t);
        return -1;
    }
    if (!cap)
        free(l->items);
    l->items = items;
    l->cap = cap;
    l->len = newlen;
    return 0;
}

/* Empties the list, releasing the items last to first as CPython does. */
static void list_clear_items(KrThread *t, KrList *l)
{
    KrValue *items = l->items;
    size_t n = l->len;
    l->items = NULL;
    l->len = l->cap = 0;
    while (n-- > 0)
        kr_decref(t, items[n]);
    free(items);
}

static KrValue list_new_exact(KrThread *t, const KrValue *items, size_t n)
{
    return kr_list_from(t, items, n);
}

/* ---- repr ---- */

static KrValue list_repr(KrThread *t, KrValue self)
{
    KrList *l = kr_as_list(self);
    if (l->len == 0)
        return kr_str_from_cstr(t, "[]");
    int rec = kr_repr_enter(t, self);
    if (rec != 0)
        return rec > 0 ? kr_str_from_cstr(t, "[...]") : KR_ERROR;
    KrStrBuilder b;
    kr_sb_init(&b);
    if (kr_sb_append_char(t, &b, '[') < 0)
        goto fail;
    for (size_t i = 0; i < l->len; i++) {
        if (i && kr_sb_append_ascii(t, &b, ", ", 2) < 0)
            goto fail;
        KrValue item = kr_incref(l->items[i]);
        KrValue r = kr_repr(t, item);
        kr_decref(t, item);
        if (r == KR_ERROR)
            goto fail;
        int st = kr_sb_append_str(t, &b, r);
        kr_decref(t, r);
        if (st < 0)
            goto fail;
    }
    if (kr_sb_append_char(t, &b, ']') < 0)
        goto fail;
    kr_repr_leave(t, self);
    return kr_sb_finish(t, &b);
fail:
    kr_repr_leave(t, self);
    kr_sb_discard(&b);
    return KR_ERROR;
}

/* ---- slices ---- */

/* A list or tuple's items (borrowed) for slice assignment; anything else
 * becomes a list in *holder (CPython's PySequence_Fast, whose TypeError
 * from iter() is replaced by `msg`). */
static int list_fast_items(KrThread *t, KrValue v, const char *msg, KrValue *holder, KrValue **items, size_t *n)
{
    *holder = KR_ABSENT;
    /* Only exact lists and tuples: a subclass may override __iter__. */
    KrType *tp = kr_type(t, v);
    if (tp == kr_builtin_type(t, LIST) || tp == kr_builtin_type(t, TUPLE)) {
        *holder = kr_incref(v);
    } else {
        KrValue it = kr_iter(t, v);
        if (it == KR_ERROR) {
            if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
                kr_err_clear(t);
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s", msg);
            }
            return -1;
        }
        *holder = kr_list_from_iterable(t, it);
        kr_decref(t, it);
        if (*holder == KR_ERROR) {
            *holder = KR_ABSENT;
            return -1;
        }
    }
    if (kr_type(t, *holder) == kr_builtin_type(t, LIST)) {
        *items = kr_as_list(*holder)->items;
        *n = kr_as_list(*holder)->len;
    } else {
        *items = kr_tuple_items(*holder);
        *n = kr_tuple_len(*holder);
    }
    return 0;
}

/* self[lo:hi] = v (v KR_ABSENT deletes), lo and hi clamped here. */
static int list_ass_slice(KrThread *t, KrValue self, int64_t lo, int64_t hi, KrValue v)
{
    KrList *a = kr_as_list(self);
    KrValue holder = KR_ABSENT;
    KrValue *src = NULL;
    size_t n = 0;
    if (v != KR_ABSENT) {
        if (v == self) {
            /* a[i:j] = a: take a copy before the list changes under us. */
            holder = list_new_exact(t, a->items, a->len);
            if (holder == KR_ERROR)
                return -1;
            src = kr_as_list(holder)->items;
            n = kr_as_list(holder)->len;
        } else if (list_fast_items(t, v, "can only assign an iterable", &holder, &src, &n) < 0) {
            return -1;
        }
    }
    int64_t len = (int64_t)a->len;
    if (lo < 0)
        lo = 0;
    else if (lo > len)
        lo = len;
    if (hi < lo)
        hi = lo;
    else if (hi > len)
        hi = len;
    size_t norig = (size_t)(hi - lo);
    if (a->len - norig + n == 0) {
        kr_xdecref(t, holder);
        list_clear_items(t, a);
        return 0;
    }
    KrValue *recycle = NULL;
    if (norig) {
        recycle = malloc(norig * sizeof(KrValue));
        if (!recycle) {
            kr_xdecref(t, holder);
            kr_no_memory(t);
            return -1;
        }
        memcpy(recycle, a->items + lo, norig * sizeof(KrValue));
    }
    size_t tail = a->len - (size_t)hi;
    if (n < norig) {
        memmove(a->items + lo + n, a->items + hi, tail * sizeof(KrValue));
        if (list_resize(t, a, a->len - (norig - n)) < 0) {
            /* Shrinking can fail only if realloc does: undo the move. */
            memmove(a->items + hi, a->items + lo + n, tail * sizeof(KrValue));
            memcpy(a->items + lo, recycle, norig * sizeof(KrValue));
            free(recycle);
            kr_xdecref(t, holder);
            return -1;
        }
    } else if (n > norig) {
        size_t oldlen = a->len;
        if (list_resize(t, a, oldlen + (n - norig)) < 0) {
            free(recycle);
            kr_xdecref(t, holder);
            return -1;
        }
        memmove(a->items + lo + n, a->items + hi, tail * sizeof(KrValue));
    }
    for (size_t k = 0; k < n; k++)
        a->items[lo + (int64_t)k] = kr_incref(src[k]);
    for (size_t k = norig; k-- > 0;)
        kr_decref(t, recycle[k]);
    free(recycle);
    kr_xdecref(t, holder);
    return 0;
}

static KrValue list_get_slice(KrThread *t, KrValue self, KrValue slice)
{
    int64_t start, stop, step;
    if (kr_slice_unpack(t, slice, &start, &stop, &step) < 0)
        return KR_ERROR;
    KrList *l = kr_as_list(self);
    int64_t n = kr_slice_adjust((int64_t)l->len, &start, &stop, step);
    if (n <= 0)
        return kr_list_new(t, 0);
    if (step == 1)
        return list_new_exact(t, l->items + start, (size_t)n);
    KrValue r = kr_list_new(t, (size_t)n);
    if (r == KR_ERROR)
        return r;
    KrValue *dst = kr_as_list(r)->items;
    for (int64_t k = 0, i = start; k < n; k++, i += step)
        dst[k] = kr_incref(l->items[i]);
    return r;
}

static int list_del_extended(KrThread *t, KrList *l, int64_t start, int64_t step, int64_t n)
{
    if (n <= 0)
        return 0;
    if (step < 0) {
        /* The same items walked forwards. */
        start = start + step * (n - 1);
        step = -step;
    }
    KrValue *garbage = malloc((size_t)n * sizeof(KrValue));
    if (!garbage) {
        kr_no_memory(t);
        return -1;
    }
    size_t w = 0, g = 0;
    for (size_t i = 0; i < l->len; i++) {
        int64_t d = (int64_t)i - start;
        if (d >= 0 && d % step == 0 && (int64_t)g < n)
            garbage[g++] = l->items[i];
        else
            l->items[w++] = l->items[i];
    }
    l->len = w;
    if (list_resize(t, l, w) < 0)
        kr_err_clear(t); /* a failed shrink leaves a bigger block: harmless */
    for (size_t i = 0; i < g; i++)
        kr_decref(t, garbage[i]);
    free(garbage);
    return 0;
}

static int list_set_slice(KrThread *t, KrValue self, KrValue slice, KrValue value)
{
    int64_t start, stop, step;
    if (kr_slice_unpack(t, slice, &start, &stop, &step) < 0)
        return -1;
    KrList *l = kr_as_list(self);
    int64_t n = kr_slice_adjust((int64_t)l->len, &start, &stop, step);
    if (step == 1)
        return list_ass_slice(t, self, start, stop, value);
    if (value == KR_ABSENT)
        return list_del_extended(t, l, start, step, n);
    KrValue holder;
    KrValue *src;
    size_t m;
    if (value == self) {
        holder = list_new_exact(t, l->items, l->len);
        if (holder == KR_ERROR)
            return -1;
        src = kr_as_list(holder)->items;
        m = kr_as_list(holder)->len;
    } else if (list_fast_items(t, value, "must assign iterable to extended slice", &holder, &src, &m) < 0) {
        return -1;
    }
    if ((int64_t)m != n) {
        kr_decref(t, holder);
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError),
                                "attempt to assign sequence of size %zu to extended slice of size %lld", m,
                                (long long)n);
    }
    if (n == 0) {
        kr_decref(t, holder);
        return 0;
    }
    KrValue *garbage = malloc((size_t)n * sizeof(KrValue));
    if (!garbage) {
        kr_decref(t, holder);
        kr_no_memory(t);
        return -1;
    }
    for (int64_t k = 0, i = start; k < n; k++, i += step) {
        garbage[k] = l->items[i];
        l->items[i] = kr_incref(src[k]);
    }
    for (int64_t k = 0; k < n; k++)
        kr_decref(t, garbage[k]);
    free(garbage);
    kr_decref(t, holder);
    return 0;
}

/* ---- item access ---- */

static KrValue list_getitem(KrThread *t, KrValue self, KrValue key)
{
    KrList *l = kr_as_list(self);
    if (seq_has_index(t, key)) {
        int64_t i;
        if (seq_index_value(t, key, kr_exc_type(t, IndexError), &i) < 0)
            return KR_ERROR;
        if (i < 0)
            i += (int64_t)l->len;
        if (i < 0 || (uint64_t)i >= l->len)
            return kr_raise_fmt(t, kr_exc_type(t, IndexError), "list index out of range");
        return kr_incref(l->items[i]);
    }
    if (kr_type(t, key) == kr_builtin_type(t, SLICE))
        return list_get_slice(t, self, key);
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "list indices must be integers or slices, not %T", key);
}

static int list_setitem(KrThread *t, KrValue self, KrValue key, KrValue value)
{
    KrList *l = kr_as_list(self);
    if (seq_has_index(t, key)) {
        int64_t i;
        if (seq_index_value(t, key, kr_exc_type(t, IndexError), &i) < 0)
            return -1;
        if (i < 0)
            i += (int64_t)l->len;
        if (i < 0 || (uint64_t)i >= l->len)
            return kr_raise_fmt_int(t, kr_exc_type(t, IndexError), "list assignment index out of range");
        if (value == KR_ABSENT)
            return list_ass_slice(t, self, i, i + 1, KR_ABSENT);
        KrValue old = l->items[i];
        l->items[i] = kr_incref(value);
        kr_decref(t, old);
        return 0;
    }
    if (kr_type(t, key) == kr_builtin_type(t, SLICE))
        return list_set_slice(t, self, key, value);
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "list indices must be integers or slices, not %T", key);
}

static int list_contains(KrThread *t, KrValue self, KrValue item)
{
    KrList *l = kr_as_list(self);
    for (size_t i = 0; i < l->len; i++) {
        KrValue x = kr_incref(l->items[i]);
        int k = kr_eq(t, x, item);
        kr_decref(t, x);
        if (k != 0)
            return k;
    }
    return 0;
}

/* ---- comparison ---- */

static KrValue list_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if (!kr_is_list(t, a) || !kr_is_list(t, b))
        return KR_NOTIMPLEMENTED;
    KrList *x = kr_as_list(a), *y = kr_as_list(b);
    if (x->len != y->len && (op == KR_EQ || op == KR_NE))
        return kr_bool(op == KR_NE);
    size_t i;
    for (i = 0; i < x->len && i < y->len; i++) {
        KrValue p = x->items[i], q = y->items[i];
        if (p == q)
            continue;
        kr_incref(p);
        kr_incref(q);
        int k = kr_eq(t, p, q);
        kr_decref(t, p);
        kr_decref(t, q);
        if (k < 0)
            return KR_ERROR;
        if (!k)
            break;
    }
    if (i >= x->len || i >= y->len) {
        size_t m = x->len, n = y->len;
        bool r;
        switch (op) {
        case KR_LT: r = m < n; break;
        case KR_LE: r = m <= n; break;
        case KR_EQ: r = m == n; break;
        case KR_NE: r = m != n; break;
        case KR_GT: r = m > n; break;
        default: r = m >= n; break;
        }
        return kr_bool(r);
    }
    if (op == KR_EQ)
        return KR_FALSE;
    if (op == KR_NE)
        return KR_TRUE;
    KrValue p = kr_incref(x->items[i]), q = kr_incref(y->items[i]);
    KrValue r = kr_richcompare(t, p, q, op);
    kr_decref(t, p);
    kr_decref(t, q);
    return r;
}

/* ---- + and * ---- */

/* The other operand's own slot gets its chance before a sequence operation
 * fails or repeats, as CPython tries nb_add/nb_multiply of both operands
 * before sq_concat/sq_repeat. */
static KrValue list_try_other(KrThread *t, KrValue a, KrValue b, KrBinOp op, KrBinaryFn mine)
{
    KrBinaryFn other = kr_type(t, b)->binary[op];
    if (!other || other == mine)
        return KR_NOTIMPLEMENTED;
    return other(t, a, b);
}

static KrValue list_add(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_list(t, a))
        return KR_NOTIMPLEMENTED;
    if (!kr_is_list(t, b)) {
        KrValue r = list_try_other(t, a, b, KR_OP_ADD, list_add);
        if (r != KR_NOTIMPLEMENTED)
            return r;
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "can only concatenate list (not \"%T\") to list", b);
    }
    KrList *x = kr_as_list(a), *y = kr_as_list(b);
    KrValue r = kr_list_new(t, x->len + y->len);
    if (r == KR_ERROR)
        return r;
    KrValue *dst = kr_as_list(r)->items;
    for (size_t i = 0; i < x->len; i++)
        dst[i] = kr_incref(x->items[i]);
    for (size_t i = 0; i < y->len; i++)
        dst[x->len + i] = kr_incref(y->items[i]);
    return r;
}

static int list_repeat_count(KrThread *t, KrValue count, int64_t *n)
{
    return seq_index_value(t, count, kr_exc_type(t, OverflowError), n);
}

static KrValue list_repeat(KrThread *t, KrValue seq, KrValue count)
{
    int64_t n;
    if (list_repeat_count(t, count, &n) < 0)
        return KR_ERROR;
    KrList *l = kr_as_list(seq);
    if (n <= 0 || l->len == 0)
        return kr_list_new(t, 0);
    if ((uint64_t)n > (SIZE_MAX / sizeof(KrValue)) / l->len)
        return kr_no_memory(t);
    size_t len = l->len;
    KrValue r = kr_list_new(t, len * (size_t)n);
    if (r == KR_ERROR)
        return r;
    KrValue *dst = kr_as_list(r)->items;
    for (int64_t k = 0; k < n; k++)
        for (size_t i = 0; i < len; i++)
            *dst++ = kr_incref(l->items[i]);
    return r;
}

static KrValue list_mul(KrThread *t, KrValue a, KrValue b)
{
    if (kr_is_list(t, a)) {
        KrValue r = seq_mul_other_first(t, a, b);
        if (r != KR_NOTIMPLEMENTED)
            return r;
        if (seq_has_index(t, b))
            return list_repeat(t, a, b);
        return seq_mul_error(t, b);
    }
    if (kr_is_list(t, b)) {
        if (seq_has_index(t, a))
            return list_repeat(t, b, a);
        return seq_mul_error(t, a);
    }
    return KR_NOTIMPLEMENTED;
}

static KrValue list_iadd(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_list(t, a))
        return KR_NOTIMPLEMENTED;
    if (!kr_is_list(t, b) && !kr_is_tuple(t, b)) {
        KrValue r = list_try_other(t, a, b, KR_OP_ADD, list_add);
        if (r != KR_NOTIMPLEMENTED)
            return r;
    }
    if (kr_list_extend(t, a, b) < 0)
        return KR_ERROR;
    return kr_incref(a);
}

static KrValue list_imul(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_list(t, a))
        return KR_NOTIMPLEMENTED;
    KrValue r = seq_mul_other_first(t, a, b);
    if (r != KR_NOTIMPLEMENTED)
        return r;
    if (!seq_has_index(t, b))
        return seq_mul_error(t, b);
    int64_t n;
    if (list_repeat_count(t, b, &n) < 0)
        return KR_ERROR;
    KrList *l = kr_as_list(a);
    size_t len = l->len;
    if (len == 0 || n == 1)
        return kr_incref(a);
    if (n <= 0) {
        list_clear_items(t, l);
        return kr_incref(a);
    }
    if ((uint64_t)n > (SIZE_MAX / sizeof(KrValue)) / len)
        return kr_no_memory(t);
    if (list_resize(t, l, len * (size_t)n) < 0)
        return KR_ERROR;
    for (int64_t k = 1; k < n; k++)
        for (size_t i = 0; i < len; i++)
            l->items[(size_t)k * len + i] = kr_incref(l->items[i]);
    return kr_incref(a);
}

/* ---- construction ---- */

static KrValue list_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    /* The arguments are list.__init__'s to check. */
    (void)args;
    (void)nargs;
    (void)kwnames;
    if (type == kr_builtin_type(t, LIST))
        return kr_list_new(t, 0);
    KrObject *o = seq_alloc_instance(t, type, sizeof(KrList));
    return o ? kr_ptr(o) : KR_ERROR;
}

static int list_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrType *base = kr_builtin_type(t, LIST);
    KrType *tp = kr_type(t, self);
    if ((tp == base || tp->new_ == base->new_) && kr_no_kwargs(t, "list", kwnames) < 0)
        return -1;
    if (kr_check_nargs(t, "list", nargs, 0, 1) < 0)
        return -1;
    KrList *l = kr_as_list(self);
    if (l->items)
        list_clear_items(t, l);
    if (nargs)
        return kr_list_extend(t, self, args[0]);
    return 0;
}

/* ---- methods ---- */

static KrValue list_append_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "list.append", nargs) < 0 || kr_list_append(t, self, args[0]) < 0)
        return KR_ERROR;
    return KR_NONE;
}

static KrValue list_extend_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "list.extend", nargs) < 0 || kr_list_extend(t, self, args[0]) < 0)
        return KR_ERROR;
    return KR_NONE;
}

static KrValue list_insert_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "insert", nargs, 2, 2) < 0)
        return KR_ERROR;
    int64_t where;
    if (kr_as_ssize(t, args[0], &where) < 0)
        return KR_ERROR;
    KrList *l = kr_as_list(self);
    int64_t n = (int64_t)l->len;
    if (where < 0) {
        where += n;
        if (where < 0)
            where = 0;
    }
    if (where > n)
        where = n;
    if (list_resize(t, l, l->len + 1) < 0)
        return KR_ERROR;
    memmove(l->items + where + 1, l->items + where, (size_t)(n - where) * sizeof(KrValue));
    l->items[where] = kr_incref(args[1]);
    return KR_NONE;
}

static KrValue list_pop_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "pop", nargs, 0, 1) < 0)
        return KR_ERROR;
    int64_t i = -1;
    if (nargs && kr_as_ssize(t, args[0], &i) < 0)
        return KR_ERROR;
    KrList *l = kr_as_list(self);
    if (l->len == 0)
        return kr_raise_fmt(t, kr_exc_type(t, IndexError), "pop from empty list");
    if (i < 0)
        i += (int64_t)l->len;
    if (i < 0 || (uint64_t)i >= l->len)
        return kr_raise_fmt(t, kr_exc_type(t, IndexError), "pop index out of range");
    KrValue item = l->items[i];
    if ((size_t)i == l->len - 1) {
        if (list_resize(t, l, l->len - 1) < 0) {
            kr_err_clear(t);
            l->len--;
        }
        return item;
    }
    kr_incref(item);
    if (list_ass_slice(t, self, i, i + 1, KR_ABSENT) < 0) {
        kr_decref(t, item);
        return KR_ERROR;
    }
    return item;
}

static KrValue list_remove_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "list.remove", nargs) < 0)
        return KR_ERROR;
    KrList *l = kr_as_list(self);
    for (size_t i = 0; i < l->len; i++) {
        KrValue x = kr_incref(l->items[i]);
        int k = kr_eq(t, x, args[0]);
        kr_decref(t, x);
        if (k < 0)
            return KR_ERROR;
        if (k) {
            if (list_ass_slice(t, self, (int64_t)i, (int64_t)i + 1, KR_ABSENT) < 0)
                return KR_ERROR;
            return KR_NONE;
        }
    }
    return kr_raise_fmt(t, kr_exc_type(t, ValueError), "list.remove(x): x not in list");
}

static KrValue list_index_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "index", nargs, 1, 3) < 0)
        return KR_ERROR;
    int64_t start = 0, stop = INT64_MAX;
    if (nargs > 1 && seq_slice_index_not_none(t, args[1], &start) < 0)
        return KR_ERROR;
    if (nargs > 2 && seq_slice_index_not_none(t, args[2], &stop) < 0)
        return KR_ERROR;
    KrList *l = kr_as_list(self);
    if (start < 0) {
        start += (int64_t)l->len;
        if (start < 0)
            start = 0;
    }
    if (stop < 0) {
        stop += (int64_t)l->len;
        if (stop < 0)
            stop = 0;
    }
    for (int64_t i = start; i < stop && (uint64_t)i < l->len; i++) {
        KrValue x = kr_incref(l->items[i]);
        int k = kr_eq(t, x, args[0]);
        kr_decref(t, x);
        if (k < 0)
            return KR_ERROR;
        if (k)
            return kr_int_from_i64(t, i);
    }
    return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%R is not in list", args[0]);
}

static KrValue list_count_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "list.count", nargs) < 0)
        return KR_ERROR;
    KrList *l = kr_as_list(self);
    int64_t count = 0;
    for (size_t i = 0; i < l->len; i++) {
        KrValue x = kr_incref(l->items[i]);
        int k = kr_eq(t, x, args[0]);
        kr_decref(t, x);
        if (k < 0)
            return KR_ERROR;
        count += k;
    }
    return kr_int_from_i64(t, count);
}

static KrValue list_clear_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "list.clear", nargs) < 0)
        return KR_ERROR;
    list_clear_items(t, kr_as_list(self));
    return KR_NONE;
}

static KrValue list_copy_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "list.copy", nargs) < 0)
        return KR_ERROR;
    return list_new_exact(t, kr_as_list(self)->items, kr_as_list(self)->len);
}

static void list_reverse_items(KrValue *items, size_t n)
{
    for (size_t i = 0, j = n; i + 1 < j; i++, j--) {
        KrValue tmp = items[i];
        items[i] = items[j - 1];
        items[j - 1] = tmp;
    }
}

static KrValue list_reverse_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "list.reverse", nargs) < 0)
        return KR_ERROR;
    list_reverse_items(kr_as_list(self)->items, kr_as_list(self)->len);
    return KR_NONE;
}

static int list_sort_lt(void *ctx, uint64_t a, uint64_t b)
{
    return kr_richcompare_bool((KrThread *)ctx, a, b, KR_LT);
}

/* Comparisons for keys all of one kind, found by a scan before sorting (as
 * CPython's list.sort does): they give the same answers as `<` without
 * its dispatch, since no user code can run for these types. */
static int smallint_lt(void *ctx, uint64_t a, uint64_t b)
{
    (void)ctx;
    return kr_as_smallint(a) < kr_as_smallint(b);
}

static int float_lt(void *ctx, uint64_t a, uint64_t b)
{
    (void)ctx;
    return kr_as_float(a) < kr_as_float(b);
}

static int exact_str_lt(void *ctx, uint64_t a, uint64_t b)
{
    (void)ctx;
    return ustr_compare(kr_str_view(a), kr_str_view(b)) < 0;
}

/* Tuple `<`: the first items that differ decide.  Small ints and exact
 * strs are compared directly; other items through == and <. */
static int exact_tuple_lt(void *ctx, uint64_t a, uint64_t b)
{
    KrThread *t = ctx;
    KrTuple *x = kr_as_tuple(a), *y = kr_as_tuple(b);
    size_t n = x->len < y->len ? x->len : y->len;
    for (size_t i = 0; i < n; i++) {
        KrValue p = x->items[i], q = y->items[i];
        if (p == q)
            continue;
        if (kr_is_smallint(p) && kr_is_smallint(q))
            return kr_as_smallint(p) < kr_as_smallint(q);
        if (kr_is_exact_str(t, p) && kr_is_exact_str(t, q)) {
            int c = ustr_compare(kr_str_view(p), kr_str_view(q));
            if (c == 0)
                continue;
            return c < 0;
        }
        int eq = kr_richcompare_bool(t, p, q, KR_EQ);
        if (eq < 0)
            return -1;
        if (!eq)
            return kr_richcompare_bool(t, p, q, KR_LT);
    }
    return x->len < y->len;
}

static KrSortLt choose_lt(KrThread *t, const KrValue *v, size_t n)
{
    bool ints = true, floats = true, strs = true, tuples = true;
    for (size_t i = 0; i < n && (ints || floats || strs || tuples); i++) {
        KrValue k = v[i];
        ints = ints && kr_is_smallint(k);
        floats = floats && kr_is_float(k);
        strs = strs && kr_is_exact_str(t, k);
        tuples = tuples && kr_is_ptr(k) && kr_as_ptr(k)->type == kr_builtin_type(t, TUPLE);
    }
    if (ints)
        return smallint_lt;
    if (floats)
        return float_lt;
    if (strs)
        return exact_str_lt;
    if (tuples)
        return exact_tuple_lt;
    return list_sort_lt;
}

int kr_list_sort(KrThread *t, KrValue list, KrValue key, bool reverse)
{
    KrList *l = kr_as_list(list);
    /* The list is empty while it sorts, so that changes made by a key
     * function or __lt__ can be noticed and thrown away. */
    KrValue *saved = l->items;
    size_t n = l->len, cap = l->cap;
    l->items = NULL;
    l->len = l->cap = 0;
    int rc = 0;
    KrValue *keys = NULL;
    if (key != KR_NONE && key != KR_ABSENT && n > 0) {
        keys = malloc(n * sizeof(KrValue));
        if (!keys) {
            kr_no_memory(t);
            rc = -1;
            goto restore;
        }
        for (size_t i = 0; i < n; i++) {
            keys[i] = kr_call1(t, key, saved[i]);
            if (keys[i] == KR_ERROR) {
                while (i-- > 0)
                    kr_decref(t, keys[i]);
                free(keys);
                keys = NULL;
                rc = -1;
                goto restore;
            }
        }
    }
    if (n > 1) {
        int s = kr_sort(saved, n, keys, choose_lt(t, keys ? keys : saved, n), t, reverse);
        if (s == KR_SORT_NOMEM)
            kr_no_memory(t);
        if (s != KR_SORT_OK)
            rc = -1;
    }
    if (keys) {
        for (size_t i = 0; i < n; i++)
            kr_decref(t, keys[i]);
        free(keys);
    }
restore:;
    KrValue *final = l->items;
    size_t final_len = l->len;
    bool modified = l->items != NULL || l->len != 0 || l->cap != 0;
    l->items = saved;
    l->len = n;
    l->cap = cap;
    while (final_len-- > 0)
        kr_decref(t, final[final_len]);
    free(final);
    if (modified && rc == 0)
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "list modified during sort");
    return rc;
}

static KrValue list_sort_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "sort() takes no positional arguments");
    KrValue key = KR_NONE, rev = KR_ABSENT;
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        KrValue name = kr_tuple_items(kwnames)[i];
        if (kr_str_equal_cstr(name, "key"))
            key = args[nargs + i];
        else if (kr_str_equal_cstr(name, "reverse"))
            rev = args[nargs + i];
        else
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for sort()", name);
    }
    bool reverse = false;
    if (rev != KR_ABSENT) {
        KrValue v = kr_index(t, rev);
        if (v == KR_ERROR)
            return KR_ERROR;
        int64_t r;
        bool fits = kr_is_smallint(v) || kr_is_bool(v);
        if (fits) {
            r = kr_is_bool(v) ? v == KR_TRUE : kr_as_smallint(v);
            fits = r >= INT32_MIN && r <= INT32_MAX;
            reverse = r != 0;
        }
        kr_decref(t, v);
        if (!fits)
            return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C int");
    }
    if (kr_list_sort(t, self, key, reverse) < 0)
        return KR_ERROR;
    return KR_NONE;
}

static KrValue list_sizeof_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "list.__sizeof__", nargs) < 0)
        return KR_ERROR;
    return kr_int_from_u64(t, kr_type(t, self)->basicsize + kr_as_list(self)->cap * sizeof(KrValue));
}

/* cls[item]: a types.GenericAlias (PEP 585). */
static KrValue list_class_getitem(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "list.__class_getitem__", nargs) < 0)
        return KR_ERROR;
    return kr_class_getitem_alias(t, cls, args, nargs);
}

/* ---- list_iterator and list_reverseiterator ---- */

typedef struct ListIter {
    KrObject ob;
    int64_t index;
    KrValue seq;        /* KR_ABSENT once exhausted */
} ListIter;

static KrValue listiter_make(KrThread *t, KrType *type, KrValue list, int64_t index)
{
    ListIter *it = (ListIter *)kr_alloc(t, type, sizeof(ListIter));
    if (!it)
        return KR_ERROR;
    it->index = index;
    it->seq = kr_incref(list);
    return kr_ptr(it);
}

static KrValue list_iter(KrThread *t, KrValue self)
{
    return listiter_make(t, kr_builtin_type(t, LIST_ITERATOR), self, 0);
}

/* A method in CPython (so its argument errors name it), not a wrapper. */
static KrValue list_getitem_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "list.__getitem__", nargs) < 0)
        return KR_ERROR;
    return kr_builtin_type(t, LIST)->getitem(t, self, args[0]);
}

static KrValue list_reversed_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "list.__reversed__", nargs) < 0)
        return KR_ERROR;
    return listiter_make(t, kr_builtin_type(t, LIST_REVITERATOR), self, (int64_t)kr_as_list(self)->len - 1);
}

static void listiter_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_xdecref(t, ((ListIter *)o)->seq);
    kr_free_object(t, o);
}

static void listiter_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrValue seq = ((ListIter *)o)->seq;
    if (kr_is_ptr(seq))
        visit(kr_as_ptr(seq), arg);
}

static KrValue listiter_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static KrValue listiter_next(KrThread *t, KrValue self)
{
    ListIter *it = (ListIter *)kr_as_ptr(self);
    if (it->seq == KR_ABSENT)
        return KR_ABSENT;
    KrList *l = kr_as_list(it->seq);
    if ((uint64_t)it->index < l->len)
        return kr_incref(l->items[it->index++]);
    kr_clear(t, &it->seq);
    return KR_ABSENT;
}

static KrValue listreviter_next(KrThread *t, KrValue self)
{
    ListIter *it = (ListIter *)kr_as_ptr(self);
    if (it->seq == KR_ABSENT)
        return KR_ABSENT;
    KrList *l = kr_as_list(it->seq);
    if (it->index >= 0 && (uint64_t)it->index < l->len)
        return kr_incref(l->items[it->index--]);
    it->index = -1;
    kr_clear(t, &it->seq);
    return KR_ABSENT;
}

static KrValue listiter_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "list_iterator.__length_hint__", nargs) < 0)
        return KR_ERROR;
    ListIter *it = (ListIter *)kr_as_ptr(self);
    if (it->seq != KR_ABSENT) {
        int64_t n = (int64_t)kr_as_list(it->seq)->len - it->index;
        if (n >= 0)
            return kr_int_from_i64(t, n);
    }
    return kr_smallint(0);
}

static KrValue listreviter_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                       KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "list_reverseiterator.__length_hint__", nargs) < 0)
        return KR_ERROR;
    ListIter *it = (ListIter *)kr_as_ptr(self);
    int64_t n = it->index + 1;
    if (it->seq == KR_ABSENT || (int64_t)kr_as_list(it->seq)->len < n)
        n = 0;
    return kr_int_from_i64(t, n);
}

static KrValue listiter_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "list_iterator.__reduce__", nargs) < 0)
        return KR_ERROR;
    ListIter *it = (ListIter *)kr_as_ptr(self);
    if (it->seq != KR_ABSENT)
        return seq_iter_reduce(t, it->seq, it->index, KR_ABSENT);
    KrValue empty = kr_list_new(t, 0);
    if (empty == KR_ERROR)
        return empty;
    KrValue r = seq_iter_reduce(t, KR_ABSENT, 0, empty);
    kr_decref(t, empty);
    return r;
}

static KrValue listreviter_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "list_reverseiterator.__reduce__", nargs) < 0)
        return KR_ERROR;
    ListIter *it = (ListIter *)kr_as_ptr(self);
    if (it->seq == KR_ABSENT)
        return listiter_reduce(t, self, args, 0, 0);
    KrValue args1 = kr_tuple_pack(t, 1, it->seq);
    if (args1 == KR_ERROR)
        return KR_ERROR;
    KrValue idx = kr_int_from_i64(t, it->index);
    KrValue r = idx == KR_ERROR ? KR_ERROR
                                : kr_tuple_pack(t, 3, kr_type_value(kr_builtin_type(t, REVERSED)), args1, idx);
    kr_decref(t, args1);
    kr_xdecref(t, idx);
    return r;
}

static KrValue listiter_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "list_iterator.__setstate__", nargs) < 0)
        return KR_ERROR;
    int64_t index;
    if (seq_setstate_index(t, args[0], &index) < 0)
        return KR_ERROR;
    ListIter *it = (ListIter *)kr_as_ptr(self);
    if (it->seq != KR_ABSENT) {
        int64_t len = (int64_t)kr_as_list(it->seq)->len;
        it->index = index < 0 ? 0 : index > len ? len : index;
    }
    return KR_NONE;
}

static KrValue listreviter_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                    KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "list_reverseiterator.__setstate__", nargs) < 0)
        return KR_ERROR;
    int64_t index;
    if (seq_setstate_index(t, args[0], &index) < 0)
        return KR_ERROR;
    ListIter *it = (ListIter *)kr_as_ptr(self);
    if (it->seq != KR_ABSENT) {
        int64_t last = (int64_t)kr_as_list(it->seq)->len - 1;
        it->index = index < -1 ? -1 : index > last ? last : index;
    }
    return KR_NONE;
}

static const KrMethodDef listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", listiter_reduce, 0, "Return state information for pickling."},
    {"__setstate__", listiter_setstate, 0, "Set state information for unpickling."},
    {0},
};

static const KrMethodDef listreviter_methods[] = {
    {"__length_hint__", listreviter_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", listreviter_reduce, 0, "Return state information for pickling."},
    {"__setstate__", listreviter_setstate, 0, "Set state information for unpickling."},
    {0},
};

static void listiter_fill(KrType *tp)
{
    tp->dealloc = listiter_dealloc;
    tp->traverse = listiter_traverse;
    tp->iter = listiter_self;
    tp->iternext = listiter_next;
}

static void listreviter_fill(KrType *tp)
{
    listiter_fill(tp);
    tp->iternext = listreviter_next;
}

const KrTypeSpec kr_list_iterator_spec = {
    .name = "list_iterator",
    .basicsize = sizeof(ListIter),
    .flags = KR_TPFLAG_GC,
    .methods = listiter_methods,
    .fill = listiter_fill,
};

const KrTypeSpec kr_list_reviterator_spec = {
    .name = "list_reverseiterator",
    .basicsize = sizeof(ListIter),
    .flags = KR_TPFLAG_GC,
    .methods = listreviter_methods,
    .fill = listreviter_fill,
};

/* ---- the list type's table ---- */

const KrMethodDef kr_list_methods[] = {
    {"__getitem__", list_getitem_m, 0, "x.__getitem__(y) <==> x[y]"},
    {"__reversed__", list_reversed_m, 0, "Return a reverse iterator over the list."},
    {"__sizeof__", list_sizeof_m, 0, "Return the size of the list in memory, in bytes."},
    {"clear", list_clear_m, 0, "Remove all items from list."},
    {"copy", list_copy_m, 0, "Return a shallow copy of the list."},
    {"append", list_append_m, 0, "Append object to the end of the list."},
    {"insert", list_insert_m, 0, "Insert object before index."},
    {"extend", list_extend_m, 0, "Extend list by appending elements from the iterable."},
    {"pop", list_pop_m, 0,
     "Remove and return item at index (default last).\n\nRaises IndexError if list is empty or index is out of range."},
    {"remove", list_remove_m, 0,
     "Remove first occurrence of value.\n\nRaises ValueError if the value is not present."},
    {"index", list_index_m, 0, "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", list_count_m, 0, "Return number of occurrences of value."},
    {"reverse", list_reverse_m, 0, "Reverse *IN PLACE*."},
    {"sort", list_sort_m, KR_METH_KEYWORDS,
     "Sort the list in ascending order and return None.\n\n"
     "The sort is in-place (i.e. the list itself is modified) and stable (i.e. the\n"
     "order of two equal elements is maintained).\n\n"
     "If a key function is given, apply it once to each list item and sort them,\n"
     "ascending or descending, according to their function values.\n\n"
     "The reverse flag can be set to sort in descending order."},
    {"__class_getitem__", list_class_getitem, KR_METH_CLASS, "See PEP 585"},
    {0},
};

void kr_list_methods_fill(KrType *tp)
{
    tp->new_ = list_new;
    tp->init = list_init;
    tp->repr = list_repr;
    tp->hash = kr_hash_not_implemented;
    tp->getitem = list_getitem;
    tp->setitem = list_setitem;
    tp->contains = list_contains;
    tp->compare = list_compare;
    tp->binary[KR_OP_ADD] = list_add;
    tp->binary[KR_OP_MUL] = list_mul;
    tp->inplace[KR_OP_ADD] = list_iadd;
    tp->inplace[KR_OP_MUL] = list_imul;
    tp->iter = list_iter;
}
