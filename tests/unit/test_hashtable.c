/* Unit tests for core/hashtable.c (the dict engine).
 *
 * Keys are words whose low 40 bits are a logical id and whose upper bits a
 * "variant": two keys with the same id and different variants are equal
 * but not identical (as 1 and 1.0 are), so both the identity shortcut and
 * the eq callback are exercised.  Random operation sequences run against a
 * plain reference model (an array in insertion order, searched linearly)
 * under several hash functions, among them a constant one.  Then: failing
 * eq calls, eq callbacks that mutate the table (insert until it resizes,
 * clear, delete the entry being compared, pop, replace a value), dummy
 * reuse, copies, flags, versions, and a timing line for 1e6 keys.
 *
 * Prints `N passed, M failed`; exit status 1 if anything failed. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/hashtable.h"

static int passed, failed;

static void check(bool ok, const char *what, long detail)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL: %s (%ld)\n", what, detail);
    }
}

typedef struct {
    uint64_t s;
} Rng;

static uint64_t rnd(Rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t below(Rng *r, uint64_t n) { return rnd(r) % n; }

#define ID_MASK ((UINT64_C(1) << 40) - 1)
static uint64_t key_of(uint64_t id, uint64_t variant) { return id | (variant << 40); }
static uint64_t id_of(uint64_t key) { return key & ID_MASK; }

/* ---- hash functions ---- */

/* H_ZERO is constant too, but with perturb 0 the probe sequence is the
 * plain full-period 5i + 1 walk, which never revisits a slot, so counts of
 * eq calls are exact. */
enum { H_GOOD, H_IDENTITY, H_CONSTANT, H_HIGHBITS, H_NEGATIVE, H_FEW, H_ZERO, H_COUNT };
static const char *hash_name[H_COUNT] = {"good", "identity", "constant", "high bits only", "negative", "8 values",
                                         "zero"};

static int64_t hash_id(int kind, uint64_t id)
{
    switch (kind) {
    case H_GOOD: {
        Rng r = {id};
        return (int64_t)rnd(&r);
    }
    case H_IDENTITY: return (int64_t)id;
    case H_CONSTANT: return 12345;
    case H_HIGHBITS: return (int64_t)(id << 40);
    case H_NEGATIVE: return -(int64_t)id - 2;
    case H_ZERO: return 0;
    default: return (int64_t)(id % 8);
    }
}

/* ---- eq callback with counting, failure injection and mutation hooks ---- */

typedef struct Ctx Ctx;
struct Ctx {
    uint64_t calls;
    uint64_t fail_at;                    /* fail on this call (1-based); 0 = never */
    void (*mutate)(Ctx *c, uint64_t a);  /* run inside eq, before answering */
    uint64_t mutations_left;             /* how many eq calls may still mutate */
    KrHashTable *ht;
    int hash_kind;
};

static int eq_cb(void *vctx, uint64_t a, uint64_t b)
{
    Ctx *c = vctx;
    c->calls++;
    if (c->fail_at && c->calls == c->fail_at)
        return -1;
    if (c->mutate && c->mutations_left) {
        c->mutations_left--;
        c->mutate(c, a);
    }
    return id_of(a) == id_of(b);
}

static bool same_cb(void *vctx, uint64_t a, uint64_t b)
{
    (void)vctx;
    return id_of(a) == id_of(b);
}

/* ---- reference model ---- */

typedef struct {
    uint64_t key, value;
    bool live;
} RefEntry;

typedef struct {
    RefEntry *e;
    size_t n, cap, used;
    ptrdiff_t *where; /* id -> index in e of its live entry, or -1 */
    size_t nids;
} Ref;

static void ref_init(Ref *r, size_t nids)
{
    memset(r, 0, sizeof *r);
    r->nids = nids;
    r->where = malloc(nids * sizeof *r->where);
    for (size_t i = 0; i < nids; i++)
        r->where[i] = -1;
}

static ptrdiff_t ref_find(const Ref *r, uint64_t key) { return r->where[id_of(key)]; }

