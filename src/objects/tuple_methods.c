/* tuple: indexing, slicing, comparison, concatenation and repetition,
 * construction, the methods, and tuple_iterator.  The object itself
 * (allocation, repr, hash) is in tuple.c. */
#include <stdlib.h>

#include "objects/objects.h"
#include "objects/seq.h"

/* A tuple of n items (all None) of `type`, which may be a subclass. */
static KrValue tuple_alloc_type(KrThread *t, KrType *type, size_t n)
{
    if (type == kr_builtin_type(t, TUPLE))
        return kr_tuple_new(t, n);
    /* A derived class's values follow the items (kr_instance_extras). */
    size_t extra = type->basicsize - sizeof(KrTuple);
    if (n > (SIZE_MAX - type->basicsize) / sizeof(KrValue))
        return kr_no_memory(t);
    size_t own = sizeof(KrTuple) + n * sizeof(KrValue);
    KrObject *o = kr_alloc(t, type, own + extra);
    if (!o)
        return KR_ERROR;
    KrTuple *tu = (KrTuple *)o;
    tu->hash = -1;
    tu->len = n;
    for (size_t i = 0; i < n; i++)
        tu->items[i] = KR_NONE;
    seq_init_extras(o, (char *)o + own, extra);
    return kr_ptr(o);
}

static bool tuple_is_exact(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_as_ptr(v)->type == kr_builtin_type(t, TUPLE);
}

/* items[lo:hi] as an exact tuple. */
static KrValue tuple_slice_range(KrThread *t, KrValue self, size_t lo, size_t hi)
{
    if (lo == 0 && hi == kr_tuple_len(self) && tuple_is_exact(t, self))
        return kr_incref(self);
    return kr_tuple_from(t, kr_tuple_items(self) + lo, hi > lo ? hi - lo : 0);
}

static KrValue tuple_getitem(KrThread *t, KrValue self, KrValue key)
{
    KrTuple *tu = kr_as_tuple(self);
    if (kr_is_smallint(key) || seq_has_index(t, key)) {
        int64_t i;
        if (seq_index_value(t, key, kr_exc_type(t, IndexError), &i) < 0)
            return KR_ERROR;
        if (i < 0)
            i += (int64_t)tu->len;
        if (i < 0 || (uint64_t)i >= tu->len)
            return kr_raise_fmt(t, kr_exc_type(t, IndexError), "tuple index out of range");
        return kr_incref(tu->items[i]);
    }
    if (kr_type(t, key) == kr_builtin_type(t, SLICE)) {
        int64_t start, stop, step;
        if (kr_slice_unpack(t, key, &start, &stop, &step) < 0)
            return KR_ERROR;
        int64_t n = kr_slice_adjust((int64_t)tu->len, &start, &stop, step);
        if (n <= 0)
            return kr_tuple_new(t, 0);
        if (step == 1)
            return tuple_slice_range(t, self, (size_t)start, (size_t)stop);
        KrValue r = kr_tuple_new(t, (size_t)n);
        if (r == KR_ERROR)
            return r;
        for (int64_t k = 0, i = start; k < n; k++, i += step)
            kr_tuple_items(r)[k] = kr_incref(tu->items[i]);
        return r;
    }
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "tuple indices must be integers or slices, not %T", key);
}

/* Lexicographic: the first pair that differs decides, else the lengths. */
static KrValue tuple_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if (!kr_is_tuple(t, a) || !kr_is_tuple(t, b))
        return KR_NOTIMPLEMENTED;
    KrTuple *x = kr_as_tuple(a), *y = kr_as_tuple(b);
    size_t i;
    for (i = 0; i < x->len && i < y->len; i++) {
        int k = kr_eq(t, x->items[i], y->items[i]);
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
    return kr_richcompare(t, x->items[i], y->items[i], op);
}

/* Gives the right operand's own slot its chance before a sequence
 * operation fails, as CPython tries nb_add/nb_multiply of both operands
 * before sq_concat/sq_repeat. */
static KrValue tuple_try_other(KrThread *t, KrValue a, KrValue b, KrBinOp op, KrBinaryFn mine)
{
    KrBinaryFn other = kr_type(t, b)->binary[op];
    if (!other || other == mine)
        return KR_NOTIMPLEMENTED;
    return other(t, a, b);
}

static KrValue tuple_add(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_tuple(t, a))
        return KR_NOTIMPLEMENTED;
    if (!kr_is_tuple(t, b)) {
        KrValue r = tuple_try_other(t, a, b, KR_OP_ADD, tuple_add);
        if (r != KR_NOTIMPLEMENTED)
            return r;
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "can only concatenate tuple (not \"%T\") to tuple", b);
    }
    KrTuple *x = kr_as_tuple(a), *y = kr_as_tuple(b);
    if (y->len == 0 && tuple_is_exact(t, a))
        return kr_incref(a);
    if (x->len == 0 && tuple_is_exact(t, b))
        return kr_incref(b);
    KrValue r = kr_tuple_new(t, x->len + y->len);
    if (r == KR_ERROR)
        return r;
    KrValue *dst = kr_tuple_items(r);
    for (size_t i = 0; i < x->len; i++)
        dst[i] = kr_incref(x->items[i]);
    for (size_t i = 0; i < y->len; i++)
        dst[x->len + i] = kr_incref(y->items[i]);
    return r;
}

