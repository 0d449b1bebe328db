/* Allocation, deallocation, and the `object` type: the root of every class,
 * whose slots give the default behaviour (identity hash and equality,
 * "<X object at 0x...>" repr, attribute access through descriptors and the
 * instance dict). */
#include <stdio.h>
#include <stdlib.h>

#include "objects/objects.h"

KrObject *kr_alloc(KrThread *t, KrType *type, size_t size)
{
    KrObject *o;
    if (type->flags & KR_TPFLAG_GC) {
        KrGCHead *g = calloc(1, sizeof(KrGCHead) + size);
        if (!g) {
            kr_no_memory(t);
            return NULL;
        }
        o = kr_gc_object(g);
        o->refcnt = 1;
        o->type = type;
        kr_gc_track(t, o);
    } else {
        o = calloc(1, size);
        if (!o) {
            kr_no_memory(t);
            return NULL;
        }
        o->refcnt = 1;
        o->type = type;
    }
    /* An instance keeps its class alive (CPython does this for heap types
     * only; built-in types live as long as the VM anyway). */
    if (type->flags & KR_TPFLAG_HEAPTYPE)
        type->ob.refcnt++;
    return o;
}

void kr_free_object(KrThread *t, KrObject *o)
{
    KrType *type = o->type;
    if (type->flags & KR_TPFLAG_GC) {
        kr_gc_untrack(t, o);
        free(kr_gc_head(o));
    } else {
        free(o);
    }
    if (type->flags & KR_TPFLAG_HEAPTYPE)
        kr_decref(t, kr_ptr(type));
}

/* The GC lists: an object is tracked when its head is linked.  The
 * collector itself (gc.c) walks these lists. */
void kr_gc_track(KrThread *t, KrObject *o)
{
    KrGCHead *g = kr_gc_head(o);
    if (g->next)
        return;
    KrGCGen *gen = &t->vm->gc[0];
    g->prev = gen->head.prev;
    g->next = &gen->head;
    gen->head.prev->next = g;
    gen->head.prev = g;
    gen->count++;
}

void kr_gc_untrack(KrThread *t, KrObject *o)
{
    KrGCHead *g = kr_gc_head(o);
    if (!g->next)
        return;
    g->prev->next = g->next;
    g->next->prev = g->prev;
    g->next = g->prev = NULL;
    if (t->vm->gc[0].count > 0)
        t->vm->gc[0].count--;
}

void kr_object_dealloc(KrThread *t, KrObject *o)
{
    KrType *type = o->type;
    if (type->finalize) {
        /* PEP 442: __del__ may resurrect the object. */
        o->refcnt = 1;
        KrValue saved = t->exc;
        t->exc = KR_ABSENT;
        KrValue r = type->finalize(t, kr_ptr(o));
        if (r == KR_ERROR)
            kr_err_clear(t); /* TODO: sys.unraisablehook */
        else
            kr_decref(t, r);
        t->exc = saved;
        if (--o->refcnt > 0)
            return;
    }
    type->dealloc(t, o);
}

/* ---- the `object` type ---- */

/* Instances of classes go through the class's subtype_dealloc (type.c),
 * which releases the values the class layers added, then here. */
static void object_dealloc(KrThread *t, KrObject *o)
{
    kr_free_object(t, o);
}

static KrValue object_repr(KrThread *t, KrValue self)
{
    KrType *type = kr_type(t, self);
    KrValue mod = kr_dict_get(t, type->dict, kr_name(t, dunder_module));
    if (mod == KR_ERROR)
        return KR_ERROR;
    KrValue qual = type->ht_qualname;
    if (qual == KR_ABSENT || !qual)
        qual = KR_ABSENT;
    if (mod != KR_ABSENT && kr_is_str(t, mod) && !kr_str_equal_cstr(mod, "builtins")) {
        if (qual != KR_ABSENT)
            return kr_format(t, "<%U.%U object at %p>", mod, qual, (void *)kr_as_ptr(self));
        return kr_format(t, "<%U.%s object at %p>", mod, kr_type_name(type), (void *)kr_as_ptr(self));
    }
    return kr_format(t, "<%s object at %p>", kr_type_name(type), (void *)kr_as_ptr(self));
}

static KrValue object_str(KrThread *t, KrValue self)
{
    return kr_type(t, self)->repr(t, self);
}

