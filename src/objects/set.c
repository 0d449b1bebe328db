/* set and frozenset, on the CPython-ordered table of core/settable.c.
 *
 * Iteration order is observable (printing a set shows it), and it depends on
 * the table size and on the order keys were added.  So every algorithm here
 * makes CPython 3.11's choices: which operand it walks, when it copies
 * first, when it presizes (from a dict or a set) and when it shrinks a table
 * full of deleted slots.  Where an algorithm below looks roundabout, that is
 * why. */
#include <stdlib.h>

#include "objects/objects.h"

typedef struct KrSetIter {
    KrObject ob;
    KrValue set;        /* KR_ABSENT once exhausted */
    size_t pos;
    int64_t used;       /* set's len when iteration began; -1 after a change */
    int64_t len;        /* keys left, for __length_hint__ */
} KrSetIter;

/* ---- the table glue ---- */

/* The table's key is kept alive across the comparison: __eq__ may remove
 * it from the set. */
static int set_key_eq(void *ctx, uint64_t a, uint64_t b)
{
    KrThread *t = ctx;
    kr_incref(a);
    int r = kr_eq(t, a, b);
    kr_decref(t, a);
    return r;
}

static void set_key_ref(void *ctx, uint64_t key, int delta)
{
    if (delta > 0)
        kr_incref(key);
    else
        kr_decref((KrThread *)ctx, key);
}

/* Turns a table status (< 0) into a raised exception and -1. */
static int set_table_fail(KrThread *t, int r)
{
    if (r == KR_HT_NOMEM)
        kr_no_memory(t);
    return -1;
}

static bool set_type_is_set(KrThread *t, KrType *tp)
{
    KrType *s = kr_builtin_type(t, SET);
    return tp == s || kr_is_subtype(tp, s);
}

static bool set_type_is_frozenset(KrThread *t, KrType *tp)
{
    KrType *f = kr_builtin_type(t, FROZENSET);
    return tp == f || kr_is_subtype(tp, f);
}

bool kr_is_anyset(KrThread *t, KrValue v)
{
    if (!kr_is_ptr(v))
        return false;
    KrType *tp = kr_as_ptr(v)->type;
    return set_type_is_set(t, tp) || set_type_is_frozenset(t, tp);
}

/* PySet_Check: set or a subclass, not frozenset. */
static bool set_check(KrThread *t, KrValue v) { return kr_is_ptr(v) && set_type_is_set(t, kr_as_ptr(v)->type); }

static bool anyset_check_exact(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && (kr_as_ptr(v)->type == kr_builtin_type(t, SET) ||
                            kr_as_ptr(v)->type == kr_builtin_type(t, FROZENSET));
}

static bool dict_check_exact(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_as_ptr(v)->type == kr_builtin_type(t, DICT);
}

static size_t set_len_of(KrValue v) { return kr_as_set(v)->st.used; }

static void set_raise_key_error(KrThread *t, KrValue key)
{
    KrValue args = kr_tuple_pack(t, 1, key);
    if (args == KR_ERROR)
        return;
    kr_raise_args(t, kr_exc_type(t, KeyError), args);
    kr_decref(t, args);
}

/* 0 added or already there, -1 error.  The set takes its own reference. */
static int set_add_entry(KrThread *t, KrValue so, KrValue key, int64_t hash)
{
    kr_incref(key);
    int r = kr_set_add(&kr_as_set(so)->st, key, hash, set_key_eq, t);
    if (r != 0)
        kr_decref(t, key);
    return r < 0 ? set_table_fail(t, r) : 0;
}

static int set_add_key(KrThread *t, KrValue so, KrValue key)
{
    int64_t h = kr_hash(t, key);
    if (h == -1)
        return -1;
    return set_add_entry(t, so, key, h);
}

/* 1, 0 or -1. */
static int set_contains_entry(KrThread *t, KrValue so, KrValue key, int64_t hash)
{
    int r = kr_set_lookup(&kr_as_set(so)->st, key, hash, set_key_eq, t, NULL);
    return r < 0 ? set_table_fail(t, r) : r;
}

static int set_contains_key(KrThread *t, KrValue so, KrValue key)
{
    int64_t h = kr_hash(t, key);
    if (h == -1)
        return -1;
    return set_contains_entry(t, so, key, h);
}

/* 1 removed, 0 absent, -1 error. */
static int set_discard_entry(KrThread *t, KrValue so, KrValue key, int64_t hash)
{
    uint64_t old;
    int r = kr_set_discard(&kr_as_set(so)->st, key, hash, set_key_eq, t, &old);
    if (r == 1)
        kr_decref(t, old);
    return r < 0 ? set_table_fail(t, r) : r;
}

static int set_discard_key(KrThread *t, KrValue so, KrValue key)
{
    int64_t h = kr_hash(t, key);
    if (h == -1)
        return -1;
    return set_discard_entry(t, so, key, h);
}

/* Empties the set; the keys are dropped after the set is already empty,
 * since a key's __del__ may look at it. */
static void set_clear_internal(KrThread *t, KrSet *so)
{
    KrSetTable old = so->st;
    kr_set_init(&so->st);
    so->st.finger = old.finger;
    so->st.layout = old.layout + 1;
    so->hash = -1;
    size_t pos = 0;
    const KrSetEntry *e;
    while (kr_set_next(&old, &pos, &e))
        kr_decref(t, e->key);
    kr_set_free(&old);
}

/* CPython's set_table_resize(so, minused) for the one place that needs it
 * outside an insertion: squeezing out deleted slots after a difference
 * update.  A merge into a fresh table presized for the same target is the
 * same rebuild: the keys are reinserted in old slot order with no
 * comparisons. */
