/* Insertion-ordered compact hash table (see hashtable.h). */
#include "core/hashtable.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/value.h"

/* Holes are marked with a word no Python value has. */
_Static_assert(KR_HT_NOKEY == KR_ERROR, "KR_HT_NOKEY must be the non-value KR_ERROR");

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)

#define LOG2_MINSIZE 3
#define PERTURB_SHIFT 5

/* Entries fit in 2/3 of the slots: probe sequences stay short and there is
 * always an EMPTY slot to end a search. */
static inline size_t usable_of(size_t slots) { return (slots << 1) / 3; }

static inline int64_t ix_get(const KrHashTable *ht, size_t i)
{
    switch (ht->ixshift) {
    case 0: return ((const int8_t *)ht->index)[i];
    case 1: return ((const int16_t *)ht->index)[i];
    case 2: return ((const int32_t *)ht->index)[i];
    default: return ((const int64_t *)ht->index)[i];
    }
}

static inline void ix_set(KrHashTable *ht, size_t i, int64_t v)
{
    switch (ht->ixshift) {
    case 0: ((int8_t *)ht->index)[i] = (int8_t)v; break;
    case 1: ((int16_t *)ht->index)[i] = (int16_t)v; break;
    case 2: ((int32_t *)ht->index)[i] = (int32_t)v; break;
    default: ((int64_t *)ht->index)[i] = v; break;
    }
}

/* The probe sequence: i = hash & mask first, then i = 5i + 1 + perturb with
 * perturb shifted right each step.  5i + 1 alone visits every slot of a
 * power-of-two table; perturb brings in the high hash bits early so keys
 * that agree in their low bits part ways quickly.  Once perturb is zero it
 * stays zero and the plain recurrence guarantees termination. */
static inline size_t probe_next(size_t i, size_t *perturb, size_t mask)
{
    *perturb >>= PERTURB_SHIFT;
    return (i * 5 + *perturb + 1) & mask;
}

void kr_ht_init(KrHashTable *ht)
{
    memset(ht, 0, sizeof *ht);
    ht->flags = KR_HT_ALL_STR | KR_HT_ALL_IDENT;
}

void kr_ht_free(KrHashTable *ht)
{
    free(ht->index);
    kr_ht_init(ht);
}

void kr_ht_clear(KrHashTable *ht)
{
    uint64_t version = ht->version, layout = ht->layout;
    kr_ht_free(ht);
    kr_ht_init(ht);
    ht->version = version + 1;
    ht->layout = layout + 1;
}

/* Smallest log2 size whose usable part holds n entries. */
static unsigned log2_for(size_t n)
{
    unsigned k = LOG2_MINSIZE;
    while (k < sizeof(size_t) * 8 - 2 && usable_of((size_t)1 << k) < n)
        k++;
    return k;
}

/* Index slots are as narrow as the largest position allows; positions are
 * below 2/3 of the slot count, and slot values are signed so that EMPTY
 * and DUMMY are negative. */
static unsigned ixshift_for(unsigned log2size)
{
    if (log2size <= 7)
        return 0;
    if (log2size <= 15)
        return 1;
    if (log2size <= 31)
        return 2;
    return 3;
}

/* Allocates a block of 2^log2size slots, all EMPTY, with its entries after
 * the index (the index size is a multiple of 8, so entries are aligned). */
static void *alloc_block(unsigned log2size, unsigned ixshift, KrHtEntry **entries)
{
    size_t slots = (size_t)1 << log2size;
    if (slots > (SIZE_MAX / 2) / (sizeof(KrHtEntry) + 8))
        return NULL;
    size_t ixbytes = slots << ixshift;
    char *block = malloc(ixbytes + usable_of(slots) * sizeof(KrHtEntry));
    if (!block)
        return NULL;
    memset(block, 0xFF, ixbytes); /* -1 at every width */
    *entries = (KrHtEntry *)(void *)(block + ixbytes);
    return block;
}

/* First EMPTY or DUMMY slot on hash's probe sequence.  Reusing a DUMMY is
 * safe: the slot stays non-empty, so searches still probe past it. */
static size_t free_slot(const KrHashTable *ht, int64_t hash)
{
    size_t mask = ht->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    while (ix_get(ht, i) >= 0)
        i = probe_next(i, &perturb, mask);
    return i;
}

/* Builds into `out` a fresh block of 2^log2size slots holding src's live
 * entries in order, without the holes; src is only read.  Sets the shape
 * fields of `out` (index, entries, mask, ixshift, nentries, used, free). */
