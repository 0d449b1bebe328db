/* Weak references (_weakref.ref, proxy) and the _weakref module.
 *
 * An object that can be weakly referenced has a weak-list slot (its type's
 * weaklistoffset): the first of its weak references, a borrowed pointer,
 * or a non-pointer value when it has none.  The references form a doubly
 * linked list through that slot.  When the referent dies (its last
 * reference dropped, or the cycle collector found it unreachable) every
 * reference is cleared and the callbacks run.
 *
 * The order of the list is CPython's: the reference without callback that
 * ref(o) shares comes first, then the shared proxy, then the others, newest
 * first; callbacks run in list order. */
#include <stdio.h>
#include <stdlib.h>

#include "objects/objects.h"
#include "runtime/runtime.h"

typedef struct KrWeakRef {
    KrObject ob;
    KrObject *referent;         /* NULL once dead */
    KrValue callback;           /* KR_NONE or a callable */
    int64_t hash;               /* -1 until computed */
    struct KrWeakRef *wr_prev, *wr_next;
} KrWeakRef;

static KrValue *weaklist_ptr(KrObject *o)
{
    uint32_t off = o->type->weaklistoffset;
    if (!off)
        return NULL;
    /* Classes that added __weakref__ count the offset from their extras
     * (odd: +1); built-ins from the object. */
    if (off & 1)
        return (KrValue *)(kr_instance_extras(o) + off - 1);
    return (KrValue *)((char *)o + off);
}

static KrWeakRef *list_head(KrValue *slot)
{
    return kr_is_ptr(*slot) ? (KrWeakRef *)kr_as_ptr(*slot) : NULL;
}

static bool is_ref_type(KrThread *t, KrObject *o)
{
    KrType *tp = o->type;
    KrType *ref = kr_builtin_type(t, WEAKREF);
    for (; tp; tp = tp->base)
        if (tp == ref)
            return true;
    return false;
}

static bool is_proxy(KrThread *t, KrObject *o)
{
    return o->type == kr_builtin_type(t, WEAKPROXY) || o->type == kr_builtin_type(t, WEAKCALLABLEPROXY);
}

static void unlink_ref(KrWeakRef *r)
{
    if (!r->referent)
        return;
    KrValue *slot = weaklist_ptr(r->referent);
    if (r->wr_prev)
        r->wr_prev->wr_next = r->wr_next;
    else if (slot)
        *slot = r->wr_next ? kr_ptr(r->wr_next) : KR_ABSENT;
    if (r->wr_next)
        r->wr_next->wr_prev = r->wr_prev;
    r->wr_prev = r->wr_next = NULL;
    r->referent = NULL;
}

static void insert_after(KrWeakRef *r, KrWeakRef *prev, KrValue *slot)
{
    if (prev) {
        r->wr_prev = prev;
        r->wr_next = prev->wr_next;
        if (prev->wr_next)
            prev->wr_next->wr_prev = r;
        prev->wr_next = r;
    } else {
        r->wr_prev = NULL;
        r->wr_next = list_head(slot);
        if (r->wr_next)
            r->wr_next->wr_prev = r;
        *slot = kr_ptr(r);
    }
}

/* The shared reference (exact ref, no callback) and shared proxy of a
 * list, each possibly NULL. */
static void basic_refs(KrThread *t, KrWeakRef *head, KrWeakRef **ref, KrWeakRef **proxy)
{
    *ref = *proxy = NULL;
    if (head && head->ob.type == kr_builtin_type(t, WEAKREF) && head->callback == KR_NONE) {
        *ref = head;
        head = head->wr_next;
    }
    if (head && is_proxy(t, &head->ob) && head->callback == KR_NONE)
        *proxy = head;
}

static KrValue *weakrefable_slot(KrThread *t, KrValue ob)
{
    KrValue *slot = kr_is_ptr(ob) ? weaklist_ptr(kr_as_ptr(ob)) : NULL;
    if (!slot)
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "cannot create weak reference to '%s' object",
                     kr_typename_of(t, ob));
    return slot;
}

