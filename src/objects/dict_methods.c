/* dict: the Python-level behaviour on top of the core in dict.c — repr,
 * subscripting (with __missing__ for subclasses), comparison, | and |=,
 * the constructor and update() rules, the methods, the three views
 * (dict_keys, dict_values, dict_items, with the set operations of the keys
 * and items views) and their iterators.
 *
 * The set operations of the views build their results as CPython 3.11
 * does (which operand seeds the set, which one is walked), because the
 * order a set prints in depends on how it was built. */
#include <stdlib.h>

#include "objects/objects.h"

typedef struct KrDictView {
    KrObject ob;
    KrValue dict;
} KrDictView;

/* One type per kind; reversed() iterators are the same types with the
 * `reversed` flag (CPython has separate dict_reverse*iterator types). */
typedef enum { DICT_KEYS, DICT_VALUES, DICT_ITEMS } DictKind;

typedef struct KrDictIter {
    KrObject ob;
    KrValue dict;       /* KR_ABSENT once exhausted */
    int64_t pos;        /* next entry position (reversed: this one or before) */
    int64_t used;       /* dict's len at the start; -1 after a size change */
    int64_t len;        /* items left */
    bool reversed;
} KrDictIter;

static void dict_meth_fill(KrType *tp);

/* ---- helpers ---- */

/* The table's key is kept alive across the comparison: __eq__ may delete
 * it from the dict. */
static int dm_key_eq(void *ctx, uint64_t a, uint64_t b)
{
    KrThread *t = ctx;
    kr_incref(a);
    int r = kr_eq(t, a, b);
    kr_decref(t, a);
    return r;
}

static int dm_table_fail(KrThread *t, int r)
{
    if (r == KR_HT_NOMEM)
        kr_no_memory(t);
    return -1;
}

static void dm_key_error(KrThread *t, KrValue key)
{
    KrValue args = kr_tuple_pack(t, 1, key);
    if (args == KR_ERROR)
        return;
    kr_raise_args(t, kr_exc_type(t, KeyError), args);
    kr_decref(t, args);
}

static bool dm_is_exact_dict(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_as_ptr(v)->type == kr_builtin_type(t, DICT);
}

static int dm_noargs(KrThread *t, const char *qualname, size_t nargs)
{
    if (nargs == 0)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() takes no arguments (%zu given)", qualname, nargs);
}

static int dm_onearg(KrThread *t, const char *qualname, size_t nargs)
{
    if (nargs == 1)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() takes exactly one argument (%zu given)", qualname,
                            nargs);
}

/* The value at key with a known hash (borrowed), KR_ABSENT, or KR_ERROR. */
static KrValue dm_lookup_known(KrThread *t, KrValue d, KrValue key, int64_t hash)
{
    size_t pos;
    int r = kr_ht_lookup(&kr_as_dict(d)->ht, key, hash, dm_key_eq, t, &pos);
    if (r < 0)
        return dm_table_fail(t, r), KR_ERROR;
    return r ? kr_as_dict(d)->ht.entries[pos].value : KR_ABSENT;
}

/* 1, 0 or -1. */
static int dm_contains(KrThread *t, KrValue d, KrValue key)
{
    KrValue v = kr_dict_get(t, d, key);
    return v == KR_ERROR ? -1 : v != KR_ABSENT;
}

/* Empties d; the keys and values are dropped once d is already empty. */
static void dm_clear(KrThread *t, KrValue d)
{
    KrDict *dict = kr_as_dict(d);
    KrHashTable old = dict->ht;
    if (old.used == 0 && old.mask == 0)
        return;
    kr_ht_init(&dict->ht);
    dict->ht.version = old.version + 1;
    dict->ht.layout = old.layout + 1;
    size_t pos = 0;
    const KrHtEntry *e;
    while (kr_ht_next(&old, &pos, &e)) {
        kr_decref(t, e->key);
        kr_decref(t, e->value);
    }
    kr_ht_free(&old);
}

/* ---- update and the constructor ---- */

/* a.update(b) for a mapping b that is not a plain dict: b.keys(), then
 * b[key] for each. */
static int dm_merge_mapping(KrThread *t, KrValue a, KrValue b)
{
    KrValue out = kr_call_method(t, b, kr_name(t, keys), NULL, 0);
    if (out == KR_ERROR)
        return -1;
    KrValue keys;
    if (kr_is_ptr(out) && kr_as_ptr(out)->type == kr_builtin_type(t, LIST)) {
        keys = out;
    } else {
        KrValue it = kr_iter(t, out);
        if (it == KR_ERROR) {
            if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
                kr_err_clear(t);
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s.keys() returned a non-iterable (type %s)",
                             kr_typename_of(t, b), kr_typename_of(t, out));
            }
            kr_decref(t, out);
            return -1;
        }
        kr_decref(t, out);
        keys = kr_list_from_iterable(t, it);
        kr_decref(t, it);
        if (keys == KR_ERROR)
            return -1;
    }
    KrValue it = kr_iter(t, keys);
    kr_decref(t, keys);
    if (it == KR_ERROR)
        return -1;
    for (;;) {
        KrValue key = kr_next(t, it);
        if (key == KR_ABSENT)
            break;
        if (key == KR_ERROR)
            goto fail;
        KrValue value = kr_getitem(t, b, key);
        int r = value == KR_ERROR ? -1 : kr_dict_set(t, a, key, value);
        kr_decref(t, key);
        kr_xdecref(t, value);
        if (r < 0)
            goto fail;
    }
    kr_decref(t, it);
    return 0;
fail:
    kr_decref(t, it);
    return -1;
}

static KrValue dict_iter(KrThread *t, KrValue self);