static int build(const KrHashTable *src, unsigned log2size, KrHashTable *out)
{
    unsigned ixshift = ixshift_for(log2size);
    KrHtEntry *entries;
    void *block = alloc_block(log2size, ixshift, &entries);
    if (!block)
        return KR_HT_NOMEM;
    size_t n = 0;
    if (src->nentries == src->used) {
        if (src->used)
            memcpy(entries, src->entries, src->used * sizeof *entries);
        n = src->used;
    } else {
        for (size_t i = 0; i < src->nentries; i++)
            if (src->entries[i].key != KR_HT_NOKEY)
                entries[n++] = src->entries[i];
    }
    assert(n == src->used);
    out->index = block;
    out->entries = entries;
    out->ixshift = (uint8_t)ixshift;
    out->mask = ((size_t)1 << log2size) - 1;
    out->nentries = out->used = n;
    out->free = usable_of((size_t)1 << log2size) - n;
    /* Fresh index: no DUMMY slots, so the first free slot is EMPTY. */
    for (size_t j = 0; j < n; j++)
        ix_set(out, free_slot(out, entries[j].hash), (int64_t)j);
    return 0;
}

/* Replaces the table's block by a compact one of 2^log2size slots. */
static int rebuild(KrHashTable *ht, unsigned log2size)
{
    void *old = ht->index;
    int rc = build(ht, log2size, ht);
    if (rc)
        return rc;
    free(old);
    ht->layout++;
    return 0;
}

int kr_ht_reserve(KrHashTable *ht, size_t n)
{
    if (n <= ht->used + ht->free)
        return 0;
    return rebuild(ht, log2_for(n));
}

int kr_ht_copy(KrHashTable *dst, const KrHashTable *src)
{
    kr_ht_init(dst);
    dst->flags = src->flags;
    if (src->used == 0)
        return 0;
    if (src->nentries == src->used) {
        /* No holes: the block can be copied as it is. */
        size_t slots = src->mask + 1;
        size_t bytes = (slots << src->ixshift) + usable_of(slots) * sizeof(KrHtEntry);
        void *block = malloc(bytes);
        if (!block)
            return KR_HT_NOMEM;
        memcpy(block, src->index, (slots << src->ixshift) + src->nentries * sizeof(KrHtEntry));
        dst->index = block;
        dst->entries = (KrHtEntry *)(void *)((char *)block + (slots << src->ixshift));
        dst->mask = src->mask;
        dst->ixshift = src->ixshift;
        dst->nentries = dst->used = src->used;
        dst->free = usable_of(slots) - src->used;
        return 0;
    }
    /* Holes: build a compact table sized for the live entries. */
    if (build(src, log2_for(src->used), dst)) {
        kr_ht_init(dst);
        return KR_HT_NOMEM;
    }
    return 0;
}

int kr_ht_lookup(KrHashTable *ht, uint64_t key, int64_t hash, KrHtEq eq, void *ctx, size_t *pos)
{
restart:
    if (ht->used == 0)
        return 0;
    size_t mask = ht->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    uint64_t layout = ht->layout;
    for (;;) {
        int64_t ix = ix_get(ht, i);
        if (ix == IX_EMPTY)
            return 0;
        if (ix >= 0) {
            /* A position in the index is always a live entry. */
            const KrHtEntry *e = &ht->entries[ix];
            if (e->key == key) {
                *pos = (size_t)ix;
                return 1;
            }
            if (e->hash == hash && eq) {
                uint64_t k = e->key;
                int r = eq(ctx, k, key);
                if (r < 0)
                    return KR_HT_ERROR;
                /* The callback may have rebuilt or cleared the table, or
                 * replaced this entry: then `e` and the probe state belong
                 * to a table that no longer exists.  The layout counter is
                 * checked first since only an unchanged layout makes the
                 * old entry pointer safe to read. */
                if (ht->layout != layout || ht->entries[ix].key != k)
                    goto restart;
                if (r) {
                    *pos = (size_t)ix;
                    return 1;
                }
            }
        }
        i = probe_next(i, &perturb, mask);
    }
}

ptrdiff_t kr_ht_lookup_fast(const KrHashTable *ht, uint64_t key, int64_t hash, KrHtSame same, void *ctx)
{
    if (ht->used == 0)
        return -1;
    size_t mask = ht->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        int64_t ix = ix_get(ht, i);
        if (ix == IX_EMPTY)
            return -1;
        if (ix >= 0) {
            const KrHtEntry *e = &ht->entries[ix];
            if (e->key == key || (same && e->hash == hash && same(ctx, e->key, key)))
                return (ptrdiff_t)ix;
        }
        i = probe_next(i, &perturb, mask);
    }
}

