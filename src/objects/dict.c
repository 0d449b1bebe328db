/* dict: the object on the ordered hash table engine (core/hashtable.c).
 * This file has the core operations the runtime needs; the methods, views
 * and iterators are in dict_methods.c. */
#include <stdlib.h>

#include "objects/objects.h"

/* The engine's equality callback: a Python == that may fail. */
static int dict_key_eq(void *ctx, uint64_t a, uint64_t b)
{
    return kr_eq((KrThread *)ctx, a, b);
}

static unsigned key_flags(KrThread *t, KrValue key)
{
    if (kr_is_exact_str(t, key))
        return KR_HT_KEY_STR | (kr_as_str(key)->interned ? KR_HT_KEY_IDENT : 0);
    return 0;
}

KrValue kr_dict_new(KrThread *t)
{
    KrDict *d = (KrDict *)kr_alloc(t, kr_builtin_type(t, DICT), sizeof(KrDict));
    if (!d)
        return KR_ERROR;
    kr_ht_init(&d->ht);
    return kr_ptr(d);
}

size_t kr_dict_len(KrValue d) { return kr_as_dict(d)->ht.used; }

/* Equality of two str keys: no Python code runs. */
static bool dict_str_same(void *ctx, uint64_t a, uint64_t b)
{
    (void)ctx;
    return kr_str_equal(a, b);
}

KrValue kr_dict_get(KrThread *t, KrValue dv, KrValue key)
{
    KrDict *d = kr_as_dict(dv);
    /* Tables of str keys only, searched for a str: no __eq__ can run. */
    if ((d->ht.flags & KR_HT_ALL_STR) && kr_is_exact_str(t, key)) {
        KrHtSame same = ((d->ht.flags & KR_HT_ALL_IDENT) && kr_as_str(key)->interned) ? NULL : dict_str_same;
        ptrdiff_t pos = kr_ht_lookup_fast(&d->ht, key, kr_str_hash(key), same, NULL);
        return pos < 0 ? KR_ABSENT : d->ht.entries[pos].value;
    }
    int64_t h = kr_hash(t, key);
    if (h == -1)
        return KR_ERROR;
    size_t pos;
    kr_incref(dv);
    kr_incref(key);
    int r = kr_ht_lookup(&d->ht, key, h, dict_key_eq, t, &pos);
    KrValue result = r < 0 ? KR_ERROR : r == 0 ? KR_ABSENT : d->ht.entries[pos].value;
    kr_decref(t, key);
    /* The dict outlives this call when the caller holds it; the value is
     * borrowed from it. */
    kr_as_ptr(dv)->refcnt--;
    return result;
}

KrValue kr_dict_get_cstr(KrThread *t, KrValue d, const char *key)
{
    KrValue k = kr_str_from_cstr(t, key);
    if (k == KR_ERROR)
        return k;
    KrValue r = kr_dict_get(t, d, k);
    kr_decref(t, k);
    return r;
}

int kr_dict_set(KrThread *t, KrValue dv, KrValue key, KrValue value)
{
    KrDict *d = kr_as_dict(dv);
    int64_t h = kr_hash(t, key);
    if (h == -1)
        return -1;
    uint64_t old = 0;
    kr_incref(dv);
    kr_incref(key);
    kr_incref(value);
    int r = kr_ht_insert(&d->ht, key, h, value, key_flags(t, key), dict_key_eq, t, &old);
    if (r == 0) {
        /* added: the table owns key and value now */
    } else if (r == 1) {
        kr_decref(t, key);
        kr_decref(t, old);
    } else {
        kr_decref(t, key);
        kr_decref(t, value);
        if (r == KR_HT_NOMEM)
            kr_no_memory(t);
    }
    kr_decref(t, dv);
    return r < 0 ? -1 : 0;
}

int kr_dict_set_cstr(KrThread *t, KrValue d, const char *key, KrValue value)
{
    KrValue k = kr_str_intern_cstr(t, key);
    if (k == KR_ERROR)
        return -1;
    int r = kr_dict_set(t, d, k, value);
    kr_decref(t, k);
    return r;
}

int kr_dict_del(KrThread *t, KrValue dv, KrValue key)
{
    KrDict *d = kr_as_dict(dv);
    int64_t h = kr_hash(t, key);
    if (h == -1)
        return -1;
    uint64_t old_key, old_value;
    kr_incref(dv);
    kr_incref(key);
    int r = kr_ht_delete(&d->ht, key, h, dict_key_eq, t, &old_key, &old_value);
    kr_decref(t, key);
    if (r == 1) {
        kr_decref(t, old_key);
        kr_decref(t, old_value);
    }
    kr_decref(t, dv);
    return r < 0 ? -1 : r;
}

bool kr_dict_next(KrValue d, size_t *pos, KrValue *key, KrValue *value)
{
    const KrHtEntry *e;
    if (!kr_ht_next(&kr_as_dict(d)->ht, pos, &e))
        return false;
    if (key)
        *key = e->key;
    if (value)
        *value = e->value;
    return true;
}