static void ref_add(Ref *r, uint64_t key, uint64_t value)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->e = realloc(r->e, r->cap * sizeof *r->e);
    }
    r->where[id_of(key)] = (ptrdiff_t)r->n;
    r->e[r->n++] = (RefEntry){key, value, true};
    r->used++;
}

static void ref_kill(Ref *r, ptrdiff_t at)
{
    r->e[at].live = false;
    r->where[id_of(r->e[at].key)] = -1;
    r->used--;
}

static void ref_clear(Ref *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->e[i].live)
            r->where[id_of(r->e[i].key)] = -1;
    r->n = r->used = 0;
}

/* Drops dead entries now and then so walks over the model stay short. */
static void ref_compact(Ref *r)
{
    size_t j = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->e[i].live) {
            r->where[id_of(r->e[i].key)] = (ptrdiff_t)j;
            r->e[j++] = r->e[i];
        }
    r->n = j;
}

/* Same live (key, value) pairs in the same order. */
static bool same_as_ref(const KrHashTable *ht, const Ref *r)
{
    if (ht->used != r->used)
        return false;
    size_t pos = 0, ri = 0;
    const KrHtEntry *e;
    while (kr_ht_next(ht, &pos, &e)) {
        while (ri < r->n && !r->e[ri].live)
            ri++;
        if (ri == r->n || r->e[ri].key != e->key || r->e[ri].value != e->value)
            return false;
        ri++;
    }
    while (ri < r->n && !r->e[ri].live)
        ri++;
    return ri == r->n;
}

/* ---- random operations against the model ---- */

static void test_random(int hash_kind, uint64_t seed, int nops, uint64_t id_range)
{
    Rng rng = {seed};
    KrHashTable ht;
    kr_ht_init(&ht);
    Ref ref;
    ref_init(&ref, id_range + 2);
    Ctx c = {.hash_kind = hash_kind};
    bool ok = true;
    long bad_op = -1;
    uint64_t value_seq = 1;
    for (int op = 0; op < nops && ok; op++) {
        uint64_t id = below(&rng, id_range);
        uint64_t key = key_of(id, below(&rng, 3));
        int64_t h = hash_id(hash_kind, id);
        unsigned what = (unsigned)below(&rng, 100);
        uint64_t before = ht.version;
        if (what < 45) { /* insert / replace */
            uint64_t v = value_seq++, old = 0;
            ptrdiff_t at = ref_find(&ref, key);
            int rc = kr_ht_insert(&ht, key, h, v, 0, eq_cb, &c, &old);
            if (at >= 0) {
                ok = rc == 1 && old == ref.e[at].value;
                ref.e[at].value = v;
            } else {
                ok = rc == 0;
                ref_add(&ref, key, v);
            }
            ok = ok && ht.version != before;
        } else if (what < 50) { /* insert_new of an absent key */
            if (ref_find(&ref, key) < 0) {
                uint64_t v = value_seq++;
                ok = kr_ht_insert_new(&ht, key, h, v, 0) == 0;
                ref_add(&ref, key, v);
            }
        } else if (what < 70) { /* delete */
            uint64_t ok_key = 0, ov = 0;
            ptrdiff_t at = ref_find(&ref, key);
            int rc = kr_ht_delete(&ht, key, h, eq_cb, &c, &ok_key, &ov);
            if (at >= 0) {
                ok = rc == 1 && ok_key == ref.e[at].key && ov == ref.e[at].value && ht.version != before;
                ref_kill(&ref, at);
            } else {
                ok = rc == 0 && ht.version == before;
            }
        } else if (what < 95) { /* lookup, generic and fast */
            size_t pos;
            ptrdiff_t at = ref_find(&ref, key);
            int rc = kr_ht_lookup(&ht, key, h, eq_cb, &c, &pos);
            ptrdiff_t fast = kr_ht_lookup_fast(&ht, key, h, same_cb, NULL);
            if (at >= 0)
                ok = rc == 1 && ht.entries[pos].key == ref.e[at].key && fast == (ptrdiff_t)pos;
            else
                ok = rc == 0 && fast == -1;
            ok = ok && ht.version == before;
        } else if (what < 98) { /* popitem */
            uint64_t k, v;
            int64_t ph;
            bool got = kr_ht_pop_last(&ht, &k, &v, &ph);
            ptrdiff_t last = (ptrdiff_t)ref.n - 1;
            while (last >= 0 && !ref.e[last].live)
                last--;
            if (last >= 0) {
                ok = got && k == ref.e[last].key && v == ref.e[last].value && ph == hash_id(hash_kind, id_of(k));
                ref_kill(&ref, last);
            } else {
                ok = !got;
            }
        } else if (what < 99) { /* copy, and check the copy is independent */
            KrHashTable cp;
            ok = kr_ht_copy(&cp, &ht) == 0 && same_as_ref(&cp, &ref);
            uint64_t k2 = key_of(id_range + 1, 0);
            ok = ok && kr_ht_insert(&cp, k2, hash_id(hash_kind, id_range + 1), 1, 0, eq_cb, &c, NULL) == 0;
            ok = ok && same_as_ref(&ht, &ref) && cp.used == ht.used + 1;
            kr_ht_free(&cp);
        } else if (below(&rng, 20) == 0) { /* clear, rarely */
            kr_ht_clear(&ht);
            ref_clear(&ref);
            ok = ht.version != before;
        }
        if (ref.n > 4 * ref.used + 64)
            ref_compact(&ref);
        if (ok && (op % 97 == 0 || op == nops - 1))
            ok = same_as_ref(&ht, &ref);
        if (ok && ht.mask) /* 2/3 load bound */
            ok = ht.nentries + ht.free <= ((ht.mask + 1) * 2) / 3;
        if (!ok)
            bad_op = op;
    }
    char what[128];
    snprintf(what, sizeof what, "random ops vs model, %s hash, seed %llu", hash_name[hash_kind],
             (unsigned long long)seed);
    check(ok, what, bad_op);
    kr_ht_free(&ht);
    free(ref.e);
    free(ref.where);
}