/* CPython's PyDict_Merge(a, b, 1): the table walk for a dict whose
 * iteration is dict's own, keys() and [] otherwise. */
static int dm_merge(KrThread *t, KrValue a, KrValue b)
{
    if (kr_is_dict(t, b) && kr_type(t, b)->iter == dict_iter)
        return kr_dict_merge(t, a, b, true);
    return dm_merge_mapping(t, a, b);
}

/* d.update(seq) for an iterable of pairs. */
static int dm_merge_from_seq2(KrThread *t, KrValue d, KrValue seq)
{
    KrValue it = kr_iter(t, seq);
    if (it == KR_ERROR)
        return -1;
    for (size_t i = 0;; i++) {
        KrValue item = kr_next(t, it);
        if (item == KR_ABSENT)
            break;
        if (item == KR_ERROR)
            goto fail;
        KrValue fast;
        KrType *itp = kr_type(t, item);
        if (itp == kr_builtin_type(t, LIST) || itp == kr_builtin_type(t, TUPLE))
            fast = kr_incref(item);
        else
            fast = kr_list_from_iterable(t, item);
        kr_decref(t, item);
        if (fast == KR_ERROR) {
            if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
                kr_err_clear(t);
                kr_raise_fmt(t, kr_exc_type(t, TypeError),
                             "cannot convert dictionary update sequence element #%zu to a sequence", i);
            }
            goto fail;
        }
        const KrValue *items;
        size_t n;
        if (kr_type(t, fast) == kr_builtin_type(t, TUPLE)) {
            items = kr_tuple_items(fast);
            n = kr_tuple_len(fast);
        } else {
            items = kr_as_list(fast)->items;
            n = kr_as_list(fast)->len;
        }
        if (n != 2) {
            kr_raise_fmt(t, kr_exc_type(t, ValueError),
                         "dictionary update sequence element #%zu has length %zu; 2 is required", i, n);
            kr_decref(t, fast);
            goto fail;
        }
        KrValue key = kr_incref(items[0]), value = kr_incref(items[1]);
        kr_decref(t, fast);
        int r = kr_dict_set(t, d, key, value);
        kr_decref(t, key);
        kr_decref(t, value);
        if (r < 0)
            goto fail;
    }
    kr_decref(t, it);
    return 0;
fail:
    kr_decref(t, it);
    return -1;
}

/* d.update(other): a dict, anything with keys(), or an iterable of pairs. */
int kr_dict_update(KrThread *t, KrValue d, KrValue other)
{
    if (dm_is_exact_dict(t, other))
        return kr_dict_merge(t, d, other, true);
    KrValue keys;
    int r = kr_lookup_attr(t, other, kr_name(t, keys), &keys);
    if (r < 0)
        return -1;
    if (r > 0) {
        kr_decref(t, keys);
        return dm_merge(t, d, other);
    }
    return dm_merge_from_seq2(t, d, other);
}

/* update(self, [other], **kwargs) for update() and dict.__init__. */
static int dm_update_common(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames,
                            const char *fname)
{
    if (kr_check_nargs(t, fname, nargs, 0, 1) < 0)
        return -1;
    if (nargs && kr_dict_update(t, self, args[0]) < 0)
        return -1;
    if (kwnames) {
        size_t nk = kr_tuple_len(kwnames);
        for (size_t i = 0; i < nk; i++)
            if (kr_dict_set(t, self, kr_tuple_items(kwnames)[i], args[nargs + i]) < 0)
                return -1;
    }
    return 0;
}

static KrValue dict_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    KrDict *d = (KrDict *)kr_alloc(t, type, type->basicsize);
    if (!d)
        return KR_ERROR;
    kr_ht_init(&d->ht);
    /* A class's values (__dict__, __slots__) follow the dict: unset. */
    for (size_t off = sizeof(KrDict); off + sizeof(KrValue) <= type->basicsize; off += sizeof(KrValue))
        *(KrValue *)((char *)d + off) = KR_ABSENT;
    return kr_ptr(d);
}

static int dict_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return dm_update_common(t, self, args, nargs, kwnames, "dict");
}

/* ---- slots ---- */

static KrValue dict_repr(KrThread *t, KrValue self)
{
    if (kr_dict_len(self) == 0)
        return kr_str_from_cstr(t, "{}");
    int status = kr_repr_enter(t, self);
    if (status != 0)
        return status < 0 ? KR_ERROR : kr_str_from_cstr(t, "{...}");
    KrStrBuilder b;
    kr_sb_init(&b);
    if (kr_sb_append_ascii(t, &b, "{", 1) < 0)
        goto fail;
    size_t pos = 0;
    KrValue key, value;
    bool first = true;
    while (kr_dict_next(self, &pos, &key, &value)) {
        /* The reprs may change the dict: hold what is being shown. */
        kr_incref(key);
        kr_incref(value);
        int r = 0;
        if (!first)
            r = kr_sb_append_ascii(t, &b, ", ", 2);
        first = false;
        KrValue s = r < 0 ? KR_ERROR : kr_repr(t, key);
        if (s != KR_ERROR) {
            r = kr_sb_append_str(t, &b, s);
            kr_decref(t, s);
            if (r == 0)
                r = kr_sb_append_ascii(t, &b, ": ", 2);
            s = r < 0 ? KR_ERROR : kr_repr(t, value);
            if (s != KR_ERROR) {
                r = kr_sb_append_str(t, &b, s);
                kr_decref(t, s);
            }
        }
        kr_decref(t, key);
        kr_decref(t, value);
        if (s == KR_ERROR || r < 0)
            goto fail;
    }
    if (kr_sb_append_ascii(t, &b, "}", 1) < 0)
        goto fail;
    kr_repr_leave(t, self);
    return kr_sb_finish(t, &b);
fail:
    kr_sb_discard(&b);
    kr_repr_leave(t, self);
    return KR_ERROR;
}