static int set_rebuild(KrThread *t, KrSet *so)
{
    size_t used = so->st.used;
    size_t minused = used > 50000 ? used * 2 : used * 4;
    KrSetTable fresh;
    kr_set_init(&fresh);
    /* kr_set_presize(n) rebuilds for (used + n) * 2 once (fill + n) * 5 >=
     * mask * 3; pick n so that it triggers on the empty 8-slot table and
     * lands on the power of two above minused. */
    if (minused >= 8) {
        size_t n = minused / 2;
        if (n * 5 < 21)
            n = 5;
        if (kr_set_presize(&fresh, n))
            return set_table_fail(t, KR_HT_NOMEM);
    }
    int r = kr_set_merge(&fresh, &so->st, NULL, NULL, NULL, NULL);
    if (r < 0) {
        kr_set_free(&fresh);
        return set_table_fail(t, r);
    }
    fresh.finger = so->st.finger;
    fresh.layout = so->st.layout + 1;
    kr_set_free(&so->st);
    so->st = fresh;
    return 0;
}

/* ---- construction ---- */

static int set_merge(KrThread *t, KrValue so, KrValue other)
{
    int r = kr_set_merge(&kr_as_set(so)->st, &kr_as_set(other)->st, set_key_eq, t, set_key_ref, t);
    return r < 0 ? set_table_fail(t, r) : 0;
}

static int set_update_internal(KrThread *t, KrValue so, KrValue other)
{
    if (kr_is_anyset(t, other))
        return set_merge(t, so, other);
    if (dict_check_exact(t, other)) {
        KrHashTable *ht = &kr_as_dict(other)->ht;
        /* One resize up front, expecting few keys in common. */
        if (kr_set_presize(&kr_as_set(so)->st, ht->used))
            return set_table_fail(t, KR_HT_NOMEM);
        size_t pos = 0;
        const KrHtEntry *e;
        while (kr_ht_next(ht, &pos, &e)) {
            KrValue key = kr_incref(e->key);
            int r = set_add_entry(t, so, key, e->hash);
            kr_decref(t, key);
            if (r < 0)
                return -1;
        }
        return 0;
    }
    KrValue it = kr_iter(t, other);
    if (it == KR_ERROR)
        return -1;
    for (;;) {
        KrValue key = kr_next(t, it);
        if (key == KR_ABSENT)
            break;
        if (key == KR_ERROR) {
            kr_decref(t, it);
            return -1;
        }
        int r = set_add_key(t, so, key);
        kr_decref(t, key);
        if (r < 0) {
            kr_decref(t, it);
            return -1;
        }
    }
    kr_decref(t, it);
    return 0;
}

int kr_set_update(KrThread *t, KrValue set, KrValue iterable) { return set_update_internal(t, set, iterable); }

static KrValue set_alloc(KrThread *t, KrType *type)
{
    KrSet *so = (KrSet *)kr_alloc(t, type, type->basicsize);
    if (!so)
        return KR_ERROR;
    kr_set_init(&so->st);
    so->hash = -1;
    /* A class's values (__dict__, __slots__) follow the set: unset. */
    for (size_t off = sizeof(KrSet); off + sizeof(KrValue) <= type->basicsize; off += sizeof(KrValue))
        *(KrValue *)((char *)so + off) = KR_ABSENT;
    return kr_ptr(so);
}

/* A new set of `type` filled from iterable (KR_ABSENT: empty). */
static KrValue make_new_set(KrThread *t, KrType *type, KrValue iterable)
{
    KrValue so = set_alloc(t, type);
    if (so == KR_ERROR || iterable == KR_ABSENT)
        return so;
    if (set_update_internal(t, so, iterable) < 0) {
        kr_decref(t, so);
        return KR_ERROR;
    }
    return so;
}

/* Results of operations on subclass instances are plain sets/frozensets. */
static KrValue make_new_set_basetype(KrThread *t, KrType *type, KrValue iterable)
{
    KrType *base = set_type_is_set(t, type) ? kr_builtin_type(t, SET) : kr_builtin_type(t, FROZENSET);
    return make_new_set(t, base, iterable);
}

KrValue kr_set_new(KrThread *t, KrValue iterable) { return make_new_set(t, kr_builtin_type(t, SET), iterable); }

KrValue kr_frozenset_new(KrThread *t, KrValue iterable)
{
    return make_new_set(t, kr_builtin_type(t, FROZENSET), iterable);
}

int kr_set_add_value(KrThread *t, KrValue set, KrValue key) { return set_add_key(t, set, key); }

static KrValue set_copy(KrThread *t, KrValue so) { return make_new_set_basetype(t, kr_type(t, so), so); }

/* Swaps the contents of two sets (each keeps its pop() finger, as in
 * CPython). */
static void set_swap_bodies(KrThread *t, KrSet *a, KrSet *b)
{
    KrSetTable ta = a->st, tb = b->st;
    a->st = tb;
    b->st = ta;
    a->st.finger = ta.finger;
    b->st.finger = tb.finger;
    a->st.layout = ta.layout + 1;
    b->st.layout = tb.layout + 1;
    if (set_type_is_frozenset(t, a->ob.type) && set_type_is_frozenset(t, b->ob.type)) {
        int64_t h = a->hash;
        a->hash = b->hash;
        b->hash = h;
    } else {
        a->hash = b->hash = -1;
    }
}

/* ---- the algorithms ---- */