static KrWeakRef *new_ref(KrThread *t, KrType *type, KrObject *referent, KrValue callback)
{
    KrWeakRef *r = (KrWeakRef *)kr_alloc(t, type, type->basicsize);
    if (!r)
        return NULL;
    r->referent = referent;
    r->callback = kr_incref(callback);
    r->hash = -1;
    return r;
}

/* ---- clearing ---- */

static void call_callback(KrThread *t, KrWeakRef *r, KrValue cb)
{
    KrValue arg = kr_ptr(r);
    KrValue res = kr_call(t, cb, &arg, 1, 0);
    if (res == KR_ERROR) {
        kr_err_write_unraisable(t, NULL, cb);
    } else {
        kr_decref(t, res);
    }
}

/* The referent `o` is being deallocated. */
void kr_weakref_clear_referent(KrThread *t, KrObject *o)
{
    KrValue *slot = weaklist_ptr(o);
    if (!slot || !kr_is_ptr(*slot))
        return;
    /* Detach everything first, then call the callbacks (each reference is
     * kept alive while its callback runs). */
    size_t n = 0, cap = 0;
    KrWeakRef **pending = NULL;
    KrValue saved = t->exc;
    t->exc = KR_ABSENT;
    while (kr_is_ptr(*slot)) {
        KrWeakRef *r = list_head(slot);
        unlink_ref(r);
        if (r->callback != KR_NONE && r->ob.refcnt > 0) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                KrWeakRef **np = realloc(pending, cap * sizeof *np);
                if (!np) {
                    kr_clear(t, &r->callback);
                    r->callback = KR_NONE;
                    cap = n;
                    continue;
                }
                pending = np;
            }
            r->ob.refcnt++;
            pending[n++] = r;
        }
    }
    for (size_t i = 0; i < n; i++) {
        KrWeakRef *r = pending[i];
        KrValue cb = r->callback;
        r->callback = KR_NONE;
        call_callback(t, r, cb);
        kr_decref(t, cb);
        kr_decref(t, kr_ptr(r));
    }
    free(pending);
    if (kr_err_occurred(t))
        kr_err_clear(t);
    t->exc = saved;
}

/* The collector found `o` unreachable: its references are cleared now; the
 * ones with a callback that are not garbage themselves go to `pending`
 * (a list) for kr_weakref_call_callback. */
void kr_weakref_clear_for_gc(KrThread *t, KrObject *o, KrValue pending)
{
    KrValue *slot = weaklist_ptr(o);
    if (!slot)
        return;
    while (kr_is_ptr(*slot)) {
        KrWeakRef *r = list_head(slot);
        unlink_ref(r);
        if (r->callback == KR_NONE)
            continue;
        if (kr_gc_is_garbage(&r->ob)) {
            kr_clear(t, &r->callback);
            r->callback = KR_NONE;
        } else if (kr_list_append(t, pending, kr_ptr(r)) < 0) {
            kr_err_clear(t);
        }
    }
}

KrValue kr_weakref_call_callback(KrThread *t, KrValue ref)
{
    KrWeakRef *r = (KrWeakRef *)kr_as_ptr(ref);
    KrValue cb = r->callback;
    if (cb == KR_NONE)
        return KR_NONE;
    r->callback = KR_NONE;
    KrValue res = kr_call(t, cb, &ref, 1, 0);
    if (res == KR_ERROR) {
        kr_err_write_unraisable(t, NULL, cb);
        res = KR_NONE;
    }
    kr_decref(t, cb);
    return res;
}

KrValue kr_weakref_callback_of(KrValue ref)
{
    return ((KrWeakRef *)kr_as_ptr(ref))->callback;
}

/* ---- the ref type ---- */

static void weakref_dealloc(KrThread *t, KrObject *o)
{
    KrWeakRef *r = (KrWeakRef *)o;
    kr_gc_untrack(t, o);
    unlink_ref(r);
    kr_clear(t, &r->callback);
    kr_free_object(t, o);
}

static void weakref_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrWeakRef *r = (KrWeakRef *)o;
    if (kr_is_ptr(r->callback))
        visit(kr_as_ptr(r->callback), arg);
}

static void weakref_clear(KrThread *t, KrObject *o)
{
    KrWeakRef *r = (KrWeakRef *)o;
    unlink_ref(r);
    kr_clear(t, &r->callback);
    r->callback = KR_NONE;
}

