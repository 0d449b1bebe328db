#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ArenaChunk {
    ArenaChunk *prev;
    size_t size;
    _Alignas(16) char data[];
};

enum { ARENA_CHUNK_SIZE = 64 * 1024 };

void arena_init(Arena *a)
{
    a->chunk = NULL;
    a->next = a->limit = NULL;
}

void arena_free(Arena *a)
{
    ArenaChunk *c = a->chunk;
    while (c) {
        ArenaChunk *prev = c->prev;
        free(c);
        c = prev;
    }
    arena_init(a);
}

void *arena_alloc(Arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    if ((size_t)(a->limit - a->next) < size || a->next == NULL) {
        /* Big requests get a chunk of their own so the tail of the current
         * chunk is not wasted. */
        size_t want = size > ARENA_CHUNK_SIZE / 4 ? size : ARENA_CHUNK_SIZE;
        ArenaChunk *c = malloc(sizeof(ArenaChunk) + want);
        if (!c)
            return NULL;
        c->size = want;
        if (want != ARENA_CHUNK_SIZE && a->chunk) {
            /* Keep bumping in the current chunk: slot the big one behind it. */
            c->prev = a->chunk->prev;
            a->chunk->prev = c;
            memset(c->data, 0, size);
            return c->data;
        }
        c->prev = a->chunk;
        a->chunk = c;
        a->next = c->data;
        a->limit = c->data + want;
    }
    void *p = a->next;
    a->next += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