static KrValue dict_subscript(KrThread *t, KrValue self, KrValue key)
{
    KrValue v = kr_dict_get(t, self, key);
    if (v == KR_ERROR)
        return v;
    if (v != KR_ABSENT)
        return kr_incref(v);
    if (!dm_is_exact_dict(t, self) &&
        kr_type_lookup(t, kr_type(t, self), kr_name(t, dunder_missing)) != KR_ABSENT) {
        KrValue r = kr_call_special(t, self, kr_name(t, dunder_missing), &key, 1);
        if (r != KR_ABSENT)
            return r;
    }
    dm_key_error(t, key);
    return KR_ERROR;
}

static int dict_ass_subscript(KrThread *t, KrValue self, KrValue key, KrValue value)
{
    if (value != KR_ABSENT)
        return kr_dict_set(t, self, key, value);
    int r = kr_dict_del(t, self, key);
    if (r == 0) {
        dm_key_error(t, key);
        return -1;
    }
    return r < 0 ? -1 : 0;
}

static int dict_contains_slot(KrThread *t, KrValue self, KrValue key) { return dm_contains(t, self, key); }

/* 1 if a and b have the same keys with equal values, 0, or -1. */
static int dm_equal(KrThread *t, KrValue a, KrValue b)
{
    if (kr_dict_len(a) != kr_dict_len(b))
        return 0;
    size_t pos = 0;
    const KrHtEntry *e;
    while (kr_ht_next(&kr_as_dict(a)->ht, &pos, &e)) {
        KrValue key = kr_incref(e->key), aval = kr_incref(e->value);
        KrValue bval = dm_lookup_known(t, b, key, e->hash);
        int cmp;
        if (bval == KR_ERROR || bval == KR_ABSENT) {
            cmp = bval == KR_ERROR ? -1 : 0;
        } else {
            kr_incref(bval);
            cmp = kr_eq(t, aval, bval);
            kr_decref(t, bval);
        }
        kr_decref(t, key);
        kr_decref(t, aval);
        if (cmp <= 0)
            return cmp;
    }
    return 1;
}

static KrValue dict_richcompare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if (!kr_is_dict(t, a) || !kr_is_dict(t, b) || (op != KR_EQ && op != KR_NE))
        return KR_NOTIMPLEMENTED;
    int r = dm_equal(t, a, b);
    if (r < 0)
        return KR_ERROR;
    return kr_bool(op == KR_EQ ? r : !r);
}

static KrValue dict_or(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_dict(t, a) || !kr_is_dict(t, b))
        return KR_NOTIMPLEMENTED;
    KrValue r = kr_dict_copy(t, a);
    if (r == KR_ERROR)
        return r;
    if (kr_dict_update(t, r, b) < 0) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    return r;
}

static KrValue dict_ior(KrThread *t, KrValue a, KrValue b)
{
    if (kr_dict_update(t, a, b) < 0)
        return KR_ERROR;
    return kr_incref(a);
}

static KrValue dict_iter_new(KrThread *t, KrValue d, DictKind kind, bool reversed)
{
    static const KrTypeId ids[] = {KR_T_DICT_KEYITERATOR, KR_T_DICT_VALUEITERATOR, KR_T_DICT_ITEMITERATOR};
    KrDictIter *it = (KrDictIter *)kr_alloc(t, t->vm->types[ids[kind]], sizeof(KrDictIter));
    if (!it)
        return KR_ERROR;
    KrHashTable *ht = &kr_as_dict(d)->ht;
    it->dict = kr_incref(d);
    it->used = (int64_t)ht->used;
    it->len = it->used;
    it->reversed = reversed;
    it->pos = reversed ? (int64_t)ht->nentries - 1 : 0;
    return kr_ptr(it);
}

static KrValue dict_iter(KrThread *t, KrValue self) { return dict_iter_new(t, self, DICT_KEYS, false); }

/* ---- methods ---- */

static KrValue dm_view_new(KrThread *t, KrValue d, DictKind kind);

static KrValue dict_m_keys(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (dm_noargs(t, "dict.keys", nargs) < 0)
        return KR_ERROR;
    return dm_view_new(t, self, DICT_KEYS);
}

static KrValue dict_m_values(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (dm_noargs(t, "dict.values", nargs) < 0)
        return KR_ERROR;
    return dm_view_new(t, self, DICT_VALUES);
}

static KrValue dict_m_items(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (dm_noargs(t, "dict.items", nargs) < 0)
        return KR_ERROR;
    return dm_view_new(t, self, DICT_ITEMS);
}

static KrValue dict_m_get(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "get", nargs, 1, 2) < 0)
        return KR_ERROR;
    KrValue v = kr_dict_get(t, self, args[0]);
    if (v == KR_ERROR)
        return v;
    if (v == KR_ABSENT)
        return nargs > 1 ? kr_incref(args[1]) : KR_NONE;
    return kr_incref(v);
}

static KrValue dict_m_setdefault(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "setdefault", nargs, 1, 2) < 0)
        return KR_ERROR;
    KrValue dflt = nargs > 1 ? args[1] : KR_NONE;
    KrValue v = kr_dict_get(t, self, args[0]);
    if (v == KR_ERROR)
        return v;
    if (v != KR_ABSENT)
        return kr_incref(v);
    if (kr_dict_set(t, self, args[0], dflt) < 0)
        return KR_ERROR;
    return kr_incref(dflt);
}