/* ---- targeted tests ---- */

static void fill_table(KrHashTable *ht, uint64_t n, int hash_kind)
{
    kr_ht_init(ht);
    for (uint64_t i = 0; i < n; i++)
        kr_ht_insert_new(ht, key_of(i, 0), hash_id(hash_kind, i), i * 10, 0);
}

static void test_identity_shortcut(void)
{
    KrHashTable ht;
    fill_table(&ht, 1000, H_ZERO);
    Ctx c = {0};
    size_t pos;
    /* With one hash for all keys, finding key 999 by its own bits passes
     * 999 equal-hash entries, each needing a call... */
    int rc = kr_ht_lookup(&ht, key_of(999, 0), hash_id(H_ZERO, 999), eq_cb, &c, &pos);
    check(rc == 1 && pos == 999 && c.calls == 999, "equal-hash entries compared with eq", (long)c.calls);
    /* ...but the match itself is by identity, with no call. */
    c.calls = 0;
    rc = kr_ht_lookup(&ht, key_of(0, 0), hash_id(H_ZERO, 0), eq_cb, &c, &pos);
    check(rc == 1 && pos == 0 && c.calls == 0, "identical key matches without eq", (long)c.calls);
    /* Equal but not identical: one call. */
    rc = kr_ht_lookup(&ht, key_of(0, 1), hash_id(H_ZERO, 0), eq_cb, &c, &pos);
    check(rc == 1 && pos == 0 && c.calls == 1, "equal key found through eq", (long)c.calls);
    /* eq NULL: bits decide. */
    rc = kr_ht_lookup(&ht, key_of(0, 1), hash_id(H_ZERO, 0), NULL, NULL, &pos);
    check(rc == 0, "eq NULL: different bits never match", rc);
    check(kr_ht_lookup_fast(&ht, key_of(5, 1), 0, NULL, NULL) == -1 &&
              kr_ht_lookup_fast(&ht, key_of(5, 0), 0, NULL, NULL) == 5 &&
              kr_ht_lookup_fast(&ht, key_of(5, 1), 0, same_cb, NULL) == 5,
          "lookup_fast by bits and with a same callback", 0);
    /* Replacement keeps the table's key (as CPython keeps the first key). */
    uint64_t old;
    rc = kr_ht_insert(&ht, key_of(7, 2), hash_id(H_ZERO, 7), 4242, 0, eq_cb, &c, &old);
    check(rc == 1 && old == 70 && ht.entries[7].key == key_of(7, 0) && ht.entries[7].value == 4242,
          "replacing a value keeps the original key", rc);
    kr_ht_free(&ht);
}