/* Appends a new entry; the key is known to be absent. */
static int add_entry(KrHashTable *ht, uint64_t key, int64_t hash, uint64_t value, unsigned keyflags)
{
    if (ht->free == 0) {
        /* Grow to 3x the live entries (CPython's GROWTH_RATE): a table
         * that deletions emptied shrinks here instead. */
        size_t want = ht->used * 3;
        unsigned k = LOG2_MINSIZE;
        while (k < sizeof(size_t) * 8 - 2 && ((size_t)1 << k) < want)
            k++;
        int rc = rebuild(ht, k);
        if (rc)
            return rc;
    }
    size_t pos = ht->nentries++;
    ix_set(ht, free_slot(ht, hash), (int64_t)pos);
    KrHtEntry *e = &ht->entries[pos];
    e->hash = hash;
    e->key = key;
    e->value = value;
    ht->used++;
    ht->free--;
    ht->version++;
    ht->flags &= (uint8_t)keyflags;
    return 0;
}

int kr_ht_insert(KrHashTable *ht, uint64_t key, int64_t hash, uint64_t value, unsigned keyflags, KrHtEq eq,
                 void *ctx, uint64_t *old_value)
{
    size_t pos;
    int r = kr_ht_lookup(ht, key, hash, eq, ctx, &pos);
    if (r < 0)
        return r;
    if (r) {
        uint64_t old = kr_ht_set_value_at(ht, pos, value);
        if (old_value)
            *old_value = old;
        return 1;
    }
    /* No callback runs between the lookup and here, so "absent" still
     * holds. */
    return add_entry(ht, key, hash, value, keyflags);
}

int kr_ht_insert_new(KrHashTable *ht, uint64_t key, int64_t hash, uint64_t value, unsigned keyflags)
{
    return add_entry(ht, key, hash, value, keyflags);
}

uint64_t kr_ht_set_value_at(KrHashTable *ht, size_t pos, uint64_t value)
{
    assert(pos < ht->nentries && ht->entries[pos].key != KR_HT_NOKEY);
    uint64_t old = ht->entries[pos].value;
    ht->entries[pos].value = value;
    ht->version++;
    return old;
}

void kr_ht_delete_at(KrHashTable *ht, size_t pos, uint64_t *old_key, uint64_t *old_value)
{
    assert(pos < ht->nentries && ht->entries[pos].key != KR_HT_NOKEY);
    KrHtEntry *e = &ht->entries[pos];
    /* Find the index slot that names this entry by walking its hash's
     * probe sequence; no comparisons needed. */
    size_t mask = ht->mask, perturb = (size_t)e->hash, i = (size_t)e->hash & mask;
    while (ix_get(ht, i) != (int64_t)pos)
        i = probe_next(i, &perturb, mask);
    ix_set(ht, i, IX_DUMMY);
    if (old_key)
        *old_key = e->key;
    if (old_value)
        *old_value = e->value;
    e->key = KR_HT_NOKEY;
    e->value = 0;
    ht->used--;
    ht->version++;
}

int kr_ht_delete(KrHashTable *ht, uint64_t key, int64_t hash, KrHtEq eq, void *ctx, uint64_t *old_key,
                 uint64_t *old_value)
{
    size_t pos;
    int r = kr_ht_lookup(ht, key, hash, eq, ctx, &pos);
    if (r <= 0)
        return r;
    kr_ht_delete_at(ht, pos, old_key, old_value);
    return 1;
}

bool kr_ht_pop_last(KrHashTable *ht, uint64_t *key, uint64_t *value, int64_t *hash)
{
    if (ht->used == 0)
        return false;
    size_t pos = ht->nentries - 1;
    while (ht->entries[pos].key == KR_HT_NOKEY)
        pos--;
    if (hash)
        *hash = ht->entries[pos].hash;
    kr_ht_delete_at(ht, pos, key, value);
    /* Trailing holes go, so popping everything costs O(n) in all.  The
     * entry slots this frees are not added to `free`: their DUMMY index
     * slots are still occupied, and `free` bounds index occupancy too. */
    while (pos > 0 && ht->entries[pos - 1].key == KR_HT_NOKEY)
        pos--;
    ht->nentries = pos;
    return true;
}