static KrValue dict_m_pop(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "pop", nargs, 1, 2) < 0)
        return KR_ERROR;
    KrValue key = args[0];
    KrDict *d = kr_as_dict(self);
    /* An empty dict answers without hashing the key, as CPython's does. */
    if (d->ht.used > 0) {
        int64_t h = kr_hash(t, key);
        if (h == -1)
            return KR_ERROR;
        uint64_t old_key, old_value;
        kr_incref(self);
        int r = kr_ht_delete(&d->ht, key, h, dm_key_eq, t, &old_key, &old_value);
        kr_decref(t, self);
        if (r < 0)
            return dm_table_fail(t, r), KR_ERROR;
        if (r == 1) {
            kr_decref(t, old_key);
            return old_value;
        }
    }
    if (nargs > 1)
        return kr_incref(args[1]);
    dm_key_error(t, key);
    return KR_ERROR;
}

static KrValue dict_m_popitem(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (dm_noargs(t, "dict.popitem", nargs) < 0)
        return KR_ERROR;
    uint64_t key, value;
    int64_t hash;
    if (!kr_ht_pop_last(&kr_as_dict(self)->ht, &key, &value, &hash))
        return kr_raise_fmt(t, kr_exc_type(t, KeyError), "popitem(): dictionary is empty");
    KrValue r = kr_tuple_pack(t, 2, key, value);
    kr_decref(t, key);
    kr_decref(t, value);
    return r;
}

static KrValue dict_m_update(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return dm_update_common(t, self, args, nargs, kwnames, "update") < 0 ? KR_ERROR : KR_NONE;
}

static KrValue dict_m_clear(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (dm_noargs(t, "dict.clear", nargs) < 0)
        return KR_ERROR;
    dm_clear(t, self);
    return KR_NONE;
}

static KrValue dict_m_copy(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (dm_noargs(t, "dict.copy", nargs) < 0)
        return KR_ERROR;
    return kr_dict_copy(t, self);
}

/* dict.fromkeys(iterable, value=None): cls() filled with d[key] = value. */
static KrValue dict_m_fromkeys(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "fromkeys", nargs, 1, 2) < 0)
        return KR_ERROR;
    KrValue iterable = args[0], value = nargs > 1 ? args[1] : KR_NONE;
    KrValue d = kr_call0(t, cls);
    if (d == KR_ERROR)
        return d;
    bool exact = dm_is_exact_dict(t, d);
    if (exact && kr_dict_len(d) == 0 && dm_is_exact_dict(t, iterable)) {
        if (kr_dict_merge(t, d, iterable, true) < 0)
            goto fail;
        /* Same keys, then every value replaced. */
        size_t pos = 0;
        const KrHtEntry *e;
        KrHashTable *ht = &kr_as_dict(d)->ht;
        while (kr_ht_next(ht, &pos, &e))
            kr_decref(t, kr_ht_set_value_at(ht, pos - 1, kr_incref(value)));
        return d;
    }
    KrValue it = kr_iter(t, iterable);
    if (it == KR_ERROR)
        goto fail;
    for (;;) {
        KrValue key = kr_next(t, it);
        if (key == KR_ABSENT)
            break;
        int r = key == KR_ERROR ? -1 : exact ? kr_dict_set(t, d, key, value) : kr_setitem(t, d, key, value);
        kr_decref(t, key);
        if (r < 0) {
            kr_decref(t, it);
            goto fail;
        }
    }
    kr_decref(t, it);
    return d;
fail:
    kr_decref(t, d);
    return KR_ERROR;
}

/* dict.__getitem__ and dict.__contains__ are methods in CPython (so their
 * argument errors name them), not slot wrappers. */
static KrValue dict_m_getitem(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (dm_onearg(t, "dict.__getitem__", nargs) < 0)
        return KR_ERROR;
    return kr_builtin_type(t, DICT)->getitem(t, self, args[0]);
}

static KrValue dict_m_contains(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (dm_onearg(t, "dict.__contains__", nargs) < 0)
        return KR_ERROR;
    int r = kr_builtin_type(t, DICT)->contains(t, self, args[0]);
    return r < 0 ? KR_ERROR : kr_bool(r);
}

static KrValue dict_m_reversed(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (dm_noargs(t, "dict.__reversed__", nargs) < 0)
        return KR_ERROR;
    return dict_iter_new(t, self, DICT_KEYS, true);
}

/* CPython 3.11's sizes: a 48-byte dict, plus its keys object when it has
 * one: a 32-byte header, the index (1/2/4/8 bytes a slot) and 2/3 of the
 * slots' worth of entries (16 bytes when every key is a str, else 24). */
static KrValue dict_m_sizeof(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (dm_noargs(t, "dict.__sizeof__", nargs) < 0)
        return KR_ERROR;
    const KrHashTable *ht = &kr_as_dict(self)->ht;
    int64_t size = 48;
    if (ht->mask) {
        int64_t slots = (int64_t)ht->mask + 1;
        size += 32 + (slots << ht->ixshift) + (slots * 2 / 3) * ((ht->flags & KR_HT_ALL_STR) ? 16 : 24);
    }
    return kr_int_from_i64(t, size);
}

/* cls[item]: a types.GenericAlias (PEP 585). */
static KrValue dict_m_class_getitem(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (dm_onearg(t, "dict.__class_getitem__", nargs) < 0)
        return KR_ERROR;
    return kr_class_getitem_alias(t, cls, args, nargs);
}