static KrValue weakref_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs < 1 || nargs > 2) {
        if (nargs < 1)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__new__ expected at least 1 argument, got %zu", nargs);
        if (type == kr_builtin_type(t, WEAKREF))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__new__ expected at most 2 arguments, got %zu", nargs);
    }
    KrValue ob = args[0];
    KrValue cb = nargs > 1 ? args[1] : KR_NONE;
    KrValue *slot = weakrefable_slot(t, ob);
    if (!slot)
        return KR_ERROR;
    KrWeakRef *ref, *proxy;
    basic_refs(t, list_head(slot), &ref, &proxy);
    if (type == kr_builtin_type(t, WEAKREF) && cb == KR_NONE && ref)
        return kr_incref(kr_ptr(ref));
    KrWeakRef *r = new_ref(t, type, kr_as_ptr(ob), cb);
    if (!r)
        return KR_ERROR;
    /* ref(o, cb) may have run code (allocation can collect): look again. */
    basic_refs(t, list_head(slot), &ref, &proxy);
    if (type == kr_builtin_type(t, WEAKREF) && cb == KR_NONE)
        insert_after(r, NULL, slot);
    else
        insert_after(r, proxy ? proxy : ref, slot);
    return kr_ptr(r);
}

static int weakref_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return 0;
}

static KrValue weakref_call(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (kr_check_nargs(t, "weakref", nargs, 0, 0) < 0 || kr_no_kwargs(t, "weakref", kwnames) < 0)
        return KR_ERROR;
    KrWeakRef *r = (KrWeakRef *)kr_as_ptr(self);
    return r->referent ? kr_incref(kr_ptr(r->referent)) : KR_NONE;
}

static int64_t weakref_hash(KrThread *t, KrValue self)
{
    KrWeakRef *r = (KrWeakRef *)kr_as_ptr(self);
    if (r->hash != -1)
        return r->hash;
    if (!r->referent)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "weak object has gone away");
    int64_t h = kr_hash(t, kr_ptr(r->referent));
    if (h != -1)
        r->hash = h;
    return h;
}

static KrValue weakref_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if ((op != KR_EQ && op != KR_NE) || !kr_is_ptr(b) || !is_ref_type(t, kr_as_ptr(b)))
        return KR_NOTIMPLEMENTED;
    KrWeakRef *x = (KrWeakRef *)kr_as_ptr(a), *y = (KrWeakRef *)kr_as_ptr(b);
    if (!x->referent || !y->referent) {
        bool same = x == y;
        return kr_bool(op == KR_EQ ? same : !same);
    }
    KrValue xa = kr_incref(kr_ptr(x->referent)), ya = kr_incref(kr_ptr(y->referent));
    KrValue r = kr_richcompare(t, xa, ya, op);
    kr_decref(t, xa);
    kr_decref(t, ya);
    return r;
}

static KrValue weakref_repr(KrThread *t, KrValue self)
{
    KrWeakRef *r = (KrWeakRef *)kr_as_ptr(self);
    if (!r->referent)
        return kr_format(t, "<weakref at %p; dead>", (void *)r);
    KrValue ob = kr_incref(kr_ptr(r->referent));
    KrValue name;
    int found = kr_lookup_attr(t, ob, kr_name(t, dunder_name), &name);
    KrValue res;
    if (found < 0)
        res = KR_ERROR;
    else if (found > 0) {
        res = kr_format(t, "<weakref at %p; to '%s' at %p (%S)>", (void *)r, kr_typename_of(t, ob),
                        (void *)kr_as_ptr(ob), name);
        kr_decref(t, name);
    } else
        res = kr_format(t, "<weakref at %p; to '%s' at %p>", (void *)r, kr_typename_of(t, ob), (void *)kr_as_ptr(ob));
    kr_decref(t, ob);
    return res;
}

static KrValue weakref_get_callback(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(((KrWeakRef *)kr_as_ptr(self))->callback);
}

KrValue kr_generic_alias_new(KrThread *t, KrValue origin, KrValue args);

static KrValue weakref_class_getitem(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "__class_getitem__", nargs, 1, 1) < 0)
        return KR_ERROR;
    return kr_generic_alias_new(t, self, args[0]);
}

