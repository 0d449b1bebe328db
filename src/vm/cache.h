/* Inline caches for attribute and global-variable access (docs/CORE.md,
 * "Inline caches").
 *
 * LOAD_ATTR, LOAD_METHOD, STORE_ATTR and LOAD_GLOBAL are followed in the
 * instruction stream by KR_CACHE_WORDS words that the interpreter fills
 * the first time the instruction runs and consults afterwards.  A cache
 * remembers what the full lookup found for one receiver type, guarded by
 * that type's version tag (type.c bumps it whenever a class namespace or
 * MRO changes, for the class and all its subclasses), so a hit needs no
 * MRO walk.  Dict lookups are replaced by an entry-index hint: the entry
 * at that index is checked to hold the very (interned) name, which makes
 * the hint valid for any dict, the one it came from or not.
 *
 * A miss is never an error: the generic path runs and refills the cache. */
#ifndef KRAIT_CACHE_H
#define KRAIT_CACHE_H

#include "vm/code.h"

#define KR_CACHE_WORDS 2

/* What an attribute cache found, for one receiver type. */
enum {
    KR_AC_EMPTY,
    KR_AC_INSTANCE,  /* in the instance __dict__ at entry `index`; `value`: byte offset of the dict slot */
    KR_AC_METHOD,    /* a function or method descriptor in the class (value, borrowed), not
                        shadowed by the instance; `index`: byte offset of the dict slot or 0 */
    KR_AC_CLASSVAL,  /* a plain class attribute (value, borrowed), not shadowed, as METHOD */
    KR_AC_SLOT,      /* a __slots__ member at byte offset `value` */
    KR_AC_PROPERTY,  /* a property (value, borrowed) whose getter is called */
};

typedef struct KrAttrCache {
    uint32_t version;   /* the receiver type's version tag (low 32 bits) */
    uint32_t kind : 4;
    uint32_t index : 28;
    uint64_t value;
} KrAttrCache;

/* LOAD_GLOBAL: where the name was found last time.  A name found in
 * builtins stays valid while globals (that very dict: versions count per
 * dict) has not changed, since a new global could shadow it. */
typedef struct KrGlobalCache {
    uint32_t index;           /* entry index in globals or builtins */
    uint32_t in_builtins;     /* 0: empty or in globals; 1: in builtins */
    uint64_t globals_version; /* in builtins: globals' version then... */
    KrDict *globals;          /* ...and which globals */
} KrGlobalCache;

#define KR_GLOBAL_CACHE_WORDS 3

_Static_assert(sizeof(KrAttrCache) == KR_CACHE_WORDS * sizeof(KrInstr), "attribute cache size");
_Static_assert(sizeof(KrGlobalCache) == KR_GLOBAL_CACHE_WORDS * sizeof(KrInstr), "global cache size");

/* Number of cache words after an instruction of opcode op. */
static inline unsigned kr_op_cache_words(unsigned op)
{
    if (op == OP_LOAD_GLOBAL)
        return KR_GLOBAL_CACHE_WORDS;
    return op == OP_LOAD_ATTR || op == OP_LOAD_METHOD || op == OP_STORE_ATTR ? KR_CACHE_WORDS : 0;
}

/* The entry-index hint: the value of `name` in the hash table if the entry
 * at `index` holds it, else KR_ABSENT.  Borrowed. */
static inline KrValue kr_cache_dict_hint(KrValue dict, uint32_t index, KrValue name)
{
    const KrHashTable *ht = &kr_as_dict(dict)->ht;
    if (index < ht->nentries && ht->entries[index].key == name)
        return ht->entries[index].value;
    return KR_ABSENT;
}

/* The slow paths: do the full operation and refill the cache.  Same
 * contracts as kr_getattr / load_method / kr_setattr. */
KrValue kr_cache_load_attr(KrThread *t, KrAttrCache *c, KrValue obj, KrValue name);
int kr_cache_load_method(KrThread *t, KrAttrCache *c, KrValue obj, KrValue name, KrValue *meth, KrValue *self);
int kr_cache_store_attr(KrThread *t, KrAttrCache *c, KrValue obj, KrValue name, KrValue value);
/* A new reference, or KR_ABSENT (no exception set) when the cache cannot
 * serve this lookup: then the caller does the generic lookup. */
KrValue kr_cache_load_global(KrThread *t, KrGlobalCache *c, KrValue globals, KrValue builtins, KrValue name);

/* Is the name absent from the object's instance dict (or has it none)?
 * For the METHOD and CLASSVAL kinds. */
