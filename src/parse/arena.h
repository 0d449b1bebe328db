/* A bump allocator for everything one parse produces: tokens' decoded text,
 * AST nodes, sequences, identifiers and constants.  The whole tree is freed at
 * once with arena_free(), so the parser never tracks ownership of nodes. */
#ifndef KRAIT_ARENA_H
#define KRAIT_ARENA_H

#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
    ArenaChunk *chunk;   /* current chunk; older chunks are linked behind it */
    char *next;          /* first free byte in the current chunk */
    char *limit;         /* end of the current chunk */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
/* Returns zeroed, 16-byte aligned memory, or NULL when out of memory. */
void *arena_alloc(Arena *a, size_t size);
/* Copies [s, s+len) and adds a terminating NUL. */
char *arena_strndup(Arena *a, const char *s, size_t len);

#endif