static KrValue set_intersection(KrThread *t, KrValue so, KrValue other)
{
    if (so == other)
        return set_copy(t, so);
    KrValue result = make_new_set_basetype(t, kr_type(t, so), KR_ABSENT);
    if (result == KR_ERROR)
        return result;
    if (kr_is_anyset(t, other)) {
        /* Walk the smaller one. */
        if (set_len_of(other) > set_len_of(so)) {
            KrValue tmp = so;
            so = other;
            other = tmp;
        }
        size_t pos = 0;
        const KrSetEntry *e;
        while (kr_set_next(&kr_as_set(other)->st, &pos, &e)) {
            KrValue key = kr_incref(e->key);
            int64_t hash = e->hash;
            int rv = set_contains_entry(t, so, key, hash);
            if (rv > 0)
                rv = set_add_entry(t, result, key, hash);
            kr_decref(t, key);
            if (rv < 0)
                goto fail;
        }
        return result;
    }
    KrValue it = kr_iter(t, other);
    if (it == KR_ERROR)
        goto fail;
    for (;;) {
        KrValue key = kr_next(t, it);
        if (key == KR_ABSENT)
            break;
        if (key == KR_ERROR) {
            kr_decref(t, it);
            goto fail;
        }
        int64_t hash = kr_hash(t, key);
        int rv = hash == -1 ? -1 : set_contains_entry(t, so, key, hash);
        if (rv > 0)
            rv = set_add_entry(t, result, key, hash);
        kr_decref(t, key);
        if (rv < 0) {
            kr_decref(t, it);
            goto fail;
        }
        /* Everything so has is found: the rest of other cannot add more. */
        if (set_len_of(result) >= set_len_of(so))
            break;
    }
    kr_decref(t, it);
    return result;
fail:
    kr_decref(t, result);
    return KR_ERROR;
}

KrValue kr_set_intersection(KrThread *t, KrValue set, KrValue other) { return set_intersection(t, set, other); }

static KrValue set_intersection_multi(KrThread *t, KrValue so, const KrValue *args, size_t nargs)
{
    if (nargs == 0)
        return set_copy(t, so);
    KrValue result = kr_incref(so);
    for (size_t i = 0; i < nargs; i++) {
        KrValue next = set_intersection(t, result, args[i]);
        kr_decref(t, result);
        if (next == KR_ERROR)
            return KR_ERROR;
        result = next;
    }
    return result;
}

static int set_intersection_update(KrThread *t, KrValue so, KrValue other)
{
    KrValue tmp = set_intersection(t, so, other);
    if (tmp == KR_ERROR)
        return -1;
    set_swap_bodies(t, kr_as_set(so), kr_as_set(tmp));
    kr_decref(t, tmp);
    return 0;
}

static int set_difference_update_internal(KrThread *t, KrValue so, KrValue other)
{
    if (so == other) {
        set_clear_internal(t, kr_as_set(so));
        return 0;
    }
    if (kr_is_anyset(t, other)) {
        /* Against a much larger set, only the common keys matter. */
        if ((set_len_of(other) >> 3) > set_len_of(so))
            other = set_intersection(t, so, other);
        else
            kr_incref(other);
        if (other == KR_ERROR)
            return -1;
        size_t pos = 0;
        const KrSetEntry *e;
        while (kr_set_next(&kr_as_set(other)->st, &pos, &e)) {
            KrValue key = kr_incref(e->key);
            int rv = set_discard_entry(t, so, key, e->hash);
            kr_decref(t, key);
            if (rv < 0) {
                kr_decref(t, other);
                return -1;
            }
        }
        kr_decref(t, other);
    } else {
        KrValue it = kr_iter(t, other);
        if (it == KR_ERROR)
            return -1;
        for (;;) {
            KrValue key = kr_next(t, it);
            if (key == KR_ABSENT)
                break;
            int rv = key == KR_ERROR ? -1 : set_discard_key(t, so, key);
            kr_decref(t, key);
            if (rv < 0) {
                kr_decref(t, it);
                return -1;
            }
        }
        kr_decref(t, it);
    }
    /* More than a quarter of the slots deleted: rebuild without them. */
    KrSetTable *st = &kr_as_set(so)->st;
    if (st->fill - st->used <= st->mask / 4)
        return 0;
    return set_rebuild(t, kr_as_set(so));
}

int kr_set_difference_update(KrThread *t, KrValue set, KrValue other)
{
    return set_difference_update_internal(t, set, other);
}

static KrValue set_copy_and_difference(KrThread *t, KrValue so, KrValue other)
{
    KrValue result = set_copy(t, so);
    if (result == KR_ERROR)
        return result;
    if (set_difference_update_internal(t, result, other) < 0) {
        kr_decref(t, result);
        return KR_ERROR;
    }
    return result;
}

static KrValue set_difference(KrThread *t, KrValue so, KrValue other)
{
    size_t other_size;
    bool other_dict = false;
    if (kr_is_anyset(t, other)) {
        other_size = set_len_of(other);
    } else if (dict_check_exact(t, other)) {
        other_size = kr_dict_len(other);
        other_dict = true;
    } else {
        return set_copy_and_difference(t, so, other);
    }
    /* Much larger than other: cheaper to copy and remove other's keys. */
    if ((set_len_of(so) >> 2) > other_size)
        return set_copy_and_difference(t, so, other);

    KrValue result = make_new_set_basetype(t, kr_type(t, so), KR_ABSENT);
    if (result == KR_ERROR)
        return result;
    size_t pos = 0;
    const KrSetEntry *e;
    while (kr_set_next(&kr_as_set(so)->st, &pos, &e)) {
        KrValue key = kr_incref(e->key);
        int64_t hash = e->hash;
        int rv;
        if (other_dict) {
            size_t slot;
            rv = kr_ht_lookup(&kr_as_dict(other)->ht, key, hash, set_key_eq, t, &slot);
            if (rv < 0)
                rv = set_table_fail(t, rv);
        } else {
            rv = set_contains_entry(t, other, key, hash);
        }
        if (rv == 0)
            rv = set_add_entry(t, result, key, hash);
        kr_decref(t, key);
        if (rv < 0) {
            kr_decref(t, result);
            return KR_ERROR;
        }
    }
    return result;
}

