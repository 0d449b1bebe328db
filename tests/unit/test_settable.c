/* Unit tests for core/settable.c (the set engine with CPython's layout).
 *
 * The main test replays operation sequences recorded from CPython 3.11
 * (data/set_order_cases.h, made by data/gen_set_order.py) and checks after
 * every step that the set iterates in exactly CPython's order and that
 * pop() returns what CPython's returned.  Then: random operations against
 * a reference bitmap, equal-but-not-identical keys, failing and mutating
 * eq callbacks (run under ASan), merge reference counting, and a timing
 * line for 1e6 keys.
 *
 * Prints `N passed, M failed`; exit status 1 if anything failed. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/settable.h"

#include "data/set_order_cases.h"

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

/* ---- the CPython replay ---- */

/* Python ints as keys: a fixed offset keeps them clear of the markers. */
#define KEY_BIAS (UINT64_C(1) << 62)
static uint64_t key_of(long long k) { return (uint64_t)k + KEY_BIAS; }
static long long int_of(uint64_t key) { return (long long)(key - KEY_BIAS); }
/* hash() of a Python int of this size. */
static int64_t hash_of(long long k) { return k == -1 ? -2 : k; }

static int eq_bits(void *ctx, uint64_t a, uint64_t b)
{
    (void)ctx;
    return a == b;
}

/* The generator's signature: FNV-1a over the keys in iteration order. */
static uint64_t signature(const KrSetTable *st)
{
    uint64_t h = UINT64_C(0xCBF29CE484222325);
    size_t pos = 0;
    const KrSetEntry *e;
    while (kr_set_next(st, &pos, &e))
        h = (h ^ (uint64_t)int_of(e->key)) * UINT64_C(0x100000001B3);
    return h ^ st->used;
}

static void copy_set(KrSetTable *dst, const KrSetTable *src)
{
    KrSetTable fresh;
    kr_set_init(&fresh);
    kr_set_merge(&fresh, src, eq_bits, NULL, NULL, NULL);
    kr_set_free(dst);
    *dst = fresh;
}

static void test_cpython_order(void)
{
    size_t n = sizeof set_order_cases / sizeof *set_order_cases;
    KrSetTable s, t;
    kr_set_init(&s);
    kr_set_init(&t);
    int sequences = 0, bad_sequences = 0;
    long steps = 0;
    bool broken = false; /* the current sequence already failed */
    for (size_t i = 0; i < n; i++) {
        const SetOrderCase *c = &set_order_cases[i];
        if (c->op == 'n') {
            kr_set_free(&s);
            kr_set_free(&t);
            kr_set_init(&s);
            kr_set_init(&t);
            sequences++;
            broken = false;
            continue;
        }
        if (c->op == 'x')
            continue;
        if (broken)
            continue;
        bool ok = true;
        uint64_t k = key_of(c->k);
        int64_t h = hash_of(c->k);
        switch (c->op) {
        case 'a': ok = kr_set_add(&s, k, h, eq_bits, NULL) >= 0; break;
        case 'd': ok = kr_set_discard(&s, k, h, eq_bits, NULL, NULL) >= 0; break;
        case 'p': {
            uint64_t got;
            ok = kr_set_pop(&s, &got, NULL) && int_of(got) == c->popped;
            break;
        }
        case 'A': ok = kr_set_add(&t, k, h, eq_bits, NULL) >= 0; break;
        case 'E': ok = kr_set_discard(&t, k, h, eq_bits, NULL, NULL) >= 0; break;
        case 'c': kr_set_clear(&s); break;
        case 'U': ok = kr_set_merge(&s, &t, eq_bits, NULL, NULL, NULL) == 0; break;
        case 'Y': copy_set(&s, &t); break;
        case 'C': copy_set(&t, &s); break;
        case 'L':
        case 'D': {
            if (c->op == 'D')
                ok = kr_set_presize(&s, (size_t)c->k) == 0;
            for (long long j = 1; j <= c->k; j++) {
                long long x = set_order_cases[i + (size_t)j].k;
                ok = ok && kr_set_add(&s, key_of(x), hash_of(x), eq_bits, NULL) >= 0;
            }
            break;
        }
        case 'R':
            for (long long x = 0; x < 7 * c->k; x += 7)
                kr_set_add(&s, key_of(x), hash_of(x), eq_bits, NULL);
            for (long long x = 0; x < 7 * c->k; x += 21)
                kr_set_discard(&s, key_of(x), hash_of(x), eq_bits, NULL, NULL);
            break;
        default: ok = false; break;
        }
        steps++;
        if (!ok || signature(&s) != c->sig) {
            fprintf(stderr, "  set order differs from CPython at record %zu (op '%c' %lld); Krait's order:", i, c->op,
                    c->k);
            size_t pos = 0;
            const KrSetEntry *e;
            for (int shown = 0; shown < 40 && kr_set_next(&s, &pos, &e); shown++)
                fprintf(stderr, " %lld", int_of(e->key));
            fprintf(stderr, "\n");
            broken = true;
            bad_sequences++;
        }
    }
    kr_set_free(&s);
    kr_set_free(&t);
    printf("  replayed %ld CPython set operations in %d sequences\n", steps, sequences);
    check(bad_sequences == 0 && sequences > 0, "set iteration order and pop() equal CPython's", bad_sequences);
}

