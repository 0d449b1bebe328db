/* The hash table engine under dict: insertion-ordered and compact.
 *
 * Layout (DESIGN.md §3): a dense array of entries {hash, key, value} in
 * insertion order, and a sparse index array of 2^k slots holding entry
 * positions (1, 2, 4 or 8 bytes each, the narrowest that can hold every
 * position at that size).  Index slots are EMPTY, DUMMY (a deleted key was
 * here: probing must go on past it) or a position.  Probing is open
 * addressing with CPython's perturbation, i = 5i + 1 + (perturb >>= 5), so
 * every slot is reached and all hash bits take part.  At most 2/3 of the
 * slots are ever used; a full table is rebuilt at the smallest power of two
 * >= 3 * live entries, which also squeezes out the holes that deletions
 * leave in the entry array.
 *
 * The engine knows nothing about objects.  Keys and values are 64-bit
 * words; the caller computes hashes and supplies equality as a callback
 * that may fail (a Python __eq__ can raise) and may mutate this very table
 * (a Python __eq__ can modify the dict).  Equal key bits always match
 * without a call.  When the callback changes the table under a lookup,
 * the lookup starts again, as CPython's does: the answer is about the
 * table as it is now, and no pointer into a freed or moved array is used.
 *
 * References are the caller's business: the table stores words and hands
 * back the ones it drops (old values, removed keys and values).  While a
 * callback runs, the caller must keep alive both keys it was given and the
 * object that holds this table.  The word KR_HT_NOKEY (the bits of
 * KR_ERROR, which is no Python value) marks holes and must never be a key. */
#ifndef KRAIT_HASHTABLE_H
#define KRAIT_HASHTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KR_HT_NOKEY UINT64_C(0xFFFA00000000000E)

/* Status codes.  Lookups answer 1 (found) or 0 (absent) otherwise. */
enum {
    KR_HT_ERROR = -1, /* the eq callback failed; its exception stands */
    KR_HT_NOMEM = -2, /* an allocation failed; the table is unchanged */
};

/* Per-key facts the caller states on insertion; the table keeps, in
 * `flags`, the ones true of every key inserted since it was last empty
 * (deleting keys never sets a flag back). */
enum {
    KR_HT_KEY_STR = 1,   /* an exact str: equality is a plain string compare */
    KR_HT_KEY_IDENT = 2, /* an interned str: two such keys are equal iff their bits are */
};
#define KR_HT_ALL_STR KR_HT_KEY_STR
#define KR_HT_ALL_IDENT KR_HT_KEY_IDENT

typedef struct {
    int64_t hash;
    uint64_t key; /* KR_HT_NOKEY for a hole left by a deletion */
    uint64_t value;
} KrHtEntry;

typedef struct {
    void *index;        /* 2^log2size slots, then the entries, in one block */
    KrHtEntry *entries; /* capacity: 2/3 of the slots */
    size_t mask;        /* slots - 1; 0 while nothing is allocated */
    size_t nentries;    /* entries in use, holes included */
    size_t used;        /* live entries: len(dict) */
    size_t free;        /* new keys that fit before the next rebuild */
    uint64_t version;   /* bumped by every mutation (global-variable caches) */
    uint64_t layout;    /* bumped whenever the block is replaced or freed */
    uint8_t ixshift;    /* log2 of the index slot width in bytes */
    uint8_t flags;      /* KR_HT_ALL_STR, KR_HT_ALL_IDENT */
} KrHashTable;

/* Returns 1 if a == b, 0 if not, -1 on error.  May run arbitrary code,
 * including code that mutates the table being searched. */
typedef int (*KrHtEq)(void *ctx, uint64_t a, uint64_t b);

/* An equality that cannot fail nor run code that could touch the table
 * (comparing two exact strs, say). */
typedef bool (*KrHtSame)(void *ctx, uint64_t a, uint64_t b);