static int set_symmetric_difference_update(KrThread *t, KrValue so, KrValue other)
{
    if (so == other) {
        set_clear_internal(t, kr_as_set(so));
        return 0;
    }
    if (dict_check_exact(t, other)) {
        KrHashTable *ht = &kr_as_dict(other)->ht;
        size_t pos = 0;
        const KrHtEntry *e;
        while (kr_ht_next(ht, &pos, &e)) {
            KrValue key = kr_incref(e->key);
            int64_t hash = e->hash;
            int rv = set_discard_entry(t, so, key, hash);
            if (rv == 0)
                rv = set_add_entry(t, so, key, hash);
            kr_decref(t, key);
            if (rv < 0)
                return -1;
        }
        return 0;
    }
    KrValue otherset;
    if (kr_is_anyset(t, other))
        otherset = kr_incref(other);
    else if ((otherset = make_new_set_basetype(t, kr_type(t, so), other)) == KR_ERROR)
        return -1;
    size_t pos = 0;
    const KrSetEntry *e;
    while (kr_set_next(&kr_as_set(otherset)->st, &pos, &e)) {
        KrValue key = kr_incref(e->key);
        int64_t hash = e->hash;
        int rv = set_discard_entry(t, so, key, hash);
        if (rv == 0)
            rv = set_add_entry(t, so, key, hash);
        kr_decref(t, key);
        if (rv < 0) {
            kr_decref(t, otherset);
            return -1;
        }
    }
    kr_decref(t, otherset);
    return 0;
}

int kr_set_symmetric_difference_update(KrThread *t, KrValue set, KrValue other)
{
    return set_symmetric_difference_update(t, set, other);
}

/* Built from other first, then so's keys toggled in: the order CPython's
 * result shows. */
static KrValue set_symmetric_difference(KrThread *t, KrValue so, KrValue other)
{
    KrValue result = make_new_set_basetype(t, kr_type(t, so), other);
    if (result == KR_ERROR)
        return result;
    if (set_symmetric_difference_update(t, result, so) < 0) {
        kr_decref(t, result);
        return KR_ERROR;
    }
    return result;
}

static KrValue set_issubset(KrThread *t, KrValue so, KrValue other)
{
    if (!kr_is_anyset(t, other)) {
        KrValue tmp = kr_set_new(t, other);
        if (tmp == KR_ERROR)
            return tmp;
        KrValue r = set_issubset(t, so, tmp);
        kr_decref(t, tmp);
        return r;
    }
    if (set_len_of(so) > set_len_of(other))
        return KR_FALSE;
    size_t pos = 0;
    const KrSetEntry *e;
    while (kr_set_next(&kr_as_set(so)->st, &pos, &e)) {
        KrValue key = kr_incref(e->key);
        int rv = set_contains_entry(t, other, key, e->hash);
        kr_decref(t, key);
        if (rv < 0)
            return KR_ERROR;
        if (!rv)
            return KR_FALSE;
    }
    return KR_TRUE;
}

static KrValue set_issuperset(KrThread *t, KrValue so, KrValue other)
{
    if (kr_is_anyset(t, other))
        return set_issubset(t, other, so);
    KrValue it = kr_iter(t, other);
    if (it == KR_ERROR)
        return KR_ERROR;
    for (;;) {
        KrValue key = kr_next(t, it);
        if (key == KR_ABSENT)
            break;
        int rv = key == KR_ERROR ? -1 : set_contains_key(t, so, key);
        kr_decref(t, key);
        if (rv <= 0) {
            kr_decref(t, it);
            return rv < 0 ? KR_ERROR : KR_FALSE;
        }
    }
    kr_decref(t, it);
    return KR_TRUE;
}

static KrValue set_isdisjoint_impl(KrThread *t, KrValue so, KrValue other)
{
    if (so == other)
        return kr_bool(set_len_of(so) == 0);
    if (anyset_check_exact(t, other)) {
        if (set_len_of(other) > set_len_of(so)) {
            KrValue tmp = so;
            so = other;
            other = tmp;
        }
        size_t pos = 0;
        const KrSetEntry *e;
        while (kr_set_next(&kr_as_set(other)->st, &pos, &e)) {
            KrValue key = kr_incref(e->key);
            int rv = set_contains_entry(t, so, key, e->hash);
            kr_decref(t, key);
            if (rv < 0)
                return KR_ERROR;
            if (rv)
                return KR_FALSE;
        }
        return KR_TRUE;
    }
    KrValue it = kr_iter(t, other);
    if (it == KR_ERROR)
        return KR_ERROR;
    for (;;) {
        KrValue key = kr_next(t, it);
        if (key == KR_ABSENT)
            break;
        int rv = key == KR_ERROR ? -1 : set_contains_key(t, so, key);
        kr_decref(t, key);
        if (rv != 0) {
            kr_decref(t, it);
            return rv < 0 ? KR_ERROR : KR_FALSE;
        }
    }
    kr_decref(t, it);
    return KR_TRUE;
}

/* `key in so`, where a set key is looked up as the equal frozenset. */
int kr_set_contains_value(KrThread *t, KrValue so, KrValue key)
{
    int rv = set_contains_key(t, so, key);
    if (rv < 0) {
        if (!set_check(t, key) || !kr_err_matches(t, kr_exc_type(t, TypeError)))
            return -1;
        kr_err_clear(t);
        KrValue tmp = kr_frozenset_new(t, key);
        if (tmp == KR_ERROR)
            return -1;
        rv = set_contains_key(t, so, tmp);
        kr_decref(t, tmp);
    }
    return rv;
}

/* discard with the same set-as-frozenset retry. */
static int set_discard_retry(KrThread *t, KrValue so, KrValue key)
{
    int rv = set_discard_key(t, so, key);
    if (rv < 0) {
        if (!set_check(t, key) || !kr_err_matches(t, kr_exc_type(t, TypeError)))
            return -1;
        kr_err_clear(t);
        KrValue tmp = kr_frozenset_new(t, key);
        if (tmp == KR_ERROR)
            return -1;
        rv = set_discard_key(t, so, tmp);
        kr_decref(t, tmp);
    }
    return rv;
}

