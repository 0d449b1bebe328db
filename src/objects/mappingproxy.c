/* mappingproxy (types.MappingProxyType): a read-only view of a mapping.
 * type.__dict__ hands one out so a class namespace cannot be changed
 * behind the type's back (attribute caches, slots).
 *
 * Every operation is forwarded to the mapping, so a proxy over a dict
 * subclass or any object with __getitem__ behaves as that object does;
 * nothing that writes is offered. */
#include "objects/objects.h"

typedef struct KrMappingProxy {
    KrObject ob;
    KrValue mapping;
} KrMappingProxy;

static inline KrValue proxy_mapping(KrValue v) { return ((KrMappingProxy *)kr_as_ptr(v))->mapping; }

static bool proxy_is(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_as_ptr(v)->type == kr_builtin_type(t, MAPPINGPROXY);
}

KrValue kr_mappingproxy_new(KrThread *t, KrValue mapping)
{
    /* A mapping is anything with __getitem__, except the two sequences
     * that would otherwise pass. */
    if (!kr_type(t, mapping)->getitem || kr_is_list(t, mapping) || kr_is_tuple(t, mapping))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "mappingproxy() argument must be a mapping, not %T",
                            mapping);
    KrMappingProxy *p = (KrMappingProxy *)kr_alloc(t, kr_builtin_type(t, MAPPINGPROXY), sizeof(KrMappingProxy));
    if (!p)
        return KR_ERROR;
    p->mapping = kr_incref(mapping);
    return kr_ptr(p);
}

static const char *const proxy_arg_names[] = {"mapping"};
static const KrArgSpec proxy_args = {
    .fname = "mappingproxy", .names = proxy_arg_names, .nnames = 1,
    .npositional_only = 0, .nrequired = 1, .nkw_only_start = 1,
};

static KrValue proxy_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type;    /* not subclassable: type is mappingproxy */
    KrValue mapping;
    if (kr_parse_args(t, &proxy_args, args, nargs, kwnames, &mapping) < 0)
        return KR_ERROR;
    return kr_mappingproxy_new(t, mapping);
}

static KrValue proxy_getitem(KrThread *t, KrValue self, KrValue key)
{
    return kr_getitem(t, proxy_mapping(self), key);
}

static int64_t proxy_len(KrThread *t, KrValue self)
{
    return kr_len(t, proxy_mapping(self));
}

static int proxy_contains(KrThread *t, KrValue self, KrValue key)
{
    return kr_contains(t, proxy_mapping(self), key);
}

static KrValue proxy_iter(KrThread *t, KrValue self)
{
    return kr_iter(t, proxy_mapping(self));
}

static KrValue proxy_repr(KrThread *t, KrValue self)
{
    return kr_format(t, "mappingproxy(%R)", proxy_mapping(self));
}

static KrValue proxy_str(KrThread *t, KrValue self)
{
    return kr_str(t, proxy_mapping(self));
}

static KrValue proxy_compare(KrThread *t, KrValue self, KrValue other, KrCompareOp op)
{
    return kr_richcompare(t, proxy_mapping(self), other, op);
}

/* proxy | x and x | proxy: the mappings are combined (a new dict for
 * dicts); the proxy itself is never changed. */
static KrValue proxy_or(KrThread *t, KrValue a, KrValue b)
{
    if (proxy_is(t, a))
        a = proxy_mapping(a);
    if (proxy_is(t, b))
        b = proxy_mapping(b);
    return kr_binary_op(t, a, b, KR_OP_OR);
}

static KrValue proxy_ior(KrThread *t, KrValue a, KrValue b)
{
    (void)b;
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'|=' is not supported by %s; use '|' instead",
                        kr_typename_of(t, a));
}

static KrValue proxy_call(KrThread *t, KrValue self, KrValue name, const KrValue *args, size_t nargs)
{
    return kr_call_method(t, proxy_mapping(self), name, args, nargs);
}

/* keys(), values()...: mapping.NAME() for a method that takes nothing. */
static KrValue proxy_call0(KrThread *t, KrValue self, const char *method, KrValue name, size_t nargs)
{
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "mappingproxy.%s() takes no arguments (%zu given)",
                            method, nargs);
    return proxy_call(t, self, name, NULL, 0);
}

static KrValue proxy_get(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "get", nargs, 1, 2) < 0)
        return KR_ERROR;
    /* The default is always passed, so mapping.get sees None when none
     * was given. */
    KrValue a[2] = {args[0], nargs > 1 ? args[1] : KR_NONE};
    return proxy_call(t, self, kr_name(t, get), a, 2);
}

static KrValue proxy_keys(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    return proxy_call0(t, self, "keys", kr_name(t, keys), nargs);
}

static KrValue proxy_values(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    return proxy_call0(t, self, "values", kr_name(t, values), nargs);
}

static KrValue proxy_items(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    return proxy_call0(t, self, "items", kr_name(t, items), nargs);
}

static KrValue proxy_copy(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    return proxy_call0(t, self, "copy", kr_name(t, copy), nargs);
}

static KrValue proxy_reversed(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    return proxy_call0(t, self, "__reversed__", kr_name(t, dunder_reversed), nargs);
}

/* mappingproxy[X]: a types.GenericAlias (PEP 585). */
static KrValue proxy_class_getitem(KrThread *t, KrValue cls, const KrValue *args, size_t nargs,
                                   KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                            "mappingproxy.__class_getitem__() takes exactly one argument (%zu given)", nargs);
    return kr_call2(t, kr_type_value(kr_builtin_type(t, GENERIC_ALIAS)), cls, args[0]);
}

static void proxy_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrValue m = ((KrMappingProxy *)o)->mapping;
    if (kr_is_ptr(m))
        visit(kr_as_ptr(m), arg);
}

static void proxy_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_clear(t, &((KrMappingProxy *)o)->mapping);
    kr_free_object(t, o);
}

/* Without KR_METH_KEYWORDS: the method descriptor rejects keywords. */
static const KrMethodDef proxy_methods[] = {
    {"get", proxy_get, 0, "D.get(k[,d]) -> D[k] if k in D, else d.  d defaults to None."},
    {"keys", proxy_keys, 0, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", proxy_values, 0, "D.values() -> an object providing a view on D's values"},
    {"items", proxy_items, 0, "D.items() -> a set-like object providing a view on D's items"},
    {"copy", proxy_copy, 0, "D.copy() -> a shallow copy of D"},
    {"__reversed__", proxy_reversed, 0, "D.__reversed__() -> reverse iterator"},
    {"__class_getitem__", proxy_class_getitem, KR_METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static void proxy_fill(KrType *tp)
{
    tp->dealloc = proxy_dealloc;
    tp->traverse = proxy_traverse;
    tp->new_ = proxy_new;
    tp->getitem = proxy_getitem;
    tp->len = proxy_len;
    tp->contains = proxy_contains;
    tp->iter = proxy_iter;
    tp->repr = proxy_repr;
    tp->str = proxy_str;
    tp->compare = proxy_compare;
    tp->hash = kr_hash_not_implemented;
    tp->binary[KR_OP_OR] = proxy_or;
    tp->inplace[KR_OP_OR] = proxy_ior;
}

const KrTypeSpec kr_mappingproxy_spec = {
    .name = "mappingproxy",
    .basicsize = sizeof(KrMappingProxy),
    .flags = KR_TPFLAG_GC,
    .methods = proxy_methods,
    .fill = proxy_fill,
};
