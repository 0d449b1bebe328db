/* A cache of freed small blocks, per VM, in front of malloc.
 *
 * Objects are allocated and freed at a high rate (argument tuples, bound
 * methods, dicts for **kwargs); glibc's malloc/calloc/free cost about a
 * hundred instructions a pair, a list pop/push a handful.  Blocks keep
 * being real malloc blocks: a block is cached by its usable size
 * (malloc_usable_size), so every block of one bucket fits every request
 * that maps to it, and code that free()s or realloc()s an object directly
 * stays correct.  Each bucket holds at most KR_BLOCK_CACHE_BYTES, so a
 * burst of allocations does not pin memory for long.  Without glibc the
 * cache is off and everything goes straight to malloc. */
#ifndef KRAIT_BLOCKCACHE_H
#define KRAIT_BLOCKCACHE_H

#include <stddef.h>
#include <stdint.h>

#define KR_BLOCK_BUCKETS 32          /* usable sizes 24, 40, ... 520 bytes */
#define KR_BLOCK_CACHE_BYTES (128 * 1024)

typedef struct KrBlockCache {
    void *head[KR_BLOCK_BUCKETS];    /* singly linked through the first word */
    uint32_t count[KR_BLOCK_BUCKETS];
} KrBlockCache;

/* A zeroed block of at least `size` bytes, or NULL. */
void *kr_block_alloc(KrBlockCache *bc, size_t size);
void kr_block_free(KrBlockCache *bc, void *p);
/* Returns every cached block to malloc. */
void kr_block_cache_clear(KrBlockCache *bc);

#endif