/* ---- slots ---- */

static void set_dealloc(KrThread *t, KrObject *o)
{
    KrSet *so = (KrSet *)o;
    kr_gc_untrack(t, o);
    size_t pos = 0;
    const KrSetEntry *e;
    while (kr_set_next(&so->st, &pos, &e))
        kr_decref(t, e->key);
    kr_set_free(&so->st);
    kr_free_object(t, o);
}

static void set_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrSet *so = (KrSet *)o;
    size_t pos = 0;
    const KrSetEntry *e;
    while (kr_set_next(&so->st, &pos, &e))
        if (kr_is_ptr(e->key))
            visit(kr_as_ptr(e->key), arg);
}

static void set_clear_slot(KrThread *t, KrObject *o) { set_clear_internal(t, (KrSet *)o); }

static int64_t set_len(KrThread *t, KrValue self)
{
    (void)t;
    return (int64_t)set_len_of(self);
}

static int set_contains_slot(KrThread *t, KrValue self, KrValue key) { return kr_set_contains_value(t, self, key); }

static KrValue set_repr(KrThread *t, KrValue self)
{
    KrType *tp = kr_type(t, self);
    const char *name = kr_type_name(tp);
    if (set_len_of(self) == 0)
        return kr_format(t, "%s()", name);
    int status = kr_repr_enter(t, self);
    if (status != 0)
        return status < 0 ? KR_ERROR : kr_format(t, "%s(...)", name);
    KrValue result = KR_ERROR;
    /* list(self): a subclass's __iter__ decides what is shown. */
    KrValue keys = kr_list_from_iterable(t, self);
    if (keys == KR_ERROR)
        goto done;
    KrValue lr = kr_repr(t, keys);
    kr_decref(t, keys);
    if (lr == KR_ERROR)
        goto done;
    size_t n = kr_as_str(lr)->len;
    KrValue inner = kr_str_substr(t, lr, n ? 1 : 0, n > 1 ? n - 1 : n);
    kr_decref(t, lr);
    if (inner == KR_ERROR)
        goto done;
    if (tp != kr_builtin_type(t, SET))
        result = kr_format(t, "%s({%U})", name, inner);
    else
        result = kr_format(t, "{%U}", inner);
    kr_decref(t, inner);
done:
    kr_repr_leave(t, self);
    return result;
}

static uint64_t set_shuffle_bits(uint64_t h) { return ((h ^ UINT64_C(89869747)) ^ (h << 16)) * UINT64_C(3644798167); }

/* CPython's frozenset hash, so hash(frozenset()) == 133146708735736: an
 * order-independent xor of the keys' shuffled hashes, then the size and a
 * final dispersal. */
static int64_t frozenset_hash(KrThread *t, KrValue self)
{
    (void)t;
    KrSet *so = kr_as_set(self);
    if (so->hash != -1)
        return so->hash;
    uint64_t hash = 0;
    size_t pos = 0;
    const KrSetEntry *e;
    while (kr_set_next(&so->st, &pos, &e))
        hash ^= set_shuffle_bits((uint64_t)e->hash);
    hash ^= ((uint64_t)so->st.used + 1) * UINT64_C(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * UINT64_C(69069) + UINT64_C(907133923);
    if (hash == UINT64_MAX)
        hash = UINT64_C(590923713);
    so->hash = (int64_t)hash;
    return so->hash;
}

static KrValue set_richcompare(KrThread *t, KrValue v, KrValue w, KrCompareOp op)
{
    if (!kr_is_anyset(t, v) || !kr_is_anyset(t, w))
        return KR_NOTIMPLEMENTED;
    size_t lv = set_len_of(v), lw = set_len_of(w);
    switch (op) {
    case KR_EQ:
    case KR_NE: {
        KrValue r;
        if (lv != lw)
            r = KR_FALSE;
        else if (kr_as_set(v)->hash != -1 && kr_as_set(w)->hash != -1 && kr_as_set(v)->hash != kr_as_set(w)->hash)
            r = KR_FALSE;
        else
            r = set_issubset(t, v, w);
        if (op == KR_NE && r != KR_ERROR)
            r = kr_bool(r == KR_FALSE);
        return r;
    }
    case KR_LE:
        return set_issubset(t, v, w);
    case KR_GE:
        return set_issuperset(t, v, w);
    case KR_LT:
        return lv >= lw ? KR_FALSE : set_issubset(t, v, w);
    case KR_GT:
        return lv <= lw ? KR_FALSE : set_issuperset(t, v, w);
    }
    return KR_NOTIMPLEMENTED;
}

static KrValue set_or(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_anyset(t, a) || !kr_is_anyset(t, b))
        return KR_NOTIMPLEMENTED;
    KrValue result = set_copy(t, a);
    if (result == KR_ERROR || a == b)
        return result;
    if (set_update_internal(t, result, b) < 0) {
        kr_decref(t, result);
        return KR_ERROR;
    }
    return result;
}

static KrValue set_and(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_anyset(t, a) || !kr_is_anyset(t, b))
        return KR_NOTIMPLEMENTED;
    return set_intersection(t, a, b);
}

static KrValue set_sub(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_anyset(t, a) || !kr_is_anyset(t, b))
        return KR_NOTIMPLEMENTED;
    return set_difference(t, a, b);
}

static KrValue set_xor(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_anyset(t, a) || !kr_is_anyset(t, b))
        return KR_NOTIMPLEMENTED;
    return set_symmetric_difference(t, a, b);
}

static KrValue set_ior(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_anyset(t, b))
        return KR_NOTIMPLEMENTED;
    return set_update_internal(t, a, b) < 0 ? KR_ERROR : kr_incref(a);
}