/* Hand-picked layouts anyone can check in a python3.11 prompt. */
static void test_known_orders(void)
{
    static const struct {
        long long in[8];
        int n;
        long long out[8];
    } cases[] = {
        {{3, 1, 2}, 3, {1, 2, 3}},
        {{5, 100}, 2, {100, 5}},
        {{100, 5}, 2, {100, 5}},
        {{8, 0}, 2, {8, 0}},
        {{-1, -2, 7}, 3, {7, -1, -2}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        KrSetTable s;
        kr_set_init(&s);
        for (int i = 0; i < cases[c].n; i++)
            kr_set_add(&s, key_of(cases[c].in[i]), hash_of(cases[c].in[i]), eq_bits, NULL);
        size_t pos = 0;
        int i = 0;
        bool ok = true;
        const KrSetEntry *e;
        while (kr_set_next(&s, &pos, &e))
            ok = ok && i < cases[c].n && int_of(e->key) == cases[c].out[i++];
        check(ok && i == cases[c].n, "known CPython set order", (long)c);
        kr_set_free(&s);
    }
    /* {0, 8}: remove 0, add 16 -> {16, 8}: the DUMMY is reused. */
    KrSetTable s;
    kr_set_init(&s);
    kr_set_add(&s, key_of(0), 0, eq_bits, NULL);
    kr_set_add(&s, key_of(8), 8, eq_bits, NULL);
    kr_set_discard(&s, key_of(0), 0, eq_bits, NULL, NULL);
    kr_set_add(&s, key_of(16), 16, eq_bits, NULL);
    size_t pos = 0;
    const KrSetEntry *e;
    bool ok = kr_set_next(&s, &pos, &e) && int_of(e->key) == 16 && kr_set_next(&s, &pos, &e) && int_of(e->key) == 8;
    check(ok, "DUMMY reuse: {16, 8}", 0);
    kr_set_free(&s);
}

/* ---- random operations against a reference ---- */

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

/* Keys with an id (low 40 bits) and a variant: equal ids are equal keys. */
#define ID_MASK ((UINT64_C(1) << 40) - 1)
static uint64_t vkey(uint64_t id, uint64_t variant) { return id | (variant << 40); }

typedef struct Ctx Ctx;
struct Ctx {
    uint64_t calls, fail_at;
    void (*mutate)(Ctx *c);
    uint64_t mutations_left;
    KrSetTable *st;
    uint64_t next_fresh;
    long refs; /* net count from the merge reference hook */
};

static int eq_id(void *vctx, uint64_t a, uint64_t b)
{
    Ctx *c = vctx;
    c->calls++;
    if (c->fail_at && c->calls == c->fail_at)
        return -1;
    if (c->mutate && c->mutations_left) {
        c->mutations_left--;
        c->mutate(c);
    }
    return (a & ID_MASK) == (b & ID_MASK);
}

static int64_t hash_kind(int kind, uint64_t id)
{
    switch (kind) {
    case 0: return (int64_t)(id * UINT64_C(0x9E3779B97F4A7C15));
    case 1: return (int64_t)id;
    case 2: return 42;
    default: return (int64_t)(id % 5);
    }
}

static void test_random(int kind, uint64_t seed)
{
    Rng r = {seed};
    enum { NIDS = 3000 };
    static bool in[NIDS];
    memset(in, 0, sizeof in);
    size_t count = 0;
    KrSetTable s;
    kr_set_init(&s);
    Ctx c = {0};
    bool ok = true;
    int nops = kind >= 2 ? 8000 : 60000;
    uint64_t range = kind >= 2 ? 400 : NIDS;
    for (int op = 0; op < nops && ok; op++) {
        uint64_t id = rnd(&r) % range, key = vkey(id, rnd(&r) % 3);
        int64_t h = hash_kind(kind, id);
        unsigned what = (unsigned)(rnd(&r) % 100);
        if (what < 40) {
            int rc = kr_set_add(&s, key, h, eq_id, &c);
            ok = rc == (in[id] ? 1 : 0);
            if (!in[id])
                count++;
            in[id] = true;
        } else if (what < 65) {
            uint64_t old = 0;
            int rc = kr_set_discard(&s, key, h, eq_id, &c, &old);
            ok = rc == (in[id] ? 1 : 0) && (!in[id] || (old & ID_MASK) == id);
            if (in[id])
                count--;
            in[id] = false;
        } else if (what < 95) {
            size_t slot;
            int rc = kr_set_lookup(&s, key, h, eq_id, &c, &slot);
            ok = rc == (in[id] ? 1 : 0) && (!in[id] || (s.table[slot].key & ID_MASK) == id);
        } else if (what < 99) {
            uint64_t k;
            bool got = kr_set_pop(&s, &k, NULL);
            ok = got == (count > 0) && (!got || in[k & ID_MASK]);
            if (got) {
                in[k & ID_MASK] = false;
                count--;
            }
        } else if (rnd(&r) % 10 == 0) {
            kr_set_clear(&s);
            memset(in, 0, sizeof in);
            count = 0;
        }
        ok = ok && s.used == count && s.fill <= s.mask;
        if (ok && op % 500 == 0) {
            size_t pos = 0, seen = 0;
            const KrSetEntry *e;
            while (ok && kr_set_next(&s, &pos, &e)) {
                ok = in[e->key & ID_MASK];
                seen++;
            }
            ok = ok && seen == count;
        }
        if (!ok)
            fprintf(stderr, "  random set ops: kind %d, op %d\n", kind, op);
    }
    check(ok, "random set operations vs reference", kind);
    kr_set_free(&s);
}

/* ---- failures and mutation inside eq ---- */

static void fill_ids(KrSetTable *s, uint64_t n, int kind)
{
    kr_set_init(s);
    for (uint64_t i = 0; i < n; i++)
        kr_set_add(s, vkey(i, 0), hash_kind(kind, i), NULL, NULL);
}

static void mut_grow(Ctx *c)
{
    /* One new key, then a rebuild into a larger table. */
    uint64_t id = c->next_fresh++;
    kr_set_add(c->st, vkey(id, 0), hash_kind(2, id), NULL, NULL);
    kr_set_presize(c->st, c->st->mask * 3 / 5 + 1); /* just over the trigger: 2x */
}

static void mut_clear(Ctx *c) { kr_set_clear(c->st); }

static void mut_pop(Ctx *c) { kr_set_pop(c->st, NULL, NULL); }

static void mut_free(Ctx *c) { kr_set_free(c->st); }

static void test_eq_callbacks(void)
{
    KrSetTable s;
    fill_ids(&s, 30, 2); /* one hash for all */
    bool ok = true;
    for (uint64_t k = 1; k <= 30 && ok; k++) {
        Ctx c = {.fail_at = k};
        size_t used = s.used, fill = s.fill;
        int rc = kr_set_add(&s, vkey(1000, 1), 42, eq_id, &c);
        ok = rc == KR_HT_ERROR && s.used == used && s.fill == fill;
        c.calls = 0;
        rc = kr_set_lookup(&s, vkey(29, 1), 42, eq_id, &c, NULL);
        ok = ok && (rc == KR_HT_ERROR || (rc == 1 && c.calls < k));
    }
    check(ok, "failing eq in set add/lookup", 0);
    kr_set_free(&s);

    static const struct {
        void (*fn)(Ctx *);
        const char *name;
    } muts[] = {{mut_grow, "grow"}, {mut_clear, "clear"}, {mut_pop, "pop"}, {mut_free, "free"}};
    for (size_t m = 0; m < sizeof muts / sizeof *muts; m++) {
        for (uint64_t times = 1; times <= 4; times++) {
            fill_ids(&s, 20, 2);
            Ctx c = {.mutate = muts[m].fn, .mutations_left = times, .st = &s, .next_fresh = 1000};
            int rc = kr_set_lookup(&s, vkey(15, 1), 42, eq_id, &c, NULL);
            Ctx quiet = {0};
            int rc2 = kr_set_lookup(&s, vkey(15, 1), 42, eq_id, &quiet, NULL);
            ok = rc == rc2;
            c.mutations_left = times;
            rc = kr_set_add(&s, vkey(16, 2), 42, eq_id, &c);
            ok = ok && rc >= 0 && kr_set_lookup(&s, vkey(16, 0), 42, eq_id, &quiet, NULL) == 1;
            c.mutations_left = times;
            rc = kr_set_discard(&s, vkey(16, 1), 42, eq_id, &c, NULL);
            ok = ok && rc >= 0 && kr_set_lookup(&s, vkey(16, 0), 42, eq_id, &quiet, NULL) == 0;
            size_t pos = 0, seen = 0;
            const KrSetEntry *e;
            while (kr_set_next(&s, &pos, &e))
                seen++;
            ok = ok && seen == s.used && s.fill <= s.mask;
            char what[96];
            snprintf(what, sizeof what, "set eq that mutates: %s, %llu times", muts[m].name, (unsigned long long)times);
            check(ok, what, rc);
            kr_set_free(&s);
        }
    }
}

static void ref_hook(void *ctx, uint64_t key, int delta)
{
    (void)key;
    ((Ctx *)ctx)->refs += delta;
}

static void test_merge_refs(void)
{
    KrSetTable a, b, c;
    fill_ids(&a, 100, 0);
    Ctx rc = {0};
    kr_set_init(&b);
    check(kr_set_merge(&b, &a, eq_id, &rc, ref_hook, &rc) == 0 && rc.refs == 100 && b.used == 100,
          "merge into empty takes every key", rc.refs);
    /* Overlapping merge: only the new keys are kept. */
    kr_set_init(&c);
    for (uint64_t i = 50; i < 150; i++)
        kr_set_add(&c, vkey(i, 1), hash_kind(0, i), NULL, NULL);
    rc.refs = 0;
    check(kr_set_merge(&c, &a, eq_id, &rc, ref_hook, &rc) == 0 && rc.refs == 50 && c.used == 150,
          "overlapping merge takes only new keys", rc.refs);
    kr_set_free(&a);
    kr_set_free(&b);
    kr_set_free(&c);
    /* An eq that empties (or frees) the source in the middle of a merge. */
    for (int variant = 0; variant < 2; variant++) {
        fill_ids(&a, 40, 2);
        kr_set_init(&c);
        for (uint64_t i = 100; i < 110; i++)
            kr_set_add(&c, vkey(i, 0), 42, NULL, NULL);
        Ctx mc = {.mutate = variant ? mut_free : mut_clear, .mutations_left = 1, .st = &a};
        int r = kr_set_merge(&c, &a, eq_id, &mc, ref_hook, &mc);
        check(r == 0 && a.used == 0 && c.used >= 10 && c.used <= 11 && mc.refs == (long)c.used - 10,
              "merge survives an eq that empties the source", (long)c.used);
        kr_set_free(&a);
        kr_set_free(&c);
    }
    /* A small set without dummies is copied slot for slot (no resize: the
     * sizes match), colliding keys included. */
    kr_set_init(&a);
    static const int64_t hs[] = {3, 11, 19, 2};
    for (int i = 0; i < 4; i++)
        kr_set_add(&a, vkey((uint64_t)i, 0), hs[i], NULL, NULL);
    kr_set_init(&b);
    kr_set_merge(&b, &a, NULL, NULL, NULL, NULL);
    bool same = b.mask == a.mask && b.fill == a.fill;
    for (size_t i = 0; same && i <= a.mask; i++)
        same = a.table[i].key == b.table[i].key;
    check(same, "copy of a small set without dummies is slot for slot", 0);
    kr_set_free(&a);
    kr_set_free(&b);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void bench(void)
{
    const uint64_t n = 1000000;
    Rng r = {5};
    uint64_t *keys = malloc(n * sizeof *keys);
    for (uint64_t i = 0; i < n; i++)
        keys[i] = rnd(&r) >> 16;
    KrSetTable s;
    kr_set_init(&s);
    double t0 = now();
    for (uint64_t i = 0; i < n; i++)
        kr_set_add(&s, keys[i], (int64_t)(keys[i] * UINT64_C(0x9E3779B97F4A7C15)), eq_bits, NULL);
    double t1 = now();
    size_t hits = 0;
    for (uint64_t i = 0; i < n; i++)
        hits += (size_t)kr_set_lookup(&s, keys[i], (int64_t)(keys[i] * UINT64_C(0x9E3779B97F4A7C15)), eq_bits, NULL,
                                      NULL);
    double t2 = now();
    check(hits == n, "bench set consistent", (long)hits);
    printf("bench: 1e6 keys: set add %.1f ms, lookup %.1f ms\n", (t1 - t0) * 1e3, (t2 - t1) * 1e3);
    kr_set_free(&s);
    free(keys);
}

int main(void)
{
    test_cpython_order();
    test_known_orders();
    for (int kind = 0; kind < 4; kind++)
        test_random(kind, 10 + (uint64_t)kind);
    test_eq_callbacks();
    test_merge_refs();
    bench();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