const KrMethodDef kr_dict_methods[] = {
    {"__contains__", dict_m_contains, 0, "True if the dictionary has the specified key, else False."},
    {"__getitem__", dict_m_getitem, 0, "x.__getitem__(y) <==> x[y]"},
    {"__reversed__", dict_m_reversed, 0, "Return a reverse iterator over the dict keys."},
    {"__sizeof__", dict_m_sizeof, 0, "D.__sizeof__() -> size of D in memory, in bytes"},
    {"clear", dict_m_clear, 0, "D.clear() -> None.  Remove all items from D."},
    {"copy", dict_m_copy, 0, "D.copy() -> a shallow copy of D"},
    {"fromkeys", dict_m_fromkeys, KR_METH_CLASS,
     "Create a new dictionary with keys from iterable and values set to value."},
    {"get", dict_m_get, 0, "Return the value for key if key is in the dictionary, else default."},
    {"items", dict_m_items, 0, "D.items() -> a set-like object providing a view on D's items"},
    {"keys", dict_m_keys, 0, "D.keys() -> a set-like object providing a view on D's keys"},
    {"pop", dict_m_pop, 0,
     "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\n"
     "If the key is not found, return the default if given; otherwise,\nraise a KeyError."},
    {"popitem", dict_m_popitem, 0,
     "Remove and return a (key, value) pair as a 2-tuple.\n\n"
     "Pairs are returned in LIFO (last-in, first-out) order.\nRaises KeyError if the dict is empty."},
    {"setdefault", dict_m_setdefault, 0,
     "Insert key with a value of default if key is not in the dictionary.\n\n"
     "Return the value for key if key is in the dictionary, else default."},
    {"update", dict_m_update, KR_METH_KEYWORDS,
     "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F.\n"
     "If E is present and has a .keys() method, then does:  for k in E: D[k] = E[k]\n"
     "If E is present and lacks a .keys() method, then does:  for k, v in E: D[k] = v\n"
     "In either case, this is followed by: for k in F:  D[k] = F[k]"},
    {"values", dict_m_values, 0, "D.values() -> an object providing a view on D's values"},
    {"__class_getitem__", dict_m_class_getitem, KR_METH_CLASS, "See PEP 585"},
    {0},
};

void kr_dict_methods_fill(KrType *tp) { dict_meth_fill(tp); }

static void dict_meth_fill(KrType *tp)
{
    tp->new_ = dict_new;
    tp->init = dict_init;
    tp->repr = dict_repr;
    tp->hash = kr_hash_not_implemented;
    tp->compare = dict_richcompare;
    tp->iter = dict_iter;
    tp->getitem = dict_subscript;
    tp->setitem = dict_ass_subscript;
    tp->contains = dict_contains_slot;
    tp->binary[KR_OP_OR] = dict_or;
    tp->inplace[KR_OP_OR] = dict_ior;
}

/* ------------------------------------------------------------------ */
/* Iterators                                                           */
/* ------------------------------------------------------------------ */

/* Advances the iteration state to the next live entry: the entry, NULL
 * when exhausted (it->dict is then dropped), or NULL with an exception. */
static const KrHtEntry *dictiter_step(KrThread *t, KrDictIter *it, bool *error)
{
    *error = false;
    if (it->dict == KR_ABSENT)
        return NULL;
    KrHashTable *ht = &kr_as_dict(it->dict)->ht;
    if (it->used != (int64_t)ht->used) {
        it->used = -1; /* stays an error however the size changes back */
        kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "dictionary changed size during iteration");
        *error = true;
        return NULL;
    }
    const KrHtEntry *e = NULL;
    if (it->reversed) {
        int64_t i = it->pos;
        if (i >= (int64_t)ht->nentries)
            i = (int64_t)ht->nentries - 1;
        while (i >= 0 && ht->entries[i].key == KR_HT_NOKEY)
            i--;
        if (i >= 0) {
            e = &ht->entries[i];
            it->pos = i - 1;
        }
    } else {
        size_t pos = (size_t)it->pos;
        if (kr_ht_next(ht, &pos, &e)) {
            /* Same size, yet more entries than there were keys: some key
             * was deleted and another added. */
            if (it->len == 0) {
                kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "dictionary keys changed during iteration");
                *error = true;
                e = NULL;
            }
            it->pos = (int64_t)pos;
        } else {
            e = NULL;
        }
    }
    if (!e) {
        kr_clear(t, &it->dict);
        return NULL;
    }
    it->len--;
    return e;
}

static KrValue dictiter_value_of(KrThread *t, DictKind kind, const KrHtEntry *e)
{
    switch (kind) {
    case DICT_KEYS: return kr_incref(e->key);
    case DICT_VALUES: return kr_incref(e->value);
    default: return kr_tuple_pack(t, 2, e->key, e->value);
    }
}

static DictKind dictiter_kind(KrThread *t, KrValue self)
{
    KrType *tp = kr_type(t, self);
    if (tp == kr_builtin_type(t, DICT_VALUEITERATOR))
        return DICT_VALUES;
    if (tp == kr_builtin_type(t, DICT_ITEMITERATOR))
        return DICT_ITEMS;
    return DICT_KEYS;
}

static KrValue dictiter_next(KrThread *t, KrValue self)
{
    bool error;
    const KrHtEntry *e = dictiter_step(t, (KrDictIter *)kr_as_ptr(self), &error);
    if (!e)
        return error ? KR_ERROR : KR_ABSENT;
    return dictiter_value_of(t, dictiter_kind(t, self), e);
}

static KrValue dictiter_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static void dictiter_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_xdecref(t, ((KrDictIter *)o)->dict);
    kr_free_object(t, o);
}

static void dictiter_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrValue d = ((KrDictIter *)o)->dict;
    if (kr_is_ptr(d))
        visit(kr_as_ptr(d), arg);
}

static KrValue dictiter_m_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%T.__length_hint__() takes no arguments (%zu given)", self,
                            nargs);
    KrDictIter *it = (KrDictIter *)kr_as_ptr(self);
    int64_t len = 0;
    if (it->dict != KR_ABSENT && it->used == (int64_t)kr_dict_len(it->dict))
        len = it->len;
    return kr_int_from_i64(t, len);
}