static int64_t object_hash(KrThread *t, KrValue self)
{
    (void)t;
    /* CPython: the address rotated by 4 bits. */
    uint64_t p = (uint64_t)(uintptr_t)kr_as_ptr(self);
    int64_t h = (int64_t)((p >> 4) | (p << 60));
    return h == -1 ? -2 : h;
}

static KrValue object_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    switch (op) {
    case KR_EQ:
        return a == b ? KR_TRUE : KR_NOTIMPLEMENTED;
    case KR_NE: {
        /* By default, != is the inverse of ==, unless == is NotImplemented. */
        KrType *ta = kr_type(t, a);
        if (!ta->compare)
            return KR_NOTIMPLEMENTED;
        KrValue r = ta->compare(t, a, b, KR_EQ);
        if (r == KR_ERROR || r == KR_NOTIMPLEMENTED)
            return r;
        int truth = kr_truth(t, r);
        kr_decref(t, r);
        if (truth < 0)
            return KR_ERROR;
        return kr_bool(!truth);
    }
    default:
        return KR_NOTIMPLEMENTED;
    }
}

/* object.__init__ and object.__new__ complain about arguments only when
 * the other one is not overridden (CPython's excess_args logic). */
static bool overrides_new(KrThread *t, KrType *type)
{
    return type->new_ != kr_builtin_type(t, OBJECT)->new_;
}

static bool overrides_init(KrThread *t, KrType *type)
{
    return type->init != kr_builtin_type(t, OBJECT)->init;
}

static KrValue object_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    bool excess = nargs > 0 || (kwnames && kr_tuple_len(kwnames) > 0);
    if (excess) {
        if (overrides_new(t, type))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "object.__new__() takes exactly one argument (the type to instantiate)");
        if (!overrides_init(t, type))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() takes no arguments", kr_type_name(type));
    }
    if (kr_dict_get(t, type->dict, kr_name(t, dunder_abstractmethods)) != KR_ABSENT) {
        KrValue abstract = kr_type_lookup(t, type, kr_name(t, dunder_abstractmethods));
        if (abstract != KR_ABSENT && kr_is_anyset(t, abstract) && kr_as_set(abstract)->st.used > 0) {
            KrValue sorted = kr_list_from_iterable(t, abstract);
            if (sorted == KR_ERROR)
                return KR_ERROR;
            if (kr_list_sort(t, sorted, KR_NONE, false) < 0) {
                kr_decref(t, sorted);
                return KR_ERROR;
            }
            KrValue sep = kr_str_from_cstr(t, "', '");
            KrValue joined = sep == KR_ERROR ? KR_ERROR : kr_str_join(t, sep, sorted);
            kr_decref(t, sep);
            size_t n = kr_as_list(sorted)->len;
            kr_decref(t, sorted);
            if (joined == KR_ERROR)
                return KR_ERROR;
            KrValue r = kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                     "Can't instantiate abstract class %s with abstract method%s '%U'",
                                     kr_type_name(type), n > 1 ? "s" : "", joined);
            kr_decref(t, joined);
            return r;
        }
    }
    KrObject *o = kr_alloc(t, type, type->basicsize);
    if (!o)
        return KR_ERROR;
    return kr_ptr(o);
}

static int object_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    KrType *type = kr_type(t, self);
    bool excess = nargs > 0 || (kwnames && kr_tuple_len(kwnames) > 0);
    if (excess) {
        if (overrides_init(t, type))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "object.__init__() takes exactly one argument (the instance to initialize)");
        if (!overrides_new(t, type))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "%s() takes no arguments", kr_type_name(type));
    }
    return 0;
}

static void object_fill(KrType *tp)
{
    tp->dealloc = object_dealloc;
    tp->new_ = object_new;
    tp->init = object_init;
    tp->repr = object_repr;
    tp->str = object_str;
    tp->hash = object_hash;
    tp->compare = object_compare;
    tp->getattr = kr_generic_getattr;
    tp->setattr = kr_generic_setattr;
}

const KrTypeSpec kr_object_spec = {
    .name = "object",
    .basicsize = sizeof(KrObject),
    .flags = KR_TPFLAG_BASETYPE,
    .fill = object_fill,
    .doc = "The base class of the class hierarchy.",
};
