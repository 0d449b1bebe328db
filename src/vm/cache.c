/* Inline caches: the slow paths that run the full lookup and record what
 * it found (see cache.h for what each kind promises). */
#include "vm/cache.h"

#include "core/vm.h"

/* The byte offset of the __dict__ slot in every instance of tp: 0 when
 * instances have none, -1 when it moves from instance to instance. */
static int64_t dict_slot_offset(KrType *tp)
{
    if (!tp->dictoffset)
        return 0;
    if (!(tp->flags & KR_TPFLAG_DICT_IN_EXTRAS))
        return tp->dictoffset;
    int64_t extras = kr_type_extras_offset(tp);
    return extras < 0 ? -1 : extras + tp->dictoffset - 1;
}

/* The position of name in the instance dict of o (-1 if absent), or -2
 * when that cannot be known without running code. */
static ptrdiff_t instance_dict_pos(KrObject *o, int64_t doff, KrValue name)
{
    KrValue d = *(KrValue *)((char *)o + doff);
    if (!kr_is_ptr(d))
        return -1;
    const KrHashTable *ht = &kr_as_dict(d)->ht;
    if (ht->used && !(ht->flags & KR_HT_ALL_IDENT))
        return -2;
    return kr_ht_lookup_fast(ht, name, kr_str_hash(name), NULL, NULL);
}

static bool cacheable_receiver(KrThread *t, KrValue obj, KrValue name)
{
    if (!kr_is_ptr(obj) || !kr_is_exact_str(t, name) || !kr_as_str(name)->interned)
        return false;
    KrType *tp = kr_as_ptr(obj)->type;
    /* A module's own getattr only adds PEP 562's __getattr__ after a miss. */
    return tp->getattr == kr_generic_getattr || tp == kr_builtin_type(t, MODULE);
}

/* Records how obj.name reads, for LOAD_ATTR and LOAD_METHOD. */
static void fill_load(KrThread *t, KrAttrCache *c, KrValue obj, KrValue name)
{
    c->kind = KR_AC_EMPTY;
    if (!cacheable_receiver(t, obj, name))
        return;
    KrObject *o = kr_as_ptr(obj);
    KrType *tp = o->type;
    int64_t doff = dict_slot_offset(tp);
    if (doff < 0 || doff >= (1 << 28))
        return;
    KrValue descr = kr_type_lookup(t, tp, name);
    KrType *dt = descr == KR_ABSENT ? NULL : kr_type(t, descr);
    if (dt && dt->descr_set) {
        if (dt == kr_builtin_type(t, MEMBER_DESCRIPTOR)) {
            int64_t extras = kr_type_extras_offset(tp);
            if (extras < 0)
                return;
            c->kind = KR_AC_SLOT;
            c->value = (uint64_t)(extras + (int64_t)((KrMemberDescr *)kr_as_ptr(descr))->offset - 1);
        } else if (dt == kr_builtin_type(t, PROPERTY) && ((KrProperty *)kr_as_ptr(descr))->fget != KR_NONE) {
            c->kind = KR_AC_PROPERTY;
            c->value = descr;
        } else {
            return;
        }
    } else {
        ptrdiff_t pos = doff ? instance_dict_pos(o, doff, name) : -1;
        if (pos == -2 || pos >= (1 << 28))
            return;
        if (pos >= 0) {
            c->kind = KR_AC_INSTANCE;
            c->index = (uint32_t)pos;
            c->value = (uint64_t)doff;
        } else if (dt == kr_builtin_type(t, FUNCTION) || dt == kr_builtin_type(t, METHOD_DESCRIPTOR)) {
            c->kind = KR_AC_METHOD;
            c->index = (uint32_t)doff;
            c->value = descr;
        } else if (dt && !dt->descr_get) {
            c->kind = KR_AC_CLASSVAL;
            c->index = (uint32_t)doff;
            c->value = descr;
        } else {
            return;
        }
    }
    c->version = (uint32_t)tp->version;
}