/* (iter, (list of what is still to come,)), computed on a copy of the
 * iteration state. */
static KrValue dictiter_m_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%T.__reduce__() takes no arguments (%zu given)", self, nargs);
    KrDictIter copy = *(KrDictIter *)kr_as_ptr(self);
    kr_incref(copy.dict);
    DictKind kind = dictiter_kind(t, self);
    KrValue list = kr_list_new(t, 0);
    if (list == KR_ERROR) {
        kr_xdecref(t, copy.dict);
        return list;
    }
    for (;;) {
        bool error;
        const KrHtEntry *e = dictiter_step(t, &copy, &error);
        if (!e) {
            if (error) {
                kr_xdecref(t, copy.dict);
                kr_decref(t, list);
                return KR_ERROR;
            }
            break;
        }
        KrValue v = dictiter_value_of(t, kind, e);
        int r = v == KR_ERROR ? -1 : kr_list_append(t, list, v);
        kr_xdecref(t, v);
        if (r < 0) {
            kr_xdecref(t, copy.dict);
            kr_decref(t, list);
            return KR_ERROR;
        }
    }
    KrValue iter = kr_dict_get_cstr(t, t->vm->builtins_dict, "iter");
    if (iter == KR_ERROR || iter == KR_ABSENT) {
        kr_decref(t, list);
        return iter == KR_ERROR ? iter : kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "lost builtins.iter");
    }
    KrValue cargs = kr_tuple_pack(t, 1, list);
    kr_decref(t, list);
    if (cargs == KR_ERROR)
        return cargs;
    KrValue r = kr_tuple_pack(t, 2, iter, cargs);
    kr_decref(t, cargs);
    return r;
}

static const KrMethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_m_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", dictiter_m_reduce, 0, "Return state information for pickling."},
    {0},
};

static void dictiter_fill(KrType *tp)
{
    tp->dealloc = dictiter_dealloc;
    tp->traverse = dictiter_traverse;
    tp->iter = dictiter_self;
    tp->iternext = dictiter_next;
}

const KrTypeSpec kr_dict_keyiterator_spec = {
    .name = "dict_keyiterator",
    .basicsize = sizeof(KrDictIter),
    .flags = KR_TPFLAG_GC,
    .methods = dictiter_methods,
    .fill = dictiter_fill,
};
const KrTypeSpec kr_dict_valueiterator_spec = {
    .name = "dict_valueiterator",
    .basicsize = sizeof(KrDictIter),
    .flags = KR_TPFLAG_GC,
    .methods = dictiter_methods,
    .fill = dictiter_fill,
};
const KrTypeSpec kr_dict_itemiterator_spec = {
    .name = "dict_itemiterator",
    .basicsize = sizeof(KrDictIter),
    .flags = KR_TPFLAG_GC,
    .methods = dictiter_methods,
    .fill = dictiter_fill,
};

/* ------------------------------------------------------------------ */
/* Views                                                               */
/* ------------------------------------------------------------------ */

static KrValue dm_view_new(KrThread *t, KrValue d, DictKind kind)
{
    static const KrTypeId ids[] = {KR_T_DICT_KEYS, KR_T_DICT_VALUES, KR_T_DICT_ITEMS};
    KrDictView *v = (KrDictView *)kr_alloc(t, t->vm->types[ids[kind]], sizeof(KrDictView));
    if (!v)
        return KR_ERROR;
    v->dict = kr_incref(d);
    return kr_ptr(v);
}

static KrValue view_dict(KrValue v) { return ((KrDictView *)kr_as_ptr(v))->dict; }

static DictKind view_kind(KrThread *t, KrValue v)
{
    KrType *tp = kr_type(t, v);
    if (tp == kr_builtin_type(t, DICT_VALUES))
        return DICT_VALUES;
    if (tp == kr_builtin_type(t, DICT_ITEMS))
        return DICT_ITEMS;
    return DICT_KEYS;
}

/* A keys or items view: the set-like ones. */
static bool view_set_check(KrThread *t, KrValue v)
{
    if (!kr_is_ptr(v))
        return false;
    KrType *tp = kr_as_ptr(v)->type;
    return tp == kr_builtin_type(t, DICT_KEYS) || tp == kr_builtin_type(t, DICT_ITEMS);
}

static void view_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_decref(t, ((KrDictView *)o)->dict);
    kr_free_object(t, o);
}

static void view_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrValue d = ((KrDictView *)o)->dict;
    if (kr_is_ptr(d))
        visit(kr_as_ptr(d), arg);
}

static int64_t view_len(KrThread *t, KrValue self)
{
    (void)t;
    return (int64_t)kr_dict_len(view_dict(self));
}

static KrValue view_iter(KrThread *t, KrValue self)
{
    return dict_iter_new(t, view_dict(self), view_kind(t, self), false);
}

static int keys_contains(KrThread *t, KrValue self, KrValue key) { return dm_contains(t, view_dict(self), key); }

static int items_contains(KrThread *t, KrValue self, KrValue obj)
{
    if (!kr_is_tuple(t, obj) || kr_tuple_len(obj) != 2)
        return 0;
    KrValue key = kr_tuple_items(obj)[0], value = kr_tuple_items(obj)[1];
    KrValue found = kr_dict_get(t, view_dict(self), key);
    if (found == KR_ERROR)
        return -1;
    if (found == KR_ABSENT)
        return 0;
    kr_incref(found);
    int r = kr_eq(t, found, value);
    kr_decref(t, found);
    return r;
}

