/* tuple: an immutable array of values, allocated in one block. */
#include <stdarg.h>
#include <stdlib.h>

#include "objects/objects.h"

KrValue kr_tuple_new(KrThread *t, size_t n)
{
    if (n == 0 && t->vm->empty_tuple && t->vm->empty_tuple != KR_ABSENT)
        return kr_incref(t->vm->empty_tuple);
    if (n > (SIZE_MAX - sizeof(KrTuple)) / sizeof(KrValue))
        return kr_no_memory(t);
    KrTuple *tu = (KrTuple *)kr_alloc(t, kr_builtin_type(t, TUPLE), sizeof(KrTuple) + n * sizeof(KrValue));
    if (!tu)
        return KR_ERROR;
    tu->hash = -1;
    tu->len = n;
    for (size_t i = 0; i < n; i++)
        tu->items[i] = KR_NONE;
    return kr_ptr(tu);
}

KrValue kr_tuple_from(KrThread *t, const KrValue *items, size_t n)
{
    KrValue r = kr_tuple_new(t, n);
    if (r == KR_ERROR)
        return r;
    for (size_t i = 0; i < n; i++)
        kr_tuple_items(r)[i] = kr_incref(items[i]);
    return r;
}

KrValue kr_tuple_pack(KrThread *t, size_t n, ...)
{
    KrValue r = kr_tuple_new(t, n);
    if (r == KR_ERROR)
        return r;
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        kr_tuple_items(r)[i] = kr_incref(va_arg(ap, KrValue));
    va_end(ap);
    return r;
}

KrValue kr_tuple_from_iterable(KrThread *t, KrValue iterable)
{
    if (kr_is_ptr(iterable) && kr_as_ptr(iterable)->type == kr_builtin_type(t, TUPLE))
        return kr_incref(iterable);
    KrValue list = kr_list_from_iterable(t, iterable);
    if (list == KR_ERROR)
        return KR_ERROR;
    KrList *l = kr_as_list(list);
    KrValue r = kr_tuple_from(t, l->items, l->len);
    kr_decref(t, list);
    return r;
}

static void tuple_dealloc(KrThread *t, KrObject *o)
{
    KrTuple *tu = (KrTuple *)o;
    kr_gc_untrack(t, o);
    for (size_t i = 0; i < tu->len; i++)
        kr_decref(t, tu->items[i]);
    kr_free_object(t, o);
}

static void tuple_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrTuple *tu = (KrTuple *)o;
    for (size_t i = 0; i < tu->len; i++)
        if (kr_is_ptr(tu->items[i]))
            visit(kr_as_ptr(tu->items[i]), arg);
}

static KrValue tuple_repr(KrThread *t, KrValue self)
{
    KrTuple *tu = kr_as_tuple(self);
    if (tu->len == 0)
        return kr_str_from_cstr(t, "()");
    KrStrBuilder b;
    kr_sb_init(&b);
    if (kr_sb_append_ascii(t, &b, "(", 1) < 0)
        goto fail;
    for (size_t i = 0; i < tu->len; i++) {
        if (i && kr_sb_append_ascii(t, &b, ", ", 2) < 0)
            goto fail;
        KrValue r = kr_repr(t, tu->items[i]);
        if (r == KR_ERROR)
            goto fail;
        int st = kr_sb_append_str(t, &b, r);
        kr_decref(t, r);
        if (st < 0)
            goto fail;
    }
    if (tu->len == 1 && kr_sb_append_ascii(t, &b, ",", 1) < 0)
        goto fail;
    if (kr_sb_append_ascii(t, &b, ")", 1) < 0)
        goto fail;
    return kr_sb_finish(t, &b);
fail:
    kr_sb_discard(&b);
    return KR_ERROR;
}

/* CPython 3.11's tuple hash (xxHash-based), so hash((1, 2)) matches. */
static int64_t tuple_hash(KrThread *t, KrValue self)
{
    KrTuple *tu = kr_as_tuple(self);
    const uint64_t P1 = UINT64_C(11400714785074694791), P2 = UINT64_C(14029467366897019727),
                   P5 = UINT64_C(2870177450012600261);
    uint64_t acc = P5;
    /* Nested tuples hash recursively in C.  CPython has no limit here
     * (and crashes on a deep enough nest); Krait allows the depth of C
     * recursion it allows anywhere, independent of the recursion limit,
     * then raises RecursionError. */
    if (++t->c_depth > 8000) {
        t->c_depth--;
        kr_raise_fmt(t, kr_exc_type(t, RecursionError), "maximum recursion depth exceeded while hashing a tuple");
        return -1;
    }
    for (size_t i = 0; i < tu->len; i++) {
        int64_t h = kr_hash(t, tu->items[i]);
        if (h == -1) {
            t->c_depth--;
            return -1;
        }
        acc += (uint64_t)h * P2;
        acc = (acc << 31) | (acc >> 33);
        acc *= P1;
    }
    t->c_depth--;
    acc += tu->len ^ (P5 ^ UINT64_C(3527539));
    if (acc == UINT64_MAX)
        return 1546275796;
    return (int64_t)acc;
}

static int64_t tuple_len(KrThread *t, KrValue self)
{
    (void)t;
    return (int64_t)kr_tuple_len(self);
}

void kr_tuple_methods_fill(KrType *tp);
extern const KrMethodDef kr_tuple_methods[];

static void tuple_fill(KrType *tp)
{
    tp->dealloc = tuple_dealloc;
    tp->traverse = tuple_traverse;
    tp->repr = tuple_repr;
    tp->hash = tuple_hash;
    tp->len = tuple_len;
    kr_tuple_methods_fill(tp);
}

const KrTypeSpec kr_tuple_spec = {
    .name = "tuple",
    .basicsize = sizeof(KrTuple),
    .itemsize = sizeof(KrValue),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE | KR_TPFLAG_TUPLE_SUBCLASS,
    .methods = kr_tuple_methods,
    .fill = tuple_fill,
    .doc = "Built-in immutable sequence.\n\nIf no argument is given, the constructor returns an empty tuple.\n"
           "If iterable is specified the tuple is initialized from iterable's items.\n\n"
           "If the argument is a tuple, the return value is the same object.",
};