static KrValue tuple_repeat(KrThread *t, KrValue seq, KrValue count)
{
    int64_t n;
    if (seq_index_value(t, count, kr_exc_type(t, OverflowError), &n) < 0)
        return KR_ERROR;
    KrTuple *tu = kr_as_tuple(seq);
    if (n == 1 && tuple_is_exact(t, seq))
        return kr_incref(seq);
    if (n <= 0 || tu->len == 0)
        return kr_tuple_new(t, 0);
    if ((uint64_t)n > (SIZE_MAX / sizeof(KrValue)) / tu->len)
        return kr_no_memory(t);
    KrValue r = kr_tuple_new(t, tu->len * (size_t)n);
    if (r == KR_ERROR)
        return r;
    KrValue *dst = kr_tuple_items(r);
    for (int64_t k = 0; k < n; k++)
        for (size_t i = 0; i < tu->len; i++)
            *dst++ = kr_incref(tu->items[i]);
    return r;
}

static KrValue tuple_mul(KrThread *t, KrValue a, KrValue b)
{
    if (kr_is_tuple(t, a)) {
        KrValue r = seq_mul_other_first(t, a, b);
        if (r != KR_NOTIMPLEMENTED)
            return r;
        if (seq_has_index(t, b))
            return tuple_repeat(t, a, b);
        return seq_mul_error(t, b);
    }
    if (kr_is_tuple(t, b)) {
        if (seq_has_index(t, a))
            return tuple_repeat(t, b, a);
        return seq_mul_error(t, a);
    }
    return KR_NOTIMPLEMENTED;
}

static int tuple_contains(KrThread *t, KrValue self, KrValue item)
{
    KrTuple *tu = kr_as_tuple(self);
    for (size_t i = 0; i < tu->len; i++) {
        int k = kr_eq(t, tu->items[i], item);
        if (k != 0)
            return k;
    }
    return 0;
}

static KrValue tuple_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrType *base = kr_builtin_type(t, TUPLE);
    if ((type == base || type->init == base->init) && kr_no_kwargs(t, "tuple", kwnames) < 0)
        return KR_ERROR;
    if (kr_check_nargs(t, "tuple", nargs, 0, 1) < 0)
        return KR_ERROR;
    if (type == base)
        return nargs ? kr_tuple_from_iterable(t, args[0]) : kr_tuple_new(t, 0);
    KrValue tmp = nargs ? kr_tuple_from_iterable(t, args[0]) : kr_tuple_new(t, 0);
    if (tmp == KR_ERROR)
        return tmp;
    size_t n = kr_tuple_len(tmp);
    KrValue r = tuple_alloc_type(t, type, n);
    if (r != KR_ERROR)
        for (size_t i = 0; i < n; i++)
            kr_tuple_items(r)[i] = kr_incref(kr_tuple_items(tmp)[i]);
    kr_decref(t, tmp);
    return r;
}

/* ---- methods ---- */

static KrValue tuple_count(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "tuple.count", nargs) < 0)
        return KR_ERROR;
    KrTuple *tu = kr_as_tuple(self);
    int64_t count = 0;
    for (size_t i = 0; i < tu->len; i++) {
        int k = kr_eq(t, tu->items[i], args[0]);
        if (k < 0)
            return KR_ERROR;
        count += k;
    }
    return kr_int_from_i64(t, count);
}

static KrValue tuple_index(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "index", nargs, 1, 3) < 0)
        return KR_ERROR;
    KrTuple *tu = kr_as_tuple(self);
    int64_t len = (int64_t)tu->len, start = 0, stop = INT64_MAX;
    if (nargs > 1 && seq_slice_index_not_none(t, args[1], &start) < 0)
        return KR_ERROR;
    if (nargs > 2 && seq_slice_index_not_none(t, args[2], &stop) < 0)
        return KR_ERROR;
    if (start < 0) {
        start += len;
        if (start < 0)
            start = 0;
    }
    if (stop < 0)
        stop += len;
    else if (stop > len)
        stop = len;
    for (int64_t i = start; i < stop; i++) {
        int k = kr_eq(t, tu->items[i], args[0]);
        if (k < 0)
            return KR_ERROR;
        if (k)
            return kr_int_from_i64(t, i);
    }
    return kr_raise_fmt(t, kr_exc_type(t, ValueError), "tuple.index(x): x not in tuple");
}