/* A failing eq stops the operation and leaves the table as it was. */
static void test_eq_errors(void)
{
    KrHashTable ht;
    fill_table(&ht, 200, H_FEW);
    bool ok = true;
    for (uint64_t k = 1; k <= 25 && ok; k++) { /* 25 keys share each hash */
        uint64_t version = ht.version, used = ht.used;
        Ctx c = {.fail_at = k};
        size_t pos;
        uint64_t probe = key_of(150, 1); /* equal to key 150, not identical */
        int rc = kr_ht_lookup(&ht, probe, hash_id(H_FEW, 150), eq_cb, &c, &pos);
        ok = ok && (rc == KR_HT_ERROR || (rc == 1 && c.calls < k));
        c.calls = 0;
        rc = kr_ht_insert(&ht, key_of(1000 + k, 1), hash_id(H_FEW, 1000 + k), 1, 0, eq_cb, &c, NULL);
        ok = ok && rc == KR_HT_ERROR && ht.version == version && ht.used == used;
        c.calls = 0;
        rc = kr_ht_delete(&ht, probe, hash_id(H_FEW, 150), eq_cb, &c, NULL, NULL);
        ok = ok && (rc == KR_HT_ERROR ? ht.used == used && ht.version == version : c.calls < k);
        if (rc == 1)
            kr_ht_insert_new(&ht, key_of(150, 0), hash_id(H_FEW, 150), 1500, 0);
    }
    check(ok, "failing eq leaves the table unchanged", 0);
    kr_ht_free(&ht);
}

/* ---- eq callbacks that mutate the table ---- */

static uint64_t next_fresh = 1u << 20;

static void mut_grow(Ctx *c, uint64_t a)
{
    (void)a;
    /* One new key, then a rebuild into a larger block. */
    uint64_t id = next_fresh++;
    kr_ht_insert_new(c->ht, key_of(id, 0), hash_id(c->hash_kind, id), id, 0);
    kr_ht_reserve(c->ht, c->ht->used + c->ht->free + 1);
}

static void mut_clear(Ctx *c, uint64_t a)
{
    (void)a;
    kr_ht_clear(c->ht);
}

static void mut_delete_self(Ctx *c, uint64_t a)
{
    kr_ht_delete(c->ht, a, hash_id(c->hash_kind, id_of(a)), NULL, NULL, NULL, NULL);
}

static void mut_pop(Ctx *c, uint64_t a)
{
    (void)a;
    kr_ht_pop_last(c->ht, NULL, NULL, NULL);
}

static void mut_set_values(Ctx *c, uint64_t a)
{
    (void)a;
    for (size_t i = 0; i < c->ht->nentries; i++)
        if (c->ht->entries[i].key != KR_HT_NOKEY)
            kr_ht_set_value_at(c->ht, i, 777);
}

static void mut_add_one(Ctx *c, uint64_t a)
{
    (void)a;
    uint64_t id = next_fresh++;
    kr_ht_insert_new(c->ht, key_of(id, 0), hash_id(c->hash_kind, id), id, 0);
}