static KrValue view_repr(KrThread *t, KrValue self)
{
    int status = kr_repr_enter(t, self);
    if (status != 0)
        return status < 0 ? KR_ERROR : kr_str_from_cstr(t, "...");
    KrValue result = KR_ERROR;
    KrValue seq = kr_list_from_iterable(t, self);
    if (seq != KR_ERROR) {
        result = kr_format(t, "%s(%R)", kr_typename_of(t, self), seq);
        kr_decref(t, seq);
    }
    kr_repr_leave(t, self);
    return result;
}

/* Every item of a is in b: 1, 0 or -1. */
static int view_all_contained_in(KrThread *t, KrValue a, KrValue b)
{
    KrValue it = kr_iter(t, a);
    if (it == KR_ERROR)
        return -1;
    int ok = 1;
    for (;;) {
        KrValue item = kr_next(t, it);
        if (item == KR_ABSENT)
            break;
        ok = item == KR_ERROR ? -1 : kr_contains(t, b, item);
        kr_xdecref(t, item);
        if (ok <= 0)
            break;
    }
    kr_decref(t, it);
    return ok;
}

static KrValue view_richcompare(KrThread *t, KrValue self, KrValue other, KrCompareOp op)
{
    if (!view_set_check(t, self) || (!kr_is_anyset(t, other) && !view_set_check(t, other)))
        return KR_NOTIMPLEMENTED;
    int64_t ls = kr_len(t, self);
    if (ls < 0)
        return KR_ERROR;
    int64_t lo = kr_len(t, other);
    if (lo < 0)
        return KR_ERROR;
    int ok = 0;
    switch (op) {
    case KR_EQ:
    case KR_NE:
        if (ls == lo)
            ok = view_all_contained_in(t, self, other);
        if (op == KR_NE && ok >= 0)
            ok = !ok;
        break;
    case KR_LT:
        if (ls < lo)
            ok = view_all_contained_in(t, self, other);
        break;
    case KR_LE:
        if (ls <= lo)
            ok = view_all_contained_in(t, self, other);
        break;
    case KR_GT:
        if (ls > lo)
            ok = view_all_contained_in(t, other, self);
        break;
    case KR_GE:
        if (ls >= lo)
            ok = view_all_contained_in(t, other, self);
        break;
    }
    return ok < 0 ? KR_ERROR : kr_bool(ok);
}

/* set(v), from the dict itself for the keys view of a plain dict (the set
 * is then presized from the dict's size, which decides its order). */
static KrValue view_to_set(KrThread *t, KrValue v)
{
    KrValue src = v;
    if (kr_is_ptr(v) && kr_as_ptr(v)->type == kr_builtin_type(t, DICT_KEYS) && dm_is_exact_dict(t, view_dict(v)))
        src = view_dict(v);
    return kr_set_new(t, src);
}

static KrValue view_sub(KrThread *t, KrValue a, KrValue b)
{
    KrValue r = view_to_set(t, a);
    if (r != KR_ERROR && kr_set_difference_update(t, r, b) < 0) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    return r;
}

static KrValue view_or(KrThread *t, KrValue a, KrValue b)
{
    KrValue r = view_to_set(t, a);
    if (r != KR_ERROR && kr_set_update(t, r, b) < 0) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    return r;
}

/* items ^ items: walk b's dict against a copy of a's, so equal pairs cancel
 * and the rest of a's pairs come after b's. */
static KrValue items_xor(KrThread *t, KrValue a, KrValue b)
{
    KrValue d2 = view_dict(b);
    KrValue temp = kr_dict_copy(t, view_dict(a));
    if (temp == KR_ERROR)
        return temp;
    KrValue result = kr_set_new(t, KR_ABSENT);
    if (result == KR_ERROR) {
        kr_decref(t, temp);
        return result;
    }
    kr_incref(d2);
    size_t pos = 0;
    const KrHtEntry *e;
    while (kr_ht_next(&kr_as_dict(d2)->ht, &pos, &e)) {
        KrValue key = kr_incref(e->key), val2 = kr_incref(e->value);
        int64_t hash = e->hash;
        KrValue val1 = dm_lookup_known(t, temp, key, hash);
        int to_delete = 0, r = 0;
        if (val1 == KR_ERROR) {
            r = -1;
        } else if (val1 != KR_ABSENT) {
            kr_incref(val1);
            to_delete = kr_eq(t, val1, val2);
            kr_decref(t, val1);
            if (to_delete < 0)
                r = -1;
        }
        if (r == 0 && to_delete) {
            if (kr_dict_del(t, temp, key) < 0)
                r = -1;
        } else if (r == 0) {
            KrValue pair = kr_tuple_pack(t, 2, key, val2);
            r = pair == KR_ERROR ? -1 : kr_set_add_value(t, result, pair);
            kr_xdecref(t, pair);
        }
        kr_decref(t, key);
        kr_decref(t, val2);
        if (r < 0)
            goto fail;
    }
    KrValue rest = dm_view_new(t, temp, DICT_ITEMS);
    if (rest == KR_ERROR)
        goto fail;
    int r = kr_set_update(t, result, rest);
    kr_decref(t, rest);
    if (r < 0)
        goto fail;
    kr_decref(t, d2);
    kr_decref(t, temp);
    return result;
fail:
    kr_decref(t, d2);
    kr_decref(t, temp);
    kr_decref(t, result);
    return KR_ERROR;
}

static KrValue view_xor(KrThread *t, KrValue a, KrValue b)
{
    KrType *items = kr_builtin_type(t, DICT_ITEMS);
    if (kr_is_ptr(a) && kr_is_ptr(b) && kr_as_ptr(a)->type == items && kr_as_ptr(b)->type == items)
        return items_xor(t, a, b);
    KrValue r = view_to_set(t, a);
    if (r != KR_ERROR && kr_set_symmetric_difference_update(t, r, b) < 0) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    return r;
}