static KrValue set_iand(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_anyset(t, b))
        return KR_NOTIMPLEMENTED;
    return set_intersection_update(t, a, b) < 0 ? KR_ERROR : kr_incref(a);
}

static KrValue set_isub(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_anyset(t, b))
        return KR_NOTIMPLEMENTED;
    return set_difference_update_internal(t, a, b) < 0 ? KR_ERROR : kr_incref(a);
}

static KrValue set_ixor(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_anyset(t, b))
        return KR_NOTIMPLEMENTED;
    return set_symmetric_difference_update(t, a, b) < 0 ? KR_ERROR : kr_incref(a);
}

static KrValue set_iter(KrThread *t, KrValue self)
{
    KrSetIter *it = (KrSetIter *)kr_alloc(t, kr_builtin_type(t, SET_ITERATOR), sizeof(KrSetIter));
    if (!it)
        return KR_ERROR;
    it->set = kr_incref(self);
    it->pos = 0;
    it->used = (int64_t)set_len_of(self);
    it->len = it->used;
    return kr_ptr(it);
}

/* set() and set subclasses: __new__ makes an empty set whatever the
 * arguments; __init__ checks and fills them (so a subclass may take its own
 * __new__ arguments). */
static KrValue set_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    return set_alloc(t, type);
}

static int set_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (kr_no_kwargs(t, "set", kwnames) < 0)
        return -1;
    if (kr_check_nargs(t, kr_type_name(kr_type(t, self)), nargs, 0, 1) < 0)
        return -1;
    KrSet *so = kr_as_set(self);
    if (so->st.fill)
        set_clear_internal(t, so);
    so->hash = -1;
    return nargs ? set_update_internal(t, self, args[0]) : 0;
}

static KrValue frozenset_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrType *fs = kr_builtin_type(t, FROZENSET);
    /* A subclass with its own __init__ may take keyword arguments. */
    if ((type == fs || type->init == fs->init) && kr_no_kwargs(t, "frozenset", kwnames) < 0)
        return KR_ERROR;
    if (kr_check_nargs(t, kr_type_name(type), nargs, 0, 1) < 0)
        return KR_ERROR;
    KrValue iterable = nargs ? args[0] : KR_ABSENT;
    if (type == fs && iterable != KR_ABSENT && kr_is_ptr(iterable) && kr_as_ptr(iterable)->type == fs)
        return kr_incref(iterable);
    return make_new_set(t, type, iterable);
}

/* ---- methods ---- */

/* The qualified name methods use in their messages: the table they come
 * from is frozenset's when self is a frozenset. */
static const char *set_owner_name(KrThread *t, KrValue self)
{
    return set_type_is_frozenset(t, kr_type(t, self)) ? "frozenset" : "set";
}

static int set_noargs(KrThread *t, KrValue self, const char *meth, size_t nargs)
{
    if (nargs == 0)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s.%s() takes no arguments (%zu given)",
                            set_owner_name(t, self), meth, nargs);
}

static int set_onearg(KrThread *t, KrValue self, const char *meth, size_t nargs)
{
    if (nargs == 1)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s.%s() takes exactly one argument (%zu given)",
                            set_owner_name(t, self), meth, nargs);
}

#define SET_NOARGS(meth)                                                                                  \
    do {                                                                                                  \
        (void)args;                                                                                       \
        (void)kwnames;                                                                                    \
        if (set_noargs(t, self, meth, nargs) < 0)                                                         \
            return KR_ERROR;                                                                              \
    } while (0)

#define SET_ONEARG(meth)                                                                                  \
    do {                                                                                                  \
        (void)kwnames;                                                                                    \
        if (set_onearg(t, self, meth, nargs) < 0)                                                         \
            return KR_ERROR;                                                                              \
    } while (0)

static KrValue set_m_add(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_ONEARG("add");
    return set_add_key(t, self, args[0]) < 0 ? KR_ERROR : KR_NONE;
}

static KrValue set_m_remove(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_ONEARG("remove");
    int rv = set_discard_retry(t, self, args[0]);
    if (rv < 0)
        return KR_ERROR;
    if (rv == 0) {
        set_raise_key_error(t, args[0]);
        return KR_ERROR;
    }
    return KR_NONE;
}

static KrValue set_m_discard(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_ONEARG("discard");
    return set_discard_retry(t, self, args[0]) < 0 ? KR_ERROR : KR_NONE;
}

static KrValue set_m_pop(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_NOARGS("pop");
    uint64_t key;
    if (!kr_set_pop(&kr_as_set(self)->st, &key, NULL))
        return kr_raise_fmt(t, kr_exc_type(t, KeyError), "pop from an empty set");
    return key; /* the table's reference passes to the caller */
}

static KrValue set_m_clear(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_NOARGS("clear");
    set_clear_internal(t, kr_as_set(self));
    return KR_NONE;
}

static KrValue set_m_copy(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_NOARGS("copy");
    return set_copy(t, self);
}

static KrValue frozenset_m_copy(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_NOARGS("copy");
    if (kr_type(t, self) == kr_builtin_type(t, FROZENSET))
        return kr_incref(self);
    return set_copy(t, self);
}

static KrValue set_m_update(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    for (size_t i = 0; i < nargs; i++)
        if (set_update_internal(t, self, args[i]) < 0)
            return KR_ERROR;
    return KR_NONE;
}

static KrValue set_m_union(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    KrValue result = set_copy(t, self);
    if (result == KR_ERROR)
        return result;
    for (size_t i = 0; i < nargs; i++) {
        if (args[i] == self)
            continue;
        if (set_update_internal(t, result, args[i]) < 0) {
            kr_decref(t, result);
            return KR_ERROR;
        }
    }
    return result;
}

static KrValue set_m_intersection(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    return set_intersection_multi(t, self, args, nargs);
}

