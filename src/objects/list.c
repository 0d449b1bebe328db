/* list: a growable array of values.  The methods are in list_methods.c. */
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"

static int list_grow(KrThread *t, KrList *l, size_t need)
{
    if (need <= l->cap)
        return 0;
    /* CPython's growth pattern: about 1.125x plus a little. */
    size_t cap = need + (need >> 3) + (need < 9 ? 3 : 6);
    cap &= ~(size_t)3;
    if (cap < need)
        cap = need;
    KrValue *items = realloc(l->items, cap * sizeof(KrValue));
    if (!items) {
        kr_no_memory(t);
        return -1;
    }
    l->items = items;
    l->cap = cap;
    return 0;
}

KrValue kr_list_new(KrThread *t, size_t n)
{
    KrList *l = (KrList *)kr_alloc(t, kr_builtin_type(t, LIST), sizeof(KrList));
    if (!l)
        return KR_ERROR;
    if (n) {
        l->items = malloc(n * sizeof(KrValue));
        if (!l->items) {
            kr_decref(t, kr_ptr(l));
            return kr_no_memory(t);
        }
        for (size_t i = 0; i < n; i++)
            l->items[i] = KR_NONE;
        l->cap = l->len = n;
    }
    return kr_ptr(l);
}

KrValue kr_list_from(KrThread *t, const KrValue *items, size_t n)
{
    KrValue r = kr_list_new(t, n);
    if (r == KR_ERROR)
        return r;
    for (size_t i = 0; i < n; i++)
        kr_as_list(r)->items[i] = kr_incref(items[i]);
    return r;
}

int kr_list_append(KrThread *t, KrValue list, KrValue item)
{
    KrList *l = kr_as_list(list);
    if (l->len == l->cap && list_grow(t, l, l->len + 1) < 0)
        return -1;
    l->items[l->len++] = kr_incref(item);
    return 0;
}

int kr_list_extend(KrThread *t, KrValue list, KrValue iterable)
{
    /* Exact types only (and the list itself): a subclass may override
     * __iter__. */
    KrType *itype = kr_type(t, iterable);
    if (itype == kr_builtin_type(t, LIST) || itype == kr_builtin_type(t, TUPLE) || iterable == list) {
        KrValue *src;
        size_t n;
        if (kr_is_list(t, iterable)) {
            src = kr_as_list(iterable)->items;
            n = kr_as_list(iterable)->len;
        } else {
            src = kr_tuple_items(iterable);
            n = kr_tuple_len(iterable);
        }
        KrList *l = kr_as_list(list);
        if (list_grow(t, l, l->len + n) < 0)
            return -1;
        /* src may be l->items itself (l.extend(l)): it was not moved, since
         * list_grow ran before reading it only when it is another list. */
        if (iterable == list)
            src = l->items;
        for (size_t i = 0; i < n; i++)
            l->items[l->len + i] = kr_incref(src[i]);
        l->len += n;
        return 0;
    }
    KrValue it = kr_iter(t, iterable);
    if (it == KR_ERROR)
        return -1;
    for (;;) {
        KrValue item = kr_next(t, it);
        if (item == KR_ERROR) {
            kr_decref(t, it);
            return -1;
        }
        if (item == KR_ABSENT)
            break;
        int r = kr_list_append(t, list, item);
        kr_decref(t, item);
        if (r < 0) {
            kr_decref(t, it);
            return -1;
        }
    }
    kr_decref(t, it);
    return 0;
}

KrValue kr_list_from_iterable(KrThread *t, KrValue iterable)
{
    KrValue r = kr_list_new(t, 0);
    if (r == KR_ERROR)
        return r;
    if (kr_list_extend(t, r, iterable) < 0) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    return r;
}

static void list_dealloc(KrThread *t, KrObject *o)
{
    KrList *l = (KrList *)o;
    kr_gc_untrack(t, o);
    for (size_t i = 0; i < l->len; i++)
        kr_decref(t, l->items[i]);
    free(l->items);
    kr_free_object(t, o);
}

static void list_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrList *l = (KrList *)o;
    for (size_t i = 0; i < l->len; i++)
        if (kr_is_ptr(l->items[i]))
            visit(kr_as_ptr(l->items[i]), arg);
}

static void list_clear_slot(KrThread *t, KrObject *o)
{
    KrList *l = (KrList *)o;
    KrValue *items = l->items;
    size_t n = l->len;
    l->items = NULL;
    l->len = l->cap = 0;
    for (size_t i = 0; i < n; i++)
        kr_decref(t, items[i]);
    free(items);
}

static int64_t list_len(KrThread *t, KrValue self)
{
    (void)t;
    return (int64_t)kr_as_list(self)->len;
}

void kr_list_methods_fill(KrType *tp);
extern const KrMethodDef kr_list_methods[];

static void list_fill(KrType *tp)
{
    tp->dealloc = list_dealloc;
    tp->traverse = list_traverse;
    tp->clear = list_clear_slot;
    tp->len = list_len;
    kr_list_methods_fill(tp);
}

const KrTypeSpec kr_list_spec = {
    .name = "list",
    .basicsize = sizeof(KrList),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE | KR_TPFLAG_LIST_SUBCLASS,
    .methods = kr_list_methods,
    .fill = list_fill,
    .doc = "Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\n"
           "The argument must be an iterable if specified.",
};