static void test_mutating_eq(void)
{
    static const struct {
        void (*fn)(Ctx *, uint64_t);
        const char *name;
        bool restarts; /* the lookup must start over after it */
    } muts[] = {
        {mut_grow, "add and rebuild", true},   {mut_clear, "clear", true},
        {mut_delete_self, "delete the compared entry", true}, {mut_pop, "popitem", true},
        {mut_set_values, "replace values", false}, {mut_add_one, "add one key", false},
    };
    for (size_t m = 0; m < sizeof muts / sizeof *muts; m++) {
        for (int hk = H_IDENTITY; hk < H_COUNT; hk++) {
            for (uint64_t nmut = 1; nmut <= 5; nmut += 2) {
                KrHashTable ht;
                fill_table(&ht, 50, hk);
                Ctx c = {.mutate = muts[m].fn, .mutations_left = nmut, .ht = &ht, .hash_kind = hk};
                size_t pos;
                /* Look up key 30 by an equal, non-identical key. */
                uint64_t probe = key_of(30, 1);
                int64_t h = hash_id(hk, 30);
                int rc = kr_ht_lookup(&ht, probe, h, eq_cb, &c, &pos);
                /* Whatever happened, the answer describes the table as it is. */
                Ctx quiet = {0};
                size_t pos2;
                int rc2 = kr_ht_lookup(&ht, probe, h, eq_cb, &quiet, &pos2);
                bool ok = rc == rc2 && (rc != 1 || pos == pos2);
                if (rc == 1)
                    ok = ok && id_of(ht.entries[pos].key) == 30;
                /* And an insert through a mutating eq leaves a sound table. */
                c.mutations_left = nmut;
                uint64_t k2 = key_of(31, 2);
                rc = kr_ht_insert(&ht, k2, hash_id(hk, 31), 99, 0, eq_cb, &c, NULL);
                ok = ok && rc >= 0;
                rc2 = kr_ht_lookup(&ht, k2, hash_id(hk, 31), eq_cb, &quiet, &pos2);
                ok = ok && rc2 == 1 && ht.entries[pos2].value == 99;
                /* Every live entry is still findable by its own bits. */
                size_t it = 0;
                const KrHtEntry *e;
                while (ok && kr_ht_next(&ht, &it, &e))
                    ok = kr_ht_lookup_fast(&ht, e->key, e->hash, NULL, NULL) == (ptrdiff_t)(it - 1);
                char what[160];
                snprintf(what, sizeof what, "eq that mutates: %s, %s hash, %llu times", muts[m].name,
                         hash_name[hk], (unsigned long long)nmut);
                check(ok, what, rc);
                kr_ht_free(&ht);
            }
        }
    }

    /* CPython's rule: a mutation that leaves the compared entry and the
     * table's arrays alone does not restart the search, so an __eq__ that
     * keeps adding keys still terminates. */
    KrHashTable ht;
    fill_table(&ht, 4, H_ZERO);
    kr_ht_reserve(&ht, 100);
    Ctx c = {.mutate = mut_add_one, .mutations_left = UINT64_MAX, .ht = &ht, .hash_kind = H_ZERO};
    size_t pos;
    int rc = kr_ht_lookup(&ht, key_of(3, 1), hash_id(H_ZERO, 3), eq_cb, &c, &pos);
    check(rc == 1 && pos == 3 && c.calls == 4 && ht.used == 8, "eq adding keys without a rebuild does not restart",
          (long)c.calls);
    kr_ht_free(&ht);

    /* A rebuild restarts: the eq calls are repeated on the new table. */
    fill_table(&ht, 4, H_ZERO);
    c = (Ctx){.mutate = mut_grow, .mutations_left = 1, .ht = &ht, .hash_kind = H_ZERO};
    rc = kr_ht_lookup(&ht, key_of(3, 1), hash_id(H_ZERO, 3), eq_cb, &c, &pos);
    check(rc == 1 && pos == 3 && c.calls == 5, "rebuild during eq restarts the lookup", (long)c.calls);
    kr_ht_free(&ht);
}

/* ---- growth, shrinking, order, dummies ---- */