static inline bool kr_cache_not_shadowed(KrObject *o, uint32_t dict_offset, KrValue name)
{
    if (!dict_offset)
        return true;
    KrValue d = *(KrValue *)((char *)o + dict_offset);
    if (!kr_is_ptr(d))
        return true;
    const KrHashTable *ht = &kr_as_dict(d)->ht;
    if (ht->used == 0)
        return true;
    if (!(ht->flags & KR_HT_ALL_IDENT))
        return false; /* let the slow path decide */
    return kr_ht_lookup_fast(ht, name, kr_str_hash(name), NULL, NULL) < 0;
}


/* The fast paths.  Each returns KR_ABSENT on a miss (nothing done), else
 * what the generic operation returns. */

static inline KrValue kr_cache_global_hit(const KrGlobalCache *c, KrValue globals, KrValue builtins, KrValue name)
{
    if (!c->in_builtins)
        return kr_cache_dict_hint(globals, c->index, name);
    if (c->globals == kr_as_dict(globals) && c->globals->ht.version == c->globals_version && kr_is_ptr(builtins) &&
        (kr_as_ptr(builtins)->type->flags & KR_TPFLAG_DICT_SUBCLASS))
        return kr_cache_dict_hint(builtins, c->index, name);
    return KR_ABSENT;
}

/* obj.name for LOAD_ATTR: a new reference, KR_ERROR, or KR_ABSENT. */
static inline KrValue kr_cache_attr_hit(KrThread *t, const KrAttrCache *c, KrValue obj, KrValue name)
{
    if (!kr_is_ptr(obj))
        return KR_ABSENT;
    KrObject *o = kr_as_ptr(obj);
    if ((uint32_t)o->type->version != c->version)
        return KR_ABSENT;
    switch (c->kind) {
    case KR_AC_INSTANCE: {
        KrValue d = *(KrValue *)((char *)o + c->value);
        if (!kr_is_ptr(d))
            return KR_ABSENT;
        KrValue v = kr_cache_dict_hint(d, c->index, name);
        return v == KR_ABSENT ? v : kr_incref(v);
    }
    case KR_AC_METHOD:
        if (!kr_cache_not_shadowed(o, c->index, name))
            return KR_ABSENT;
        return kr_as_ptr(c->value)->type->descr_get(t, c->value, obj, kr_ptr(o->type));
    case KR_AC_CLASSVAL:
        if (!kr_cache_not_shadowed(o, c->index, name))
            return KR_ABSENT;
        return kr_incref(c->value);
    case KR_AC_SLOT: {
        KrValue v = *(KrValue *)((char *)o + c->value);
        return v == KR_ABSENT ? v : kr_incref(v);
    }
    case KR_AC_PROPERTY: {
        KrValue prop = kr_incref(c->value);
        KrValue r = kr_call(t, ((KrProperty *)kr_as_ptr(prop))->fget, &obj, 1, 0);
        kr_decref(t, prop);
        return r;
    }
    default:
        return KR_ABSENT;
    }
}

/* LOAD_METHOD's hit: 1 with *meth and *self set (new references), 0 on a
 * miss.  Only the METHOD kind is served here: the others go through
 * kr_cache_attr_hit. */
static inline bool kr_cache_method_hit(const KrAttrCache *c, KrValue obj, KrValue name, KrValue *meth, KrValue *self)
{
    if (!kr_is_ptr(obj))
        return false;
    KrObject *o = kr_as_ptr(obj);
    if ((uint32_t)o->type->version != c->version || c->kind != KR_AC_METHOD ||
        !kr_cache_not_shadowed(o, c->index, name))
        return false;
    *meth = kr_incref(c->value);
    *self = kr_incref(obj);
    return true;
}

/* obj.name = value: 1 when done, 0 on a miss. */
static inline bool kr_cache_store_hit(KrThread *t, const KrAttrCache *c, KrValue obj, KrValue name, KrValue value)
{
    if (!kr_is_ptr(obj))
        return false;
    KrObject *o = kr_as_ptr(obj);
    if ((uint32_t)o->type->version != c->version)
        return false;
    KrValue *slot;
    if (c->kind == KR_AC_INSTANCE) {
        KrValue d = *(KrValue *)((char *)o + c->value);
        if (!kr_is_ptr(d))
            return false;
        KrHashTable *ht = &kr_as_dict(d)->ht;
        if (c->index >= ht->nentries || ht->entries[c->index].key != name)
            return false;
        slot = &ht->entries[c->index].value;
        ht->version++;
    } else if (c->kind == KR_AC_SLOT) {
        slot = (KrValue *)((char *)o + c->value);
    } else {
        return false;
    }
    KrValue old = *slot;
    *slot = kr_incref(value);
    kr_xdecref(t, old);
    return true;
}

#endif
