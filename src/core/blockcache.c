/* The small-block cache (blockcache.h). */
#include "core/blockcache.h"

#include <stdlib.h>
#include <string.h>

/* Under AddressSanitizer every block goes back to malloc at once, so a
 * use after free is still caught. */
#if defined(__SANITIZE_ADDRESS__)
#define KR_NO_BLOCK_CACHE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KR_NO_BLOCK_CACHE 1
#endif
#endif

#if defined(__GLIBC__) && !defined(KR_NO_BLOCK_CACHE)
#include <malloc.h>
#define HAVE_USABLE_SIZE 1
#endif

#ifdef HAVE_USABLE_SIZE
/* glibc hands out usable sizes of 16k + 8 (at least 24): bucket k - 1. */
static int bucket_of_usable(size_t usable)
{
    if (usable < 24 || (usable - 8) % 16)
        return -1;
    size_t k = (usable - 8) / 16;
    return k >= 1 && k <= KR_BLOCK_BUCKETS ? (int)k - 1 : -1;
}

/* The bucket whose blocks are the ones malloc(size) would return. */
static int bucket_of_request(size_t size)
{
    if (size <= 24)
        return 0;
    size_t k = (size - 8 + 15) / 16;
    return k <= KR_BLOCK_BUCKETS ? (int)k - 1 : -1;
}
#endif

void *kr_block_alloc(KrBlockCache *bc, size_t size)
{
#ifdef HAVE_USABLE_SIZE
    int b = bucket_of_request(size);
    if (b >= 0 && bc->head[b]) {
        void *p = bc->head[b];
        memcpy(&bc->head[b], p, sizeof(void *));
        bc->count[b]--;
        memset(p, 0, size);
        return p;
    }
#else
    (void)bc;
#endif
    return calloc(1, size);
}

void kr_block_free(KrBlockCache *bc, void *p)
{
#ifdef HAVE_USABLE_SIZE
    size_t usable = malloc_usable_size(p);
    int b = bucket_of_usable(usable);
    if (b >= 0 && (size_t)bc->count[b] * usable < KR_BLOCK_CACHE_BYTES) {
        memcpy(p, &bc->head[b], sizeof(void *));
        bc->head[b] = p;
        bc->count[b]++;
        return;
    }
#else
    (void)bc;
#endif
    free(p);
}

void kr_block_cache_clear(KrBlockCache *bc)
{
    for (int b = 0; b < KR_BLOCK_BUCKETS; b++) {
        void *p = bc->head[b];
        while (p) {
            void *next;
            memcpy(&next, p, sizeof next);
            free(p);
            p = next;
        }
        bc->head[b] = NULL;
        bc->count[b] = 0;
    }
}