static KrValue set_m_intersection_update(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                         KrValue kwnames)
{
    (void)kwnames;
    KrValue tmp = set_intersection_multi(t, self, args, nargs);
    if (tmp == KR_ERROR)
        return tmp;
    set_swap_bodies(t, kr_as_set(self), kr_as_set(tmp));
    kr_decref(t, tmp);
    return KR_NONE;
}

static KrValue set_m_difference(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs == 0)
        return set_copy(t, self);
    KrValue result = set_difference(t, self, args[0]);
    if (result == KR_ERROR)
        return result;
    for (size_t i = 1; i < nargs; i++) {
        if (set_difference_update_internal(t, result, args[i]) < 0) {
            kr_decref(t, result);
            return KR_ERROR;
        }
    }
    return result;
}

static KrValue set_m_difference_update(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                       KrValue kwnames)
{
    (void)kwnames;
    for (size_t i = 0; i < nargs; i++)
        if (set_difference_update_internal(t, self, args[i]) < 0)
            return KR_ERROR;
    return KR_NONE;
}

static KrValue set_m_symmetric_difference(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                          KrValue kwnames)
{
    SET_ONEARG("symmetric_difference");
    return set_symmetric_difference(t, self, args[0]);
}

static KrValue set_m_symmetric_difference_update(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                                 KrValue kwnames)
{
    SET_ONEARG("symmetric_difference_update");
    return set_symmetric_difference_update(t, self, args[0]) < 0 ? KR_ERROR : KR_NONE;
}

static KrValue set_m_issubset(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_ONEARG("issubset");
    return set_issubset(t, self, args[0]);
}

static KrValue set_m_issuperset(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_ONEARG("issuperset");
    return set_issuperset(t, self, args[0]);
}

static KrValue set_m_isdisjoint(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_ONEARG("isdisjoint");
    return set_isdisjoint_impl(t, self, args[0]);
}

/* object.__getstate__()'s answer: the instance dict when it has entries,
 * else None (sets have no __slots__ state of their own). */
static KrValue set_getstate(KrThread *t, KrValue self)
{
    KrValue fn;
    int r = kr_lookup_attr(t, self, kr_name(t, dunder_getstate), &fn);
    if (r < 0)
        return KR_ERROR;
    if (r > 0) {
        KrValue state = kr_call0(t, fn);
        kr_decref(t, fn);
        return state;
    }
    KrValue *dictp = kr_instance_dict_ptr(t, self);
    if (dictp && *dictp != KR_ABSENT && kr_is_dict(t, *dictp) && kr_dict_len(*dictp) > 0)
        return kr_incref(*dictp);
    return KR_NONE;
}

static KrValue set_m_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_NOARGS("__reduce__");
    KrValue keys = kr_list_from_iterable(t, self);
    if (keys == KR_ERROR)
        return keys;
    KrValue cargs = kr_tuple_pack(t, 1, keys);
    kr_decref(t, keys);
    if (cargs == KR_ERROR)
        return cargs;
    KrValue state = set_getstate(t, self);
    if (state == KR_ERROR) {
        kr_decref(t, cargs);
        return state;
    }
    KrValue r = kr_tuple_pack(t, 3, kr_type_value(kr_type(t, self)), cargs, state);
    kr_decref(t, cargs);
    kr_decref(t, state);
    return r;
}

/* CPython's PySetObject is 200 bytes with an 8-slot table inside; bigger
 * tables are 16 bytes a slot on top. */
static KrValue set_m_sizeof(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    SET_NOARGS("__sizeof__");
    const KrSetTable *st = &kr_as_set(self)->st;
    int64_t size = 200;
    if (st->table && st->mask + 1 > 8)
        size += (int64_t)(st->mask + 1) * 16;
    return kr_int_from_i64(t, size);
}

/* cls[item]: a types.GenericAlias (PEP 585). */
static KrValue set_m_class_getitem(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%N.__class_getitem__() takes exactly one argument (%zu given)",
                            kr_as_type(cls), nargs);
    return kr_class_getitem_alias(t, cls, args, nargs);
}

