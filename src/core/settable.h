/* The hash table engine under set and frozenset.
 *
 * Why not the ordered table of hashtable.h: a set's iteration order is
 * observable (print({3, 1, 2}) shows {1, 2, 3} on CPython; so do repr,
 * list(s), s.pop() and every loop over a set), programs and their expected
 * output depend on it, and CPython's order is not insertion order but the
 * order of slots in an open-addressing table.  So this table reproduces
 * CPython 3.11's set layout exactly: one array of {key, hash} slots, a
 * power-of-two size of at least 8, probing that looks at the slot and the
 * 9 after it (cache-friendly linear probes) before jumping on with the
 * perturbation recurrence i = 5i + 1 + (perturb >>= 5); deletion leaves a
 * DUMMY that a later insertion of a new key may reuse; growth when 3/5 of
 * the slots are non-empty, to 4x the live keys (2x past 50,000), by
 * reinserting in slot order; pop() scanning from a remembered "finger".
 * Given the same hashes and the same sequence of operations, the slots —
 * hence iteration order and pop() results — are CPython's.  Sets of small
 * ints (hash(i) == i) therefore print as on CPython; str hashes are
 * randomised per process on CPython anyway.
 *
 * The set algorithms on top (union, intersection, difference, ...) must
 * follow CPython's choices of which operand to iterate and whether to
 * copy first, for the same reason; kr_set_merge is CPython's update-from-
 * a-set, including its fast paths, since copy() and | go through it.
 *
 * Like hashtable.h: keys are opaque 64-bit words, the caller computes
 * hashes (never -1, which Python never produces) and supplies an equality
 * callback that may fail or mutate this table; lookups restart as
 * CPython's do when the table changed under them.  The words KR_SET_EMPTY
 * and KR_SET_DUMMY (all ones and all ones but the last bit, in a tag no
 * KrValue uses) mark free slots and must never be keys. */
#ifndef KRAIT_SETTABLE_H
#define KRAIT_SETTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/hashtable.h"

#define KR_SET_EMPTY UINT64_C(0xFFFFFFFFFFFFFFFF)
#define KR_SET_DUMMY UINT64_C(0xFFFFFFFFFFFFFFFE)

typedef struct {
    uint64_t key; /* KR_SET_EMPTY, KR_SET_DUMMY or a key */
    int64_t hash;
} KrSetEntry;

typedef struct {
    KrSetEntry *table; /* mask + 1 slots; NULL until the first insertion */
    size_t mask;       /* 7 for a new or cleared set, as CPython's */
    size_t fill;       /* non-empty slots: live + DUMMY */
    size_t used;       /* live keys: len(set) */
    size_t finger;     /* where pop() starts looking */
    uint64_t layout;   /* bumped whenever the table is replaced or freed */
} KrSetTable;

void kr_set_init(KrSetTable *st);
/* Releases the memory (not the keys: iterate first). */
void kr_set_free(KrSetTable *st);
/* set.clear(): back to an empty 8-slot set; keys are the caller's to drop,
 * so it iterates first.  pop()'s finger is kept, as CPython keeps it. */
void kr_set_clear(KrSetTable *st);

/* `key in s`.  Returns 1 (and the slot in *slot if non-NULL), 0, or
 * KR_HT_ERROR. */
int kr_set_lookup(KrSetTable *st, uint64_t key, int64_t hash, KrHtEq eq, void *ctx, size_t *slot);

/* s.add(key).  Returns 0 if added (the set now owns key), 1 if an equal
 * key was present (the set keeps its own; the caller drops key),
 * KR_HT_ERROR, or KR_HT_NOMEM (not added). */
int kr_set_add(KrSetTable *st, uint64_t key, int64_t hash, KrHtEq eq, void *ctx);

/* s.discard(key).  Returns 1 and the set's key in *old_key (if non-NULL),
 * 0 if absent, or KR_HT_ERROR. */
int kr_set_discard(KrSetTable *st, uint64_t key, int64_t hash, KrHtEq eq, void *ctx, uint64_t *old_key);

/* s.pop(): false if empty. */
bool kr_set_pop(KrSetTable *st, uint64_t *key, int64_t *hash);

/* Reference hook for merges: called with +1 for each key of src just
 * before dst is offered it (so it stays alive through eq callbacks and dst
 * can own it), and with -1 when dst turned it down (an equal key was
 * there, or the add failed). */
typedef void (*KrSetRef)(void *ctx, uint64_t key, int delta);

/* dst |= src (CPython's set_merge): one up-front resize, then a slot-for-
 * slot copy when dst is empty and the tables match, a comparison-free
 * reinsertion when dst is empty, otherwise one add per key of src in slot
 * order.  `ref` may be NULL.  copy() is a merge into a fresh set.
 * Returns 0, KR_HT_ERROR or KR_HT_NOMEM. */
int kr_set_merge(KrSetTable *dst, const KrSetTable *src, KrHtEq eq, void *ctx, KrSetRef ref, void *ref_ctx);

/* The up-front resize CPython does before adding n keys from a dict or a
 * set: if (fill + n) * 5 >= mask * 3, resize for (used + n) * 2.  Returns
 * 0 or KR_HT_NOMEM. */
int kr_set_presize(KrSetTable *st, size_t n);

/* Iteration in slot order (CPython's order):
 *     size_t pos = 0; const KrSetEntry *e;
 *     while (kr_set_next(st, &pos, &e)) ...
 * Iterators compare `used` with its value at the start, as CPython does
 * ("Set changed size during iteration"). */
static inline bool kr_set_next(const KrSetTable *st, size_t *pos, const KrSetEntry **out)
{
    if (!st->table)
        return false;
    for (size_t i = *pos; i <= st->mask; i++) {
        if (st->table[i].key < KR_SET_DUMMY) {
            *out = &st->table[i];
            *pos = i + 1;
            return true;
        }
    }
    *pos = st->mask + 1;
    return false;
}

#endif