/* An empty table allocates nothing until its first insertion. */
void kr_ht_init(KrHashTable *ht);
/* Releases the memory (not the keys and values: iterate first). */
void kr_ht_free(KrHashTable *ht);
/* Empties the table and releases its memory; keys and values are the
 * caller's to release, so it iterates before calling this. */
void kr_ht_clear(KrHashTable *ht);

/* Makes room so that `n` live keys fit without another rebuild.
 * Returns 0 or KR_HT_NOMEM. */
int kr_ht_reserve(KrHashTable *ht, size_t n);

/* Makes dst (uninitialised or freed) an independent copy of src, with no
 * holes.  The caller takes new references to the keys and values.
 * Returns 0 or KR_HT_NOMEM (dst then empty). */
int kr_ht_copy(KrHashTable *dst, const KrHashTable *src);

/* Finds key.  eq NULL means bits decide.  Returns 1 and the entry position
 * in *pos, 0 if absent, KR_HT_ERROR if eq failed. */
int kr_ht_lookup(KrHashTable *ht, uint64_t key, int64_t hash, KrHtEq eq, void *ctx, size_t *pos);

/* The fast path: no failure, no restart.  `same` is consulted only for
 * keys of equal hash and different bits; NULL means bits decide (correct
 * when the table has KR_HT_ALL_IDENT and the key is interned too).
 * Returns the entry position, or -1 if absent. */
ptrdiff_t kr_ht_lookup_fast(const KrHashTable *ht, uint64_t key, int64_t hash, KrHtSame same, void *ctx);

/* d[key] = value.  Returns 0 if the key was added (the table now owns key
 * and value), 1 if it was present (the table keeps its own key, as CPython
 * does, takes value, and puts the value it held in *old_value if non-NULL;
 * the caller drops the key it passed and the old value), KR_HT_ERROR, or
 * KR_HT_NOMEM (the table is unchanged). */
int kr_ht_insert(KrHashTable *ht, uint64_t key, int64_t hash, uint64_t value, unsigned keyflags, KrHtEq eq,
                 void *ctx, uint64_t *old_value);

/* Adds a key the caller knows is absent (building a dict from a
 * duplicate-free source, after a failed lookup): no comparisons.
 * Returns 0 or KR_HT_NOMEM. */
int kr_ht_insert_new(KrHashTable *ht, uint64_t key, int64_t hash, uint64_t value, unsigned keyflags);

/* del d[key].  Returns 1 and hands back the table's key and value (either
 * pointer may be NULL), 0 if absent, or KR_HT_ERROR. */
int kr_ht_delete(KrHashTable *ht, uint64_t key, int64_t hash, KrHtEq eq, void *ctx, uint64_t *old_key,
                 uint64_t *old_value);

/* Deletes the live entry at pos (from a lookup or an iteration). */
void kr_ht_delete_at(KrHashTable *ht, size_t pos, uint64_t *old_key, uint64_t *old_value);

/* Replaces the value of the live entry at pos; returns the old one. */
uint64_t kr_ht_set_value_at(KrHashTable *ht, size_t pos, uint64_t value);

/* dict.popitem(): removes the most recently inserted live entry.  Returns
 * false if the table is empty. */
bool kr_ht_pop_last(KrHashTable *ht, uint64_t *key, uint64_t *value, int64_t *hash);

/* Iteration by position, for dict iterators and views:
 *     size_t pos = 0; const KrHtEntry *e;
 *     while (kr_ht_next(ht, &pos, &e)) ...
 * Positions stay valid across insertions and deletions until the table is
 * rebuilt; iterators detect changes by comparing `used` (size changed
 * during iteration) as CPython does. */
static inline bool kr_ht_next(const KrHashTable *ht, size_t *pos, const KrHtEntry **out)
{
    for (size_t i = *pos; i < ht->nentries; i++) {
        if (ht->entries[i].key != KR_HT_NOKEY) {
            *out = &ht->entries[i];
            *pos = i + 1;
            return true;
        }
    }
    *pos = ht->nentries;
    return false;
}

#endif