static const KrMethodDef set_methods[] = {
    {"add", set_m_add, 0, "Add an element to a set.\n\nThis has no effect if the element is already present."},
    {"clear", set_m_clear, 0, "Remove all elements from this set."},
    {"copy", set_m_copy, 0, "Return a shallow copy of a set."},
    {"discard", set_m_discard, 0,
     "Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method does not raise\n"
     "an exception when an element is missing from the set."},
    {"difference", set_m_difference, 0,
     "Return the difference of two or more sets as a new set.\n\n(i.e. all elements that are in this set but not the others.)"},
    {"difference_update", set_m_difference_update, 0, "Remove all elements of another set from this set."},
    {"intersection", set_m_intersection, 0,
     "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)"},
    {"intersection_update", set_m_intersection_update, 0, "Update a set with the intersection of itself and another."},
    {"isdisjoint", set_m_isdisjoint, 0, "Return True if two sets have a null intersection."},
    {"issubset", set_m_issubset, 0, "Report whether another set contains this set."},
    {"issuperset", set_m_issuperset, 0, "Report whether this set contains another set."},
    {"pop", set_m_pop, 0, "Remove and return an arbitrary set element.\nRaises KeyError if the set is empty."},
    {"__reduce__", set_m_reduce, 0, "Return state information for pickling."},
    {"remove", set_m_remove, 0,
     "Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise a KeyError."},
    {"__sizeof__", set_m_sizeof, 0, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", set_m_symmetric_difference, 0,
     "Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that are in exactly one of the sets.)"},
    {"symmetric_difference_update", set_m_symmetric_difference_update, 0,
     "Update a set with the symmetric difference of itself and another."},
    {"union", set_m_union, 0, "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {"update", set_m_update, 0, "Update a set with the union of itself and others."},
    {"__class_getitem__", set_m_class_getitem, KR_METH_CLASS, "See PEP 585"},
    {0},
};

static const KrMethodDef frozenset_methods[] = {
    {"copy", frozenset_m_copy, 0, "Return a shallow copy of a set."},
    {"difference", set_m_difference, 0,
     "Return the difference of two or more sets as a new set.\n\n(i.e. all elements that are in this set but not the others.)"},
    {"intersection", set_m_intersection, 0,
     "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)"},
    {"isdisjoint", set_m_isdisjoint, 0, "Return True if two sets have a null intersection."},
    {"issubset", set_m_issubset, 0, "Report whether another set contains this set."},
    {"issuperset", set_m_issuperset, 0, "Report whether this set contains another set."},
    {"__reduce__", set_m_reduce, 0, "Return state information for pickling."},
    {"__sizeof__", set_m_sizeof, 0, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", set_m_symmetric_difference, 0,
     "Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that are in exactly one of the sets.)"},
    {"union", set_m_union, 0, "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {"__class_getitem__", set_m_class_getitem, KR_METH_CLASS, "See PEP 585"},
    {0},
};

static void anyset_fill(KrType *tp)
{
    tp->dealloc = set_dealloc;
    tp->traverse = set_traverse;
    tp->clear = set_clear_slot;
    tp->repr = set_repr;
    tp->compare = set_richcompare;
    tp->iter = set_iter;
    tp->len = set_len;
    tp->contains = set_contains_slot;
    tp->binary[KR_OP_OR] = set_or;
    tp->binary[KR_OP_AND] = set_and;
    tp->binary[KR_OP_SUB] = set_sub;
    tp->binary[KR_OP_XOR] = set_xor;
}

static void set_fill(KrType *tp)
{
    anyset_fill(tp);
    tp->hash = kr_hash_not_implemented;
    tp->new_ = set_new;
    tp->init = set_init;
    tp->inplace[KR_OP_OR] = set_ior;
    tp->inplace[KR_OP_AND] = set_iand;
    tp->inplace[KR_OP_SUB] = set_isub;
    tp->inplace[KR_OP_XOR] = set_ixor;
}

static void frozenset_fill(KrType *tp)
{
    anyset_fill(tp);
    tp->hash = frozenset_hash;
    tp->new_ = frozenset_new;
}

const KrTypeSpec kr_set_spec = {
    .name = "set",
    .basicsize = sizeof(KrSet),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = set_methods,
    .fill = set_fill,
    .doc = "set() -> new empty set object\nset(iterable) -> new set object\n\nBuild an unordered collection of unique elements.",
};

const KrTypeSpec kr_frozenset_spec = {
    .name = "frozenset",
    .basicsize = sizeof(KrSet),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = frozenset_methods,
    .fill = frozenset_fill,
    .doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\n"
           "Build an immutable unordered collection of unique elements.",
};

/* ---- set_iterator ---- */

static void setiter_dealloc(KrThread *t, KrObject *o)
{
    KrSetIter *it = (KrSetIter *)o;
    kr_gc_untrack(t, o);
    kr_xdecref(t, it->set);
    kr_free_object(t, o);
}

static void setiter_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrSetIter *it = (KrSetIter *)o;
    if (kr_is_ptr(it->set))
        visit(kr_as_ptr(it->set), arg);
}

static KrValue setiter_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static KrValue setiter_next(KrThread *t, KrValue self)
{
    KrSetIter *it = (KrSetIter *)kr_as_ptr(self);
    if (it->set == KR_ABSENT)
        return KR_ABSENT;
    KrSet *so = kr_as_set(it->set);
    if (it->used != (int64_t)so->st.used) {
        it->used = -1; /* stays an error however the size changes back */
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "Set changed size during iteration");
    }
    const KrSetEntry *e;
    if (!kr_set_next(&so->st, &it->pos, &e)) {
        kr_clear(t, &it->set);
        return KR_ABSENT;
    }
    it->len--;
    return kr_incref(e->key);
}

static KrValue setiter_m_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "set_iterator.__length_hint__() takes no arguments (%zu given)",
                            nargs);
    KrSetIter *it = (KrSetIter *)kr_as_ptr(self);
    int64_t len = 0;
    if (it->set != KR_ABSENT && it->used == (int64_t)kr_as_set(it->set)->st.used)
        len = it->len;
    return kr_int_from_i64(t, len);
}

/* (iter, (list of the keys still to come,)) */
static KrValue setiter_m_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "set_iterator.__reduce__() takes no arguments (%zu given)",
                            nargs);
    KrSetIter *it = (KrSetIter *)kr_as_ptr(self);
    KrValue list = kr_list_new(t, 0);
    if (list == KR_ERROR)
        return list;
    if (it->set != KR_ABSENT) {
        KrSet *so = kr_as_set(it->set);
        if (it->used != (int64_t)so->st.used) {
            kr_decref(t, list);
            return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "Set changed size during iteration");
        }
        size_t pos = it->pos;
        const KrSetEntry *e;
        while (kr_set_next(&so->st, &pos, &e)) {
            if (kr_list_append(t, list, e->key) < 0) {
                kr_decref(t, list);
                return KR_ERROR;
            }
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

static const KrMethodDef setiter_methods[] = {
    {"__length_hint__", setiter_m_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", setiter_m_reduce, 0, "Return state information for pickling."},
    {0},
};

static void setiter_fill(KrType *tp)
{
    tp->dealloc = setiter_dealloc;
    tp->traverse = setiter_traverse;
    tp->iter = setiter_self;
    tp->iternext = setiter_next;
}

const KrTypeSpec kr_set_iterator_spec = {
    .name = "set_iterator",
    .basicsize = sizeof(KrSetIter),
    .flags = KR_TPFLAG_GC,
    .methods = setiter_methods,
    .fill = setiter_fill,
};