KrValue kr_cache_load_attr(KrThread *t, KrAttrCache *c, KrValue obj, KrValue name)
{
    KrValue v = kr_getattr(t, obj, name);
    if (v != KR_ERROR)
        fill_load(t, c, obj, name);
    return v;
}

int kr_cache_load_method(KrThread *t, KrAttrCache *c, KrValue obj, KrValue name, KrValue *meth, KrValue *self)
{
    fill_load(t, c, obj, name);
    if (c->kind == KR_AC_METHOD) {
        *meth = kr_incref(c->value);
        *self = kr_incref(obj);
        return 0;
    }
    KrValue v = kr_getattr(t, obj, name);
    if (v == KR_ERROR)
        return -1;
    *meth = v;
    *self = KR_ABSENT;
    return 0;
}

int kr_cache_store_attr(KrThread *t, KrAttrCache *c, KrValue obj, KrValue name, KrValue value)
{
    if (kr_setattr(t, obj, name, value) < 0)
        return -1;
    c->kind = KR_AC_EMPTY;
    if (!kr_is_ptr(obj) || !kr_is_exact_str(t, name) || !kr_as_str(name)->interned)
        return 0;
    KrObject *o = kr_as_ptr(obj);
    KrType *tp = o->type;
    if (tp->setattr != kr_generic_setattr)
        return 0;
    KrValue descr = kr_type_lookup(t, tp, name);
    KrType *dt = descr == KR_ABSENT ? NULL : kr_type(t, descr);
    if (dt && dt->descr_set) {
        if (dt != kr_builtin_type(t, MEMBER_DESCRIPTOR) || ((KrMemberDescr *)kr_as_ptr(descr))->readonly)
            return 0;
        int64_t extras = kr_type_extras_offset(tp);
        if (extras < 0)
            return 0;
        c->kind = KR_AC_SLOT;
        c->value = (uint64_t)(extras + (int64_t)((KrMemberDescr *)kr_as_ptr(descr))->offset - 1);
    } else {
        int64_t doff = dict_slot_offset(tp);
        if (doff <= 0 || doff >= (1 << 28))
            return 0;
        ptrdiff_t pos = instance_dict_pos(o, doff, name);
        if (pos < 0 || pos >= (1 << 28))
            return 0;
        c->kind = KR_AC_INSTANCE;
        c->index = (uint32_t)pos;
        c->value = (uint64_t)doff;
    }
    c->version = (uint32_t)tp->version;
    return 0;
}

static bool ident_dict(KrThread *t, KrValue d)
{
    return kr_is_ptr(d) && kr_as_ptr(d)->type == kr_builtin_type(t, DICT) &&
           (kr_as_dict(d)->ht.flags & KR_HT_ALL_IDENT);
}

KrValue kr_cache_load_global(KrThread *t, KrGlobalCache *c, KrValue globals, KrValue builtins, KrValue name)
{
    c->in_builtins = 0;
    c->index = UINT32_MAX;
    if (!ident_dict(t, globals) || !kr_is_exact_str(t, name) || !kr_as_str(name)->interned)
        return KR_ABSENT;
    KrHashTable *g = &kr_as_dict(globals)->ht;
    ptrdiff_t pos = kr_ht_lookup_fast(g, name, kr_str_hash(name), NULL, NULL);
    if (pos >= 0) {
        c->index = (uint32_t)pos;
        return kr_incref(g->entries[pos].value);
    }
    if (!ident_dict(t, builtins))
        return KR_ABSENT;
    KrHashTable *b = &kr_as_dict(builtins)->ht;
    pos = kr_ht_lookup_fast(b, name, kr_str_hash(name), NULL, NULL);
    if (pos < 0)
        return KR_ABSENT;
    c->index = (uint32_t)pos;
    c->in_builtins = 1;
    c->globals_version = g->version;
    c->globals = kr_as_dict(globals);
    return kr_incref(b->entries[pos].value);
}