static void test_growth_and_order(void)
{
    KrHashTable ht;
    kr_ht_init(&ht);
    Ctx c = {0};
    bool ok = true;
    uint64_t n = 100000;
    size_t last_mask = 0;
    int widths_seen = 0;
    for (uint64_t i = 0; i < n && ok; i++) {
        ok = kr_ht_insert(&ht, key_of(i * 7919 % n, 0), hash_id(H_GOOD, i * 7919 % n), i, 0, eq_cb, &c, NULL) == 0;
        if (ht.mask != last_mask) {
            /* Each rebuild sizes to the smallest power of two >= 3 * used. */
            ok = ok && ht.mask + 1 >= 3 * (ht.used - 1) && (ht.mask + 1) / 2 < 3 * (ht.used - 1) + 8;
            widths_seen |= 1 << ht.ixshift;
            last_mask = ht.mask;
        }
    }
    check(ok && widths_seen == 7, "growth policy and index widths 1, 2, 4 bytes", widths_seen);
    size_t pos = 0, i = 0;
    const KrHtEntry *e;
    ok = true;
    while (kr_ht_next(&ht, &pos, &e)) {
        ok = ok && e->key == key_of(i * 7919 % n, 0) && e->value == i;
        i++;
    }
    check(ok && i == n, "iteration in insertion order after growth", (long)i);
    ok = true;
    for (i = 0; i < n && ok; i++) {
        size_t p;
        ok = kr_ht_lookup(&ht, key_of(i, 1), hash_id(H_GOOD, i), eq_cb, &c, &p) == 1 && id_of(ht.entries[p].key) == i;
    }
    check(ok, "every key found after growth", (long)i);

    /* Fill to the brim, delete 99%, insert one: the rebuild sizes for
     * what is live, so the table shrinks and the holes go. */
    for (i = n; ht.free > 0; i++)
        kr_ht_insert_new(&ht, key_of(i, 0), hash_id(H_GOOD, i), 0, 0);
    size_t big = ht.mask, top = i;
    for (i = 0; i < top; i++)
        if (i % 100)
            kr_ht_delete(&ht, key_of(i, 0), hash_id(H_GOOD, i), eq_cb, &c, NULL, NULL);
    kr_ht_insert(&ht, key_of(top, 0), hash_id(H_GOOD, top), 0, 0, eq_cb, &c, NULL);
    check(ht.mask < big && ht.nentries == ht.used && ht.mask + 1 >= 3 * (ht.used - 1),
          "rebuild after deletions shrinks and drops holes", (long)ht.mask);
    kr_ht_free(&ht);

    /* Delete and re-insert the same key forever: dummies are reused, so the
     * table never rebuilds beyond its minimum size. */
    kr_ht_init(&ht);
    kr_ht_insert(&ht, key_of(1, 0), 1, 1, 0, eq_cb, &c, NULL);
    ok = true;
    for (i = 0; i < 100000 && ok; i++) {
        ok = kr_ht_delete(&ht, key_of(1, 0), 1, eq_cb, &c, NULL, NULL) == 1;
        ok = ok && kr_ht_insert(&ht, key_of(1, 0), 1, i, 0, eq_cb, &c, NULL) == 0;
    }
    check(ok && ht.mask == 7 && ht.used == 1, "delete/insert cycle stays at minimum size", (long)ht.mask);
    /* The index slot of the deleted key is what the new key took. */
    size_t dummies = 0;
    const int8_t *ix = ht.index;
    for (size_t s = 0; s <= ht.mask; s++)
        dummies += ix[s] == -2;
    check(dummies == 0, "a DUMMY slot is reused by the next insertion on its probe path", (long)dummies);
    kr_ht_free(&ht);

    /* popitem everything: LIFO order, O(n) in all. */
    fill_table(&ht, 50000, H_GOOD);
    for (i = 0; i < 50000; i += 3)
        kr_ht_delete_at(&ht, i, NULL, NULL);
    ok = true;
    uint64_t expect = 49999;
    uint64_t k, v;
    while (kr_ht_pop_last(&ht, &k, &v, NULL)) {
        while (expect % 3 == 0)
            expect--;
        ok = ok && id_of(k) == expect && v == expect * 10;
        expect--;
    }
    check(ok && ht.used == 0 && ht.nentries == 0, "pop_last in LIFO order", (long)expect);
    /* The popped-out table takes new keys and stays sound. */
    for (i = 0; i < 1000; i++)
        kr_ht_insert(&ht, key_of(i, 0), hash_id(H_GOOD, i), i, 0, eq_cb, &c, NULL);
    ok = ht.used == 1000;
    for (i = 0; i < 1000 && ok; i++)
        ok = kr_ht_lookup_fast(&ht, key_of(i, 0), hash_id(H_GOOD, i), NULL, NULL) >= 0;
    check(ok, "table reusable after popping everything", 0);
    kr_ht_free(&ht);

    /* Repeated popitem + insert of new keys never fills the index. */
    fill_table(&ht, 5, H_GOOD);
    for (i = 0; i < 100000; i++) {
        kr_ht_pop_last(&ht, NULL, NULL, NULL);
        kr_ht_insert_new(&ht, key_of(100 + i, 0), hash_id(H_GOOD, 100 + i), 0, 0);
    }
    check(ht.used == 5 && kr_ht_lookup_fast(&ht, key_of(12345678, 0), hash_id(H_GOOD, 12345678), NULL, NULL) == -1,
          "popitem/insert cycle keeps an EMPTY slot (misses terminate)", (long)ht.used);
    kr_ht_free(&ht);
}