static KrValue view_and(KrThread *t, KrValue self, KrValue other)
{
    if (!view_set_check(t, self)) {
        KrValue tmp = self;
        self = other;
        other = tmp;
    }
    int64_t len_self = (int64_t)kr_dict_len(view_dict(self));
    /* A bigger plain set does the work itself: set.intersection(view). */
    if (kr_is_ptr(other) && kr_as_ptr(other)->type == kr_builtin_type(t, SET)) {
        int64_t len_other = kr_len(t, other);
        if (len_other < 0)
            return KR_ERROR;
        if (len_self <= len_other)
            return kr_set_intersection(t, other, self);
    }
    if (view_set_check(t, other) && (int64_t)kr_dict_len(view_dict(other)) > len_self) {
        KrValue tmp = self;
        self = other;
        other = tmp;
    }
    KrValue result = kr_set_new(t, KR_ABSENT);
    if (result == KR_ERROR)
        return result;
    KrValue it = kr_iter(t, other);
    if (it == KR_ERROR) {
        kr_decref(t, result);
        return KR_ERROR;
    }
    bool keys = view_kind(t, self) == DICT_KEYS;
    for (;;) {
        KrValue key = kr_next(t, it);
        if (key == KR_ABSENT)
            break;
        int rv = key == KR_ERROR ? -1 : keys ? keys_contains(t, self, key) : items_contains(t, self, key);
        if (rv > 0)
            rv = kr_set_add_value(t, result, key);
        kr_xdecref(t, key);
        if (rv < 0) {
            kr_decref(t, it);
            kr_decref(t, result);
            return KR_ERROR;
        }
    }
    kr_decref(t, it);
    return result;
}

static KrValue view_m_isdisjoint(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (dm_onearg(t, view_kind(t, self) == DICT_KEYS ? "dict_keys.isdisjoint" : "dict_items.isdisjoint", nargs) < 0)
        return KR_ERROR;
    KrValue other = args[0];
    if (self == other)
        return kr_bool(kr_dict_len(view_dict(self)) == 0);
    /* Walk the shorter one when other's membership test is cheap. */
    if (kr_is_anyset(t, other) || view_set_check(t, other)) {
        int64_t len_self = (int64_t)kr_dict_len(view_dict(self));
        int64_t len_other = kr_len(t, other);
        if (len_other < 0)
            return KR_ERROR;
        if (len_other > len_self) {
            KrValue tmp = self;
            self = other;
            other = tmp;
        }
    }
    KrValue it = kr_iter(t, other);
    if (it == KR_ERROR)
        return it;
    KrValue result = KR_TRUE;
    for (;;) {
        KrValue item = kr_next(t, it);
        if (item == KR_ABSENT)
            break;
        int rv = item == KR_ERROR ? -1 : kr_contains(t, self, item);
        kr_xdecref(t, item);
        if (rv != 0) {
            result = rv < 0 ? KR_ERROR : KR_FALSE;
            break;
        }
    }
    kr_decref(t, it);
    return result;
}

static KrValue view_m_reversed(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    static const char *const names[] = {"dict_keys.__reversed__", "dict_values.__reversed__",
                                        "dict_items.__reversed__"};
    DictKind kind = view_kind(t, self);
    if (dm_noargs(t, names[kind], nargs) < 0)
        return KR_ERROR;
    return dict_iter_new(t, view_dict(self), kind, true);
}

static KrValue view_get_mapping(KrThread *t, KrValue self)
{
    return kr_mappingproxy_new(t, view_dict(self));
}

static const KrGetSetDef view_getsets[] = {
    {"mapping", view_get_mapping, NULL, "dictionary that this view refers to"},
    {0},
};

static const KrMethodDef setview_methods[] = {
    {"isdisjoint", view_m_isdisjoint, 0, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", view_m_reversed, 0, "Return a reverse iterator over the dict keys."},
    {0},
};

static const KrMethodDef values_methods[] = {
    {"__reversed__", view_m_reversed, 0, "Return a reverse iterator over the dict values."},
    {0},
};

static void view_fill_common(KrType *tp)
{
    tp->dealloc = view_dealloc;
    tp->traverse = view_traverse;
    tp->len = view_len;
    tp->iter = view_iter;
    tp->repr = view_repr;
}

static void setview_fill(KrType *tp)
{
    view_fill_common(tp);
    tp->hash = kr_hash_not_implemented;
    tp->compare = view_richcompare;
    tp->binary[KR_OP_SUB] = view_sub;
    tp->binary[KR_OP_AND] = view_and;
    tp->binary[KR_OP_OR] = view_or;
    tp->binary[KR_OP_XOR] = view_xor;
}

static void keys_fill(KrType *tp)
{
    setview_fill(tp);
    tp->contains = keys_contains;
}

static void items_fill(KrType *tp)
{
    setview_fill(tp);
    tp->contains = items_contains;
}

const KrTypeSpec kr_dict_keys_spec = {
    .name = "dict_keys",
    .basicsize = sizeof(KrDictView),
    .flags = KR_TPFLAG_GC,
    .getsets = view_getsets,
    .methods = setview_methods,
    .fill = keys_fill,
};
const KrTypeSpec kr_dict_values_spec = {
    .name = "dict_values",
    .basicsize = sizeof(KrDictView),
    .flags = KR_TPFLAG_GC,
    .getsets = view_getsets,
    .methods = values_methods,
    .fill = view_fill_common,
};
const KrTypeSpec kr_dict_items_spec = {
    .name = "dict_items",
    .basicsize = sizeof(KrDictView),
    .flags = KR_TPFLAG_GC,
    .getsets = view_getsets,
    .methods = setview_methods,
    .fill = items_fill,
};