static KrValue tuple_getnewargs(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "tuple.__getnewargs__", nargs) < 0)
        return KR_ERROR;
    KrValue copy = tuple_slice_range(t, self, 0, kr_tuple_len(self));
    if (copy == KR_ERROR)
        return copy;
    KrValue r = kr_tuple_pack(t, 1, copy);
    kr_decref(t, copy);
    return r;
}

/* cls[item]: a types.GenericAlias (PEP 585). */
static KrValue tuple_class_getitem(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "tuple.__class_getitem__", nargs) < 0)
        return KR_ERROR;
    return kr_class_getitem_alias(t, cls, args, nargs);
}

/* ---- tuple_iterator ---- */

typedef struct TupleIter {
    KrObject ob;
    size_t index;
    KrValue seq;        /* KR_ABSENT once exhausted */
} TupleIter;

static KrValue tuple_iter(KrThread *t, KrValue self)
{
    TupleIter *it = (TupleIter *)kr_alloc(t, kr_builtin_type(t, TUPLE_ITERATOR), sizeof(TupleIter));
    if (!it)
        return KR_ERROR;
    it->index = 0;
    it->seq = kr_incref(self);
    return kr_ptr(it);
}

static void tupleiter_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_xdecref(t, ((TupleIter *)o)->seq);
    kr_free_object(t, o);
}

static void tupleiter_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrValue seq = ((TupleIter *)o)->seq;
    if (kr_is_ptr(seq))
        visit(kr_as_ptr(seq), arg);
}

static KrValue tupleiter_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static KrValue tupleiter_next(KrThread *t, KrValue self)
{
    TupleIter *it = (TupleIter *)kr_as_ptr(self);
    if (it->seq == KR_ABSENT)
        return KR_ABSENT;
    if (it->index < kr_tuple_len(it->seq))
        return kr_incref(kr_tuple_items(it->seq)[it->index++]);
    kr_clear(t, &it->seq);
    return KR_ABSENT;
}

static KrValue tupleiter_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                     KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "tuple_iterator.__length_hint__", nargs) < 0)
        return KR_ERROR;
    TupleIter *it = (TupleIter *)kr_as_ptr(self);
    if (it->seq == KR_ABSENT)
        return kr_smallint(0);
    return kr_int_from_i64(t, (int64_t)(kr_tuple_len(it->seq) - it->index));
}

static KrValue tupleiter_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "tuple_iterator.__reduce__", nargs) < 0)
        return KR_ERROR;
    TupleIter *it = (TupleIter *)kr_as_ptr(self);
    return seq_iter_reduce(t, it->seq, (int64_t)it->index, t->vm->empty_tuple);
}

static KrValue tupleiter_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "tuple_iterator.__setstate__", nargs) < 0)
        return KR_ERROR;
    int64_t index;
    if (seq_setstate_index(t, args[0], &index) < 0)
        return KR_ERROR;
    TupleIter *it = (TupleIter *)kr_as_ptr(self);
    if (it->seq != KR_ABSENT) {
        int64_t len = (int64_t)kr_tuple_len(it->seq);
        it->index = (size_t)(index < 0 ? 0 : index > len ? len : index);
    }
    return KR_NONE;
}

static const KrMethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", tupleiter_reduce, 0, "Return state information for pickling."},
    {"__setstate__", tupleiter_setstate, 0, "Set state information for unpickling."},
    {0},
};

static void tupleiter_fill(KrType *tp)
{
    tp->dealloc = tupleiter_dealloc;
    tp->traverse = tupleiter_traverse;
    tp->iter = tupleiter_self;
    tp->iternext = tupleiter_next;
}

const KrTypeSpec kr_tuple_iterator_spec = {
    .name = "tuple_iterator",
    .basicsize = sizeof(TupleIter),
    .flags = KR_TPFLAG_GC,
    .methods = tupleiter_methods,
    .fill = tupleiter_fill,
};

/* ---- the tuple type's table ---- */

const KrMethodDef kr_tuple_methods[] = {
    {"__getnewargs__", tuple_getnewargs, 0, NULL},
    {"index", tuple_index, 0,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", tuple_count, 0, "Return number of occurrences of value."},
    {"__class_getitem__", tuple_class_getitem, KR_METH_CLASS, "See PEP 585"},
    {0},
};

static size_t tuple_varsize(KrObject *o)
{
    return sizeof(KrTuple) + ((KrTuple *)o)->len * sizeof(KrValue);
}

void kr_tuple_methods_fill(KrType *tp)
{
    if (!tp->varsize)
        tp->varsize = tuple_varsize;
    tp->new_ = tuple_new;
    tp->getitem = tuple_getitem;
    tp->compare = tuple_compare;
    tp->binary[KR_OP_ADD] = tuple_add;
    tp->binary[KR_OP_MUL] = tuple_mul;
    tp->contains = tuple_contains;
    tp->iter = tuple_iter;
}