static void test_flags_versions_copy(void)
{
    KrHashTable ht;
    kr_ht_init(&ht);
    check(ht.flags == (KR_HT_ALL_STR | KR_HT_ALL_IDENT), "empty table: all flags", ht.flags);
    kr_ht_insert(&ht, 1, 1, 1, KR_HT_KEY_STR | KR_HT_KEY_IDENT, NULL, NULL, NULL);
    kr_ht_insert(&ht, 2, 2, 1, KR_HT_KEY_STR, NULL, NULL, NULL);
    check(ht.flags == KR_HT_ALL_STR, "non-interned str clears ALL_IDENT", ht.flags);
    kr_ht_insert(&ht, 2, 2, 5, 0, NULL, NULL, NULL); /* replacement: key unchanged */
    check(ht.flags == KR_HT_ALL_STR, "replacing a value keeps the flags", ht.flags);
    kr_ht_insert(&ht, 3, 3, 1, 0, NULL, NULL, NULL);
    check(ht.flags == 0, "non-str key clears ALL_STR", ht.flags);
    kr_ht_delete(&ht, 3, 3, NULL, NULL, NULL, NULL);
    check(ht.flags == 0, "deletion does not restore flags", ht.flags);
    uint64_t v0 = ht.version;
    size_t pos;
    kr_ht_lookup(&ht, 1, 1, NULL, NULL, &pos);
    kr_ht_lookup(&ht, 99, 99, NULL, NULL, &pos);
    kr_ht_delete(&ht, 99, 99, NULL, NULL, NULL, NULL);
    check(ht.version == v0, "lookups and failed deletes keep the version", 0);
    kr_ht_set_value_at(&ht, pos, 8);
    check(ht.version == v0 + 1, "set_value_at bumps the version", 0);
    kr_ht_clear(&ht);
    check(ht.version == v0 + 2 && ht.used == 0 && ht.flags == (KR_HT_ALL_STR | KR_HT_ALL_IDENT),
          "clear bumps the version and resets flags", 0);
    kr_ht_clear(&ht);

    /* Copies, with and without holes, and reserve. */
    fill_table(&ht, 1000, H_GOOD);
    KrHashTable a, b;
    check(kr_ht_copy(&a, &ht) == 0 && a.mask == ht.mask && a.used == 1000, "copy without holes keeps the size", 0);
    for (uint64_t i = 0; i < 1000; i += 2)
        kr_ht_delete(&ht, key_of(i, 0), hash_id(H_GOOD, i), NULL, NULL, NULL, NULL);
    check(kr_ht_copy(&b, &ht) == 0 && b.used == 500 && b.nentries == 500 && b.mask < ht.mask,
          "copy with holes compacts", (long)b.mask);
    bool ok = true;
    size_t it = 0;
    const KrHtEntry *e;
    uint64_t expect = 1;
    while (kr_ht_next(&b, &it, &e)) {
        ok = ok && id_of(e->key) == expect && kr_ht_lookup_fast(&b, e->key, e->hash, NULL, NULL) == (ptrdiff_t)(it - 1);
        expect += 2;
    }
    check(ok && expect == 1001, "compacted copy in order and searchable", (long)expect);
    kr_ht_free(&a);
    kr_ht_free(&b);
    KrHashTable empty;
    kr_ht_init(&empty);
    check(kr_ht_copy(&a, &empty) == 0 && a.used == 0 && a.index == NULL, "copy of an empty table", 0);
    kr_ht_free(&ht);

    kr_ht_init(&ht);
    check(kr_ht_reserve(&ht, 1000) == 0 && ht.free >= 1000, "reserve", (long)ht.free);
    size_t mask = ht.mask;
    for (uint64_t i = 0; i < 1000; i++)
        kr_ht_insert_new(&ht, key_of(i, 0), hash_id(H_GOOD, i), i, 0);
    check(ht.mask == mask, "no rebuild within reserved room", (long)ht.mask);
    kr_ht_free(&ht);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int eq_plain(void *ctx, uint64_t a, uint64_t b)
{
    (void)ctx;
    return a == b;
}

static void bench(void)
{
    const uint64_t n = 1000000;
    uint64_t *keys = malloc(n * sizeof *keys);
    Rng r = {77};
    for (uint64_t i = 0; i < n; i++)
        keys[i] = rnd(&r) >> 16;
    KrHashTable ht;
    kr_ht_init(&ht);
    double t0 = now();
    for (uint64_t i = 0; i < n; i++)
        kr_ht_insert(&ht, keys[i], (int64_t)(keys[i] * UINT64_C(0x9E3779B97F4A7C15)), i, 0, eq_plain, NULL, NULL);
    double t1 = now();
    size_t hits = 0, pos;
    for (uint64_t i = 0; i < n; i++)
        hits += (size_t)kr_ht_lookup(&ht, keys[i], (int64_t)(keys[i] * UINT64_C(0x9E3779B97F4A7C15)), eq_plain,
                                     NULL, &pos);
    double t2 = now();
    size_t misses = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t k = keys[i] + (UINT64_C(1) << 50);
        misses += kr_ht_lookup_fast(&ht, k, (int64_t)(k * UINT64_C(0x9E3779B97F4A7C15)), NULL, NULL) < 0;
    }
    double t3 = now();
    for (uint64_t i = 0; i < n; i++)
        kr_ht_delete(&ht, keys[i], (int64_t)(keys[i] * UINT64_C(0x9E3779B97F4A7C15)), eq_plain, NULL, NULL, NULL);
    double t4 = now();
    check(hits == n && misses == n && ht.used == 0, "bench table consistent", (long)hits);
    printf("bench: 1e6 keys: insert %.1f ms, hit lookup %.1f ms, miss lookup (fast) %.1f ms, delete %.1f ms\n",
           (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, (t4 - t3) * 1e3);
    kr_ht_free(&ht);
    free(keys);
}

int main(void)
{
    for (int hk = 0; hk < H_COUNT; hk++) {
        bool slow = hk == H_CONSTANT || hk == H_FEW || hk == H_ZERO;
        test_random(hk, 1 + (uint64_t)hk, slow ? 20000 : 60000, 300);
        test_random(hk, 100 + (uint64_t)hk, slow ? 5000 : 60000, slow ? 2000 : 20000);
        test_random(hk, 200 + (uint64_t)hk, 20000, 8);
    }
    test_identity_shortcut();
    test_eq_errors();
    test_mutating_eq();
    test_growth_and_order();
    test_flags_versions_copy();
    bench();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