int kr_dict_merge(KrThread *t, KrValue d, KrValue other, bool override)
{
    /* Iterate over a snapshot count: other may be d itself. */
    size_t pos = 0;
    KrValue k, v;
    uint64_t layout = kr_as_dict(other)->ht.layout;
    size_t used = kr_as_dict(other)->ht.used;
    while (kr_dict_next(other, &pos, &k, &v)) {
        kr_incref(k);
        kr_incref(v);
        int r = 0;
        if (!override) {
            KrValue cur = kr_dict_get(t, d, k);
            if (cur == KR_ERROR)
                r = -1;
            else if (cur == KR_ABSENT)
                r = kr_dict_set(t, d, k, v);
        } else {
            r = kr_dict_set(t, d, k, v);
        }
        kr_decref(t, k);
        kr_decref(t, v);
        if (r < 0)
            return -1;
        if (kr_as_dict(other)->ht.layout != layout || kr_as_dict(other)->ht.used != used) {
            kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "dict mutated during update");
            return -1;
        }
    }
    return 0;
}

KrValue kr_dict_copy(KrThread *t, KrValue d)
{
    KrValue r = kr_dict_new(t);
    if (r == KR_ERROR)
        return r;
    /* A table copy: no hashing, no comparisons (so no Python code runs),
     * and a hole-free source keeps its size, as CPython's clone does. */
    KrHashTable *ht = &kr_as_dict(r)->ht;
    if (kr_ht_copy(ht, &kr_as_dict(d)->ht) < 0) {
        kr_decref(t, r);
        return kr_no_memory(t);
    }
    size_t pos = 0;
    const KrHtEntry *e;
    while (kr_ht_next(ht, &pos, &e)) {
        kr_incref(e->key);
        kr_incref(e->value);
    }
    return r;
}

KrValue kr_dict_keys_list(KrThread *t, KrValue d)
{
    KrValue l = kr_list_new(t, 0);
    if (l == KR_ERROR)
        return l;
    size_t pos = 0;
    KrValue k;
    while (kr_dict_next(d, &pos, &k, NULL)) {
        if (kr_list_append(t, l, k) < 0) {
            kr_decref(t, l);
            return KR_ERROR;
        }
    }
    return l;
}

static void dict_dealloc(KrThread *t, KrObject *o)
{
    KrDict *d = (KrDict *)o;
    kr_gc_untrack(t, o);
    size_t pos = 0;
    const KrHtEntry *e;
    while (kr_ht_next(&d->ht, &pos, &e)) {
        kr_decref(t, e->key);
        kr_decref(t, e->value);
    }
    kr_ht_free(&d->ht);
    kr_free_object(t, o);
}

static void dict_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrDict *d = (KrDict *)o;
    size_t pos = 0;
    const KrHtEntry *e;
    while (kr_ht_next(&d->ht, &pos, &e)) {
        if (kr_is_ptr(e->key))
            visit(kr_as_ptr(e->key), arg);
        if (kr_is_ptr(e->value))
            visit(kr_as_ptr(e->value), arg);
    }
}

static void dict_clear_slot(KrThread *t, KrObject *o)
{
    KrDict *d = (KrDict *)o;
    KrHashTable old = d->ht;
    kr_ht_init(&d->ht);
    size_t pos = 0;
    const KrHtEntry *e;
    while (kr_ht_next(&old, &pos, &e)) {
        kr_decref(t, e->key);
        kr_decref(t, e->value);
    }
    kr_ht_free(&old);
}

static int64_t dict_len(KrThread *t, KrValue self)
{
    (void)t;
    return (int64_t)kr_dict_len(self);
}

void kr_dict_methods_fill(KrType *tp);
extern const KrMethodDef kr_dict_methods[];

static void dict_fill(KrType *tp)
{
    tp->dealloc = dict_dealloc;
    tp->traverse = dict_traverse;
    tp->clear = dict_clear_slot;
    tp->len = dict_len;
    kr_dict_methods_fill(tp);
}

const KrTypeSpec kr_dict_spec = {
    .name = "dict",
    .basicsize = sizeof(KrDict),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE | KR_TPFLAG_DICT_SUBCLASS,
    .methods = kr_dict_methods,
    .fill = dict_fill,
    .doc = "dict() -> new empty dictionary\n"
           "dict(mapping) -> new dictionary initialized from a mapping object's\n"
           "    (key, value) pairs\n"
           "dict(iterable) -> new dictionary initialized as if via:\n"
           "    d = {}\n"
           "    for k, v in iterable:\n"
           "        d[k] = v\n"
           "dict(**kwargs) -> new dictionary initialized with the name=value pairs\n"
           "    in the keyword argument list.  For example:  dict(one=1, two=2)",
};