static const KrMethodDef weakref_methods[] = {
    {"__class_getitem__", weakref_class_getitem, KR_METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef weakref_getsets[] = {
    {"__callback__", weakref_get_callback, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void weakref_fill(KrType *tp)
{
    tp->dealloc = weakref_dealloc;
    tp->traverse = weakref_traverse;
    tp->clear = weakref_clear;
    tp->new_ = weakref_new;
    tp->init = weakref_init;
    tp->call = weakref_call;
    tp->hash = weakref_hash;
    tp->compare = weakref_compare;
    tp->repr = weakref_repr;
}

const KrTypeSpec kr_weakref_spec = {
    .name = "weakref.ReferenceType",
    .basicsize = sizeof(KrWeakRef),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = weakref_methods,
    .getsets = weakref_getsets,
    .fill = weakref_fill,
};

/* ---- proxies ---- */

static KrValue proxy_target(KrThread *t, KrValue self)
{
    KrWeakRef *r = (KrWeakRef *)kr_as_ptr(self);
    if (!r->referent)
        return kr_raise_fmt(t, kr_exc_type(t, ReferenceError), "weakly-referenced object no longer exists");
    return kr_incref(kr_ptr(r->referent));
}

#define WITH_TARGET(self, ob, fail)            \
    KrValue ob = proxy_target(t, self);        \
    if (ob == KR_ERROR)                        \
        return fail;

static KrValue proxy_getattr(KrThread *t, KrValue self, KrValue name)
{
    WITH_TARGET(self, ob, KR_ERROR);
    KrValue r = kr_getattr(t, ob, name);
    kr_decref(t, ob);
    return r;
}

static int proxy_setattr(KrThread *t, KrValue self, KrValue name, KrValue value)
{
    WITH_TARGET(self, ob, -1);
    int r = kr_setattr(t, ob, name, value);
    kr_decref(t, ob);
    return r;
}

static KrValue proxy_str(KrThread *t, KrValue self)
{
    WITH_TARGET(self, ob, KR_ERROR);
    KrValue r = kr_str(t, ob);
    kr_decref(t, ob);
    return r;
}

static KrValue proxy_repr(KrThread *t, KrValue self)
{
    KrWeakRef *r = (KrWeakRef *)kr_as_ptr(self);
    if (!r->referent)
        return kr_format(t, "<weakproxy at %p; dead>", (void *)r);
    return kr_format(t, "<weakproxy at %p; to '%s' at %p>", (void *)r, kr_type_name(r->referent->type),
                     (void *)r->referent);
}

static KrValue proxy_call(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    WITH_TARGET(self, ob, KR_ERROR);
    KrValue r = kr_call(t, ob, args, nargs, kwnames);
    kr_decref(t, ob);
    return r;
}

static int proxy_truth(KrThread *t, KrValue self)
{
    WITH_TARGET(self, ob, -1);
    int r = kr_truth(t, ob);
    kr_decref(t, ob);
    return r;
}

static int64_t proxy_len(KrThread *t, KrValue self)
{
    WITH_TARGET(self, ob, -1);
    int64_t r = kr_len(t, ob);
    kr_decref(t, ob);
    return r;
}

static KrValue proxy_getitem(KrThread *t, KrValue self, KrValue key)
{
    WITH_TARGET(self, ob, KR_ERROR);
    KrValue r = kr_getitem(t, ob, key);
    kr_decref(t, ob);
    return r;
}

static int proxy_setitem(KrThread *t, KrValue self, KrValue key, KrValue value)
{
    WITH_TARGET(self, ob, -1);
    int r = value == KR_ABSENT ? kr_delitem(t, ob, key) : kr_setitem(t, ob, key, value);
    kr_decref(t, ob);
    return r;
}

static int proxy_contains(KrThread *t, KrValue self, KrValue item)
{
    WITH_TARGET(self, ob, -1);
    int r = kr_contains(t, ob, item);
    kr_decref(t, ob);
    return r;
}

static KrValue proxy_iter(KrThread *t, KrValue self)
{
    WITH_TARGET(self, ob, KR_ERROR);
    KrValue r = kr_iter(t, ob);
    kr_decref(t, ob);
    return r;
}

static KrValue proxy_iternext(KrThread *t, KrValue self)
{
    WITH_TARGET(self, ob, KR_ERROR);
    KrValue r = kr_next(t, ob);
    kr_decref(t, ob);
    return r;
}

/* Proxies stand for their referent in comparisons and arithmetic. */
static KrValue unwrap(KrThread *t, KrValue v)
{
    if (kr_is_ptr(v) && is_proxy(t, kr_as_ptr(v)))
        return proxy_target(t, v);
    return kr_incref(v);
}

static KrValue proxy_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    KrValue x = unwrap(t, a);
    if (x == KR_ERROR)
        return x;
    KrValue y = unwrap(t, b);
    if (y == KR_ERROR) {
        kr_decref(t, x);
        return y;
    }
    KrValue r = kr_richcompare(t, x, y, op);
    kr_decref(t, x);
    kr_decref(t, y);
    return r;
}

#define PROXY_BINARY(fname, op)                                   \
    static KrValue fname(KrThread *t, KrValue a, KrValue b)       \
    {                                                             \
        KrValue x = unwrap(t, a);                                 \
        if (x == KR_ERROR)                                        \
            return x;                                             \
        KrValue y = unwrap(t, b);                                 \
        if (y == KR_ERROR) {                                      \
            kr_decref(t, x);                                      \
            return y;                                             \
        }                                                         \
        KrValue r = kr_binary_op(t, x, y, op);                    \
        kr_decref(t, x);                                          \
        kr_decref(t, y);                                          \
        return r;                                                 \
    }
PROXY_BINARY(proxy_add, KR_OP_ADD)
PROXY_BINARY(proxy_sub, KR_OP_SUB)
PROXY_BINARY(proxy_mul, KR_OP_MUL)
PROXY_BINARY(proxy_truediv, KR_OP_TRUEDIV)
PROXY_BINARY(proxy_floordiv, KR_OP_FLOORDIV)
PROXY_BINARY(proxy_mod, KR_OP_MOD)

static int64_t proxy_hash(KrThread *t, KrValue self)
{
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "unhashable type: '%s'", kr_type(t, self)->spec->name);
}

static KrValue proxy_bytes(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    WITH_TARGET(self, ob, KR_ERROR);
    KrValue name = kr_str_intern_cstr(t, "__bytes__");
    KrValue r = name == KR_ERROR ? KR_ERROR : kr_call_method(t, ob, name, NULL, 0);
    kr_xdecref(t, name);
    kr_decref(t, ob);
    return r;
}

static const KrMethodDef proxy_methods[] = {
    {"__bytes__", proxy_bytes, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static void proxy_fill(KrType *tp)
{
    tp->dealloc = weakref_dealloc;
    tp->traverse = weakref_traverse;
    tp->clear = weakref_clear;
    tp->getattr = proxy_getattr;
    tp->setattr = proxy_setattr;
    tp->str = proxy_str;
    tp->repr = proxy_repr;
    tp->truth = proxy_truth;
    tp->len = proxy_len;
    tp->getitem = proxy_getitem;
    tp->setitem = proxy_setitem;
    tp->contains = proxy_contains;
    tp->iter = proxy_iter;
    tp->iternext = proxy_iternext;
    tp->compare = proxy_compare;
    tp->hash = proxy_hash;
    tp->binary[KR_OP_ADD] = proxy_add;
    tp->binary[KR_OP_SUB] = proxy_sub;
    tp->binary[KR_OP_MUL] = proxy_mul;
    tp->binary[KR_OP_TRUEDIV] = proxy_truediv;
    tp->binary[KR_OP_FLOORDIV] = proxy_floordiv;
    tp->binary[KR_OP_MOD] = proxy_mod;
}

static void callable_proxy_fill(KrType *tp)
{
    proxy_fill(tp);
    tp->call = proxy_call;
}

const KrTypeSpec kr_weakproxy_spec = {
    .name = "weakref.ProxyType",
    .basicsize = sizeof(KrWeakRef),
    .flags = KR_TPFLAG_GC,
    .methods = proxy_methods,
    .fill = proxy_fill,
};

const KrTypeSpec kr_weakcallableproxy_spec = {
    .name = "weakref.CallableProxyType",
    .basicsize = sizeof(KrWeakRef),
    .flags = KR_TPFLAG_GC,
    .methods = proxy_methods,
    .fill = callable_proxy_fill,
};

/* ---- the _weakref module ---- */

static KrValue mod_proxy(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "proxy", nargs, 1, 2) < 0)
        return KR_ERROR;
    KrValue ob = args[0];
    KrValue cb = nargs > 1 ? args[1] : KR_NONE;
    KrValue *slot = weakrefable_slot(t, ob);
    if (!slot)
        return KR_ERROR;
    KrWeakRef *ref, *proxy;
    basic_refs(t, list_head(slot), &ref, &proxy);
    if (cb == KR_NONE && proxy)
        return kr_incref(kr_ptr(proxy));
    KrType *type = kr_as_ptr(ob)->type->call ? kr_builtin_type(t, WEAKCALLABLEPROXY) : kr_builtin_type(t, WEAKPROXY);
    KrWeakRef *r = new_ref(t, type, kr_as_ptr(ob), cb);
    if (!r)
        return KR_ERROR;
    basic_refs(t, list_head(slot), &ref, &proxy);
    if (cb == KR_NONE)
        insert_after(r, ref, slot);
    else
        insert_after(r, proxy ? proxy : ref, slot);
    return kr_ptr(r);
}

static KrValue mod_getweakrefcount(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "getweakrefcount", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue *slot = kr_is_ptr(args[0]) ? weaklist_ptr(kr_as_ptr(args[0])) : NULL;
    int64_t n = 0;
    for (KrWeakRef *r = slot ? list_head(slot) : NULL; r; r = r->wr_next)
        n++;
    return kr_int_from_i64(t, n);
}

static KrValue mod_getweakrefs(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "getweakrefs", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue out = kr_list_new(t, 0);
    if (out == KR_ERROR)
        return out;
    KrValue *slot = kr_is_ptr(args[0]) ? weaklist_ptr(kr_as_ptr(args[0])) : NULL;
    for (KrWeakRef *r = slot ? list_head(slot) : NULL; r; r = r->wr_next) {
        if (kr_list_append(t, out, kr_ptr(r)) < 0) {
            kr_decref(t, out);
            return KR_ERROR;
        }
    }
    return out;
}

static KrValue mod_remove_dead_weakref(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "_remove_dead_weakref", nargs, 2, 2) < 0)
        return KR_ERROR;
    if (!kr_is_dict(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "_remove_dead_weakref() argument 1 must be dict, not %T",
                            args[0]);
    KrValue v = kr_dict_get(t, args[0], args[1]);
    if (v == KR_ERROR)
        return v;
    if (v == KR_ABSENT)
        return KR_NONE;
    if (kr_is_ptr(v) && is_ref_type(t, kr_as_ptr(v)) && !((KrWeakRef *)kr_as_ptr(v))->referent) {
        if (kr_dict_del(t, args[0], args[1]) < 0)
            return KR_ERROR;
    }
    return KR_NONE;
}

static const KrMethodDef weakref_module_methods[] = {
    {"getweakrefcount", mod_getweakrefcount, 0, NULL},
    {"_remove_dead_weakref", mod_remove_dead_weakref, 0, NULL},
    {"getweakrefs", mod_getweakrefs, 0, NULL},
    {"proxy", mod_proxy, 0, NULL},
    {NULL, NULL, 0, NULL},
};

KrValue kr_weakref_module_new(KrThread *t)
{
    KrValue m = kr_module_new_c(t, "_weakref", weakref_module_methods);
    if (m == KR_ERROR)
        return m;
    if (kr_module_add(t, m, "ref", kr_ptr(kr_builtin_type(t, WEAKREF))) < 0 ||
        kr_module_add(t, m, "ReferenceType", kr_ptr(kr_builtin_type(t, WEAKREF))) < 0 ||
        kr_module_add(t, m, "ProxyType", kr_ptr(kr_builtin_type(t, WEAKPROXY))) < 0 ||
        kr_module_add(t, m, "CallableProxyType", kr_ptr(kr_builtin_type(t, WEAKCALLABLEPROXY))) < 0) {
        kr_decref(t, m);
        return KR_ERROR;
    }
    return m;
}
