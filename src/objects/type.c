/* `type`: type objects, the MRO, attribute lookup along it, class creation,
 * and the bridge between dunder methods and C slots.
 *
 * A class written in Python gets its C slots from its dunders: when the
 * first class in its MRO that defines a dunder is itself a class, the slot
 * is a generic function that looks the dunder up and calls it; when it is a
 * built-in type, the slot is that built-in's C function, so a subclass of
 * list that does not override __len__ still has list's len slot.  Built-in
 * types go the other way: each C slot a type sets appears in its dict as a
 * wrapper descriptor, so int.__add__ and super().__init__ work. */
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"
#include "objects/typeslots.h"
#include "parse/unicode_db.h"
#include "vm/code.h"

#define S(n, k, o) {KR_N_##n, SLOT_##k, o}
const SlotDef kr_slotdefs[] = {
    S(dunder_repr, REPR, 0), S(dunder_str, STR, 0), S(dunder_hash, HASH, 0),
    S(dunder_call, CALL, 0), S(dunder_iter, ITER, 0), S(dunder_next, NEXT, 0),
    S(dunder_init, INIT, 0), S(dunder_getattribute, GETATTRIBUTE, 0),
    S(dunder_getattr, GETATTR, 0), S(dunder_setattr, SETATTR, 0), S(dunder_delattr, DELATTR, 0),
    S(dunder_get, GET, 0), S(dunder_set, SET, 0), S(dunder_delete, DELETE, 0),
    S(dunder_lt, COMPARE, KR_LT), S(dunder_le, COMPARE, KR_LE), S(dunder_eq, COMPARE, KR_EQ),
    S(dunder_ne, COMPARE, KR_NE), S(dunder_gt, COMPARE, KR_GT), S(dunder_ge, COMPARE, KR_GE),
    S(dunder_add, BINARY, KR_OP_ADD), S(dunder_radd, RBINARY, KR_OP_ADD), S(dunder_iadd, INPLACE, KR_OP_ADD),
    S(dunder_sub, BINARY, KR_OP_SUB), S(dunder_rsub, RBINARY, KR_OP_SUB), S(dunder_isub, INPLACE, KR_OP_SUB),
    S(dunder_mul, BINARY, KR_OP_MUL), S(dunder_rmul, RBINARY, KR_OP_MUL), S(dunder_imul, INPLACE, KR_OP_MUL),
    S(dunder_matmul, BINARY, KR_OP_MATMUL), S(dunder_rmatmul, RBINARY, KR_OP_MATMUL),
    S(dunder_imatmul, INPLACE, KR_OP_MATMUL),
    S(dunder_truediv, BINARY, KR_OP_TRUEDIV), S(dunder_rtruediv, RBINARY, KR_OP_TRUEDIV),
    S(dunder_itruediv, INPLACE, KR_OP_TRUEDIV),
    S(dunder_mod, BINARY, KR_OP_MOD), S(dunder_rmod, RBINARY, KR_OP_MOD), S(dunder_imod, INPLACE, KR_OP_MOD),
    S(dunder_pow, BINARY, KR_OP_POW), S(dunder_rpow, RBINARY, KR_OP_POW), S(dunder_ipow, INPLACE, KR_OP_POW),
    S(dunder_lshift, BINARY, KR_OP_LSHIFT), S(dunder_rlshift, RBINARY, KR_OP_LSHIFT),
    S(dunder_ilshift, INPLACE, KR_OP_LSHIFT),
    S(dunder_rshift, BINARY, KR_OP_RSHIFT), S(dunder_rrshift, RBINARY, KR_OP_RSHIFT),
    S(dunder_irshift, INPLACE, KR_OP_RSHIFT),
    S(dunder_or, BINARY, KR_OP_OR), S(dunder_ror, RBINARY, KR_OP_OR), S(dunder_ior, INPLACE, KR_OP_OR),
    S(dunder_xor, BINARY, KR_OP_XOR), S(dunder_rxor, RBINARY, KR_OP_XOR), S(dunder_ixor, INPLACE, KR_OP_XOR),
    S(dunder_and, BINARY, KR_OP_AND), S(dunder_rand, RBINARY, KR_OP_AND), S(dunder_iand, INPLACE, KR_OP_AND),
    S(dunder_floordiv, BINARY, KR_OP_FLOORDIV), S(dunder_rfloordiv, RBINARY, KR_OP_FLOORDIV),
    S(dunder_ifloordiv, INPLACE, KR_OP_FLOORDIV),
    S(dunder_neg, NEG, 0), S(dunder_pos, POS, 0), S(dunder_invert, INVERT, 0), S(dunder_abs, ABS, 0),
    S(dunder_bool, BOOL, 0), S(dunder_int, INT, 0), S(dunder_float, FLOAT, 0), S(dunder_index, INDEX, 0),
    S(dunder_len, LEN, 0), S(dunder_getitem, GETITEM, 0), S(dunder_setitem, SETITEM, 0),
    S(dunder_delitem, DELITEM, 0), S(dunder_contains, CONTAINS, 0), S(dunder_del, DEL, 0),
};
#undef S
const size_t kr_nslotdefs = sizeof kr_slotdefs / sizeof kr_slotdefs[0];

/* ------------------------------------------------------------------ */
/* Names, subtyping, lookup                                            */
/* ------------------------------------------------------------------ */

const char *kr_type_name(KrType *tp)
{
    return tp->name;
}

bool kr_is_subtype(KrType *a, KrType *b)
{
    if (a == b)
        return true;
    if (kr_is_ptr(a->mro) && a->mro) {
        KrTuple *mro = kr_as_tuple(a->mro);
        for (size_t i = 0; i < mro->len; i++)
            if (kr_as_ptr(mro->items[i]) == &b->ob)
                return true;
        return false;
    }
    for (KrType *x = a; x; x = x->base)
        if (x == b)
            return true;
    return false;
}

static KrValue type_lookup_uncached(KrThread *t, KrType *tp, KrValue name);

KrValue kr_type_lookup(KrThread *t, KrType *tp, KrValue name)
{
    if (kr_is_ptr(name) && kr_as_str(name)->interned && kr_is_ptr(tp->mro)) {
        uint64_t h = ((tp->version << 32) ^ ((uint64_t)(uintptr_t)kr_as_ptr(name) >> 4)) * UINT64_C(0x9E3779B97F4A7C15);
        struct KrMethodCacheEntry *e = &t->vm->method_cache[h >> 52];
        if (e->version == tp->version && e->name == name)
            return e->value;
        KrValue v = type_lookup_uncached(t, tp, name);
        e->version = tp->version;
        e->name = name;
        e->value = v;
        return v;
    }
    return type_lookup_uncached(t, tp, name);
}

static KrValue type_lookup_uncached(KrThread *t, KrType *tp, KrValue name)
{
    if (!kr_is_ptr(tp->mro)) {
        for (KrType *x = tp; x; x = x->base) {
            KrValue v = kr_dict_get(t, x->dict, name);
            if (v != KR_ABSENT && v != KR_ERROR)
                return v;
        }
        return KR_ABSENT;
    }
    KrTuple *mro = kr_as_tuple(tp->mro);
    for (size_t i = 0; i < mro->len; i++) {
        KrType *x = kr_as_type(mro->items[i]);
        KrValue v = kr_dict_get(t, x->dict, name);
        if (v == KR_ERROR) {
            kr_err_clear(t);
            continue;
        }
        if (v != KR_ABSENT)
            return v;
    }
    return KR_ABSENT;
}

void kr_type_modified(KrThread *t, KrType *tp)
{
    tp->version = ++t->vm->next_type_version;
    for (size_t i = 0; i < tp->nsubclasses; i++)
        kr_type_modified(t, tp->subclasses[i]);
}

static int add_subclass(KrThread *t, KrType *base, KrType *sub)
{
    if (base->nsubclasses == base->subclasses_cap) {
        size_t cap = base->subclasses_cap ? base->subclasses_cap * 2 : 4;
        KrType **a = realloc(base->subclasses, cap * sizeof *a);
        if (!a)
            return kr_no_memory(t), -1;
        base->subclasses = a;
        base->subclasses_cap = cap;
    }
    base->subclasses[base->nsubclasses++] = sub;
    return 0;
}

static void remove_subclass(KrType *base, KrType *sub)
{
    for (size_t i = 0; i < base->nsubclasses; i++) {
        if (base->subclasses[i] == sub) {
            memmove(&base->subclasses[i], &base->subclasses[i + 1],
                    (base->nsubclasses - i - 1) * sizeof(KrType *));
            base->nsubclasses--;
            return;
        }
    }
}

/* The first built-in type along the base chain: it decides the layout. */
static KrType *builtin_base(KrType *tp)
{
    while (tp->flags & KR_TPFLAG_HEAPTYPE)
        tp = tp->base;
    return tp;
}

char *kr_instance_extras(KrObject *o)
{
    KrType *b = builtin_base(o->type);
    size_t off = b->varsize ? (b->varsize(o) + 7) & ~(size_t)7 : b->basicsize;
    return (char *)o + off;
}

KrValue *kr_instance_dict_ptr(KrThread *t, KrValue obj)
{
    (void)t;
    if (!kr_is_ptr(obj))
        return NULL;
    KrObject *o = kr_as_ptr(obj);
    KrType *tp = o->type;
    if (!tp->dictoffset)
        return NULL;
    if (tp->flags & KR_TPFLAG_DICT_IN_EXTRAS)
        return (KrValue *)(kr_instance_extras(o) + tp->dictoffset - 1);
    return (KrValue *)((char *)o + tp->dictoffset);
}

/* ------------------------------------------------------------------ */
/* MRO (C3 linearisation)                                              */
/* ------------------------------------------------------------------ */

static KrValue mro_error(KrThread *t, KrValue *seqs[], size_t *lens, size_t *heads, size_t nseq)
{
    KrStrBuilder b;
    kr_sb_init(&b);
    kr_sb_append_ascii(t, &b, "Cannot create a consistent method resolution\norder (MRO) for bases", 66);
    bool first = true;
    for (size_t i = 0; i < nseq; i++) {
        if (heads[i] >= lens[i])
            continue;
        /* Each class once, in order of first appearance. */
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = heads[j] < lens[j] && seqs[j][heads[j]] == seqs[i][heads[i]];
        if (seen)
            continue;
        kr_sb_append_ascii(t, &b, first ? " " : ", ", first ? 1 : 2);
        first = false;
        kr_sb_append_utf8(t, &b, kr_type_name(kr_as_type(seqs[i][heads[i]])),
                          strlen(kr_type_name(kr_as_type(seqs[i][heads[i]]))));
    }
    KrValue msg = kr_sb_finish(t, &b);
    if (msg == KR_ERROR)
        return KR_ERROR;
    KrValue r = kr_raise_fmt(t, kr_exc_type(t, TypeError), "%U", msg);
    kr_decref(t, msg);
    return r;
}

static bool in_tail(KrValue cand, KrValue *seqs[], size_t *lens, size_t *heads, size_t nseq)
{
    for (size_t i = 0; i < nseq; i++)
        for (size_t j = heads[i] + 1; j < lens[i]; j++)
            if (seqs[i][j] == cand)
                return true;
    return false;
}

/* C3: merge the MROs of the bases and the list of bases. */
static KrValue compute_mro(KrThread *t, KrType *tp)
{
    KrTuple *bases = kr_as_tuple(tp->bases);
    for (size_t i = 0; i < bases->len; i++)
        for (size_t j = i + 1; j < bases->len; j++)
            if (bases->items[i] == bases->items[j]) {
                KrValue n = kr_getattr_cstr(t, bases->items[i], "__name__");
                if (n == KR_ERROR)
                    return n;
                KrValue r = kr_raise_fmt(t, kr_exc_type(t, TypeError), "duplicate base class %S", n);
                kr_decref(t, n);
                return r;
            }
    size_t nseq = bases->len + 1;
    KrValue **seqs = calloc(nseq, sizeof *seqs);
    size_t *lens = calloc(nseq, sizeof *lens), *heads = calloc(nseq, sizeof *heads);
    KrValue out = kr_list_new(t, 0);
    if (!seqs || !lens || !heads || out == KR_ERROR) {
        free(seqs), free(lens), free(heads);
        if (out != KR_ERROR)
            kr_decref(t, out);
        return kr_no_memory(t);
    }
    for (size_t i = 0; i < bases->len; i++) {
        KrType *b = kr_as_type(bases->items[i]);
        seqs[i] = kr_tuple_items(b->mro);
        lens[i] = kr_tuple_len(b->mro);
    }
    seqs[bases->len] = bases->items;
    lens[bases->len] = bases->len;
    kr_list_append(t, out, kr_ptr(tp));
    for (;;) {
        bool empty = true;
        KrValue pick = KR_ABSENT;
        for (size_t i = 0; i < nseq; i++) {
            if (heads[i] >= lens[i])
                continue;
            empty = false;
            KrValue cand = seqs[i][heads[i]];
            if (!in_tail(cand, seqs, lens, heads, nseq)) {
                pick = cand;
                break;
            }
        }
        if (empty)
            break;
        if (pick == KR_ABSENT) {
            mro_error(t, seqs, lens, heads, nseq);
            kr_decref(t, out);
            out = KR_ERROR;
            break;
        }
        kr_list_append(t, out, pick);
        for (size_t i = 0; i < nseq; i++)
            if (heads[i] < lens[i] && seqs[i][heads[i]] == pick)
                heads[i]++;
    }
    free(seqs), free(lens), free(heads);
    if (out == KR_ERROR)
        return out;
    KrValue r = kr_tuple_from(t, kr_as_list(out)->items, kr_as_list(out)->len);
    kr_decref(t, out);
    return r;
}

/* ------------------------------------------------------------------ */
/* Built-in types from their specs                                     */
/* ------------------------------------------------------------------ */

#define INHERITED_FLAGS                                                                              \
    (KR_TPFLAG_INT_SUBCLASS | KR_TPFLAG_FLOAT_SUBCLASS | KR_TPFLAG_STR_SUBCLASS |                  \
     KR_TPFLAG_BYTES_SUBCLASS | KR_TPFLAG_TUPLE_SUBCLASS | KR_TPFLAG_LIST_SUBCLASS |              \
     KR_TPFLAG_DICT_SUBCLASS | KR_TPFLAG_TYPE_SUBCLASS | KR_TPFLAG_EXC_SUBCLASS)

static void *slot_address(KrType *tp, const SlotDef *d, bool *is_pair_second)
{
    *is_pair_second = false;
    switch (d->kind) {
    case SLOT_REPR: return &tp->repr;
    case SLOT_STR: return &tp->str;
    case SLOT_HASH: return &tp->hash;
    case SLOT_CALL: return &tp->call;
    case SLOT_ITER: return &tp->iter;
    case SLOT_NEXT: return &tp->iternext;
    case SLOT_INIT: return &tp->init;
    case SLOT_GETATTRIBUTE: return &tp->getattr;
    case SLOT_GETATTR: *is_pair_second = true; return &tp->getattr;
    case SLOT_SETATTR: return &tp->setattr;
    case SLOT_DELATTR: *is_pair_second = true; return &tp->setattr;
    case SLOT_GET: return &tp->descr_get;
    case SLOT_SET: return &tp->descr_set;
    case SLOT_DELETE: *is_pair_second = true; return &tp->descr_set;
    case SLOT_COMPARE: return &tp->compare;
    case SLOT_BINARY: return &tp->binary[d->op];
    case SLOT_RBINARY: *is_pair_second = true; return &tp->binary[d->op];
    case SLOT_INPLACE: return &tp->inplace[d->op];
    case SLOT_NEG: return &tp->neg;
    case SLOT_POS: return &tp->pos;
    case SLOT_INVERT: return &tp->invert;
    case SLOT_ABS: return &tp->abs;
    case SLOT_BOOL: return &tp->truth;
    case SLOT_INT: return &tp->to_int;
    case SLOT_FLOAT: return &tp->to_float;
    case SLOT_INDEX: return &tp->index;
    case SLOT_LEN: return &tp->len;
    case SLOT_GETITEM: return &tp->getitem;
    case SLOT_SETITEM: return &tp->setitem;
    case SLOT_DELITEM: *is_pair_second = true; return &tp->setitem;
    case SLOT_CONTAINS: return &tp->contains;
    case SLOT_DEL: return &tp->finalize;
    }
    return NULL;
}

static bool slot_is_set(KrType *tp, const SlotDef *d)
{
    bool second;
    void **p = slot_address(tp, d, &second);
    return *p != NULL;
}

static void inherit_slots(KrType *tp, KrType *base)
{
    /* Every function-pointer slot from `dealloc` to `contains` that the
     * type left NULL comes from its base. */
    void **first = (void **)&tp->dealloc, **last = (void **)&tp->contains;
    void **bfirst = (void **)&base->dealloc;
    for (void **p = first; p <= last; p++)
        if (!*p)
            *p = bfirst[p - first];
}

static int add_to_dict(KrThread *t, KrType *tp, const char *name, KrValue v)
{
    if (v == KR_ERROR)
        return -1;
    int r = kr_dict_set_cstr(t, tp->dict, name, v);
    kr_decref(t, v);
    return r;
}

KrType *kr_type_from_spec(KrThread *t, const KrTypeSpec *spec, KrType *base, KrValue bases)
{
    KrType *meta = kr_builtin_type(t, TYPE);
    KrType *tp;
    if (meta) {
        tp = (KrType *)kr_alloc(t, meta, sizeof(KrType));
    } else {
        /* Bootstrapping object and type: `type` does not exist yet. */
        KrGCHead *g = calloc(1, sizeof(KrGCHead) + sizeof(KrType));
        tp = g ? (KrType *)kr_gc_object(g) : NULL;
        if (tp)
            tp->ob.refcnt = 1;
    }
    if (!tp)
        return NULL;
    const char *dot = strrchr(spec->name, '.');
    tp->name = dot ? dot + 1 : spec->name;
    tp->spec = spec;
    tp->flags = spec->flags | KR_TPFLAG_READY;
    tp->basicsize = spec->basicsize;
    tp->itemsize = spec->itemsize;
    tp->base = base;
    tp->ht_name = tp->ht_qualname = tp->ht_slots = KR_ABSENT;
    tp->version = ++t->vm->next_type_version;
    if (base)
        tp->flags |= base->flags & INHERITED_FLAGS;
    if (spec->fill)
        spec->fill(tp);
    /* The dict, __bases__ and MRO are made by kr_type_ready_builtin, once
     * the str, tuple and dict types exist. */
    tp->dict = KR_ABSENT;
    tp->bases = bases == KR_ABSENT ? KR_ABSENT : kr_incref(bases);
    tp->mro = KR_ABSENT;
    return tp;
}

/* Second half of building a built-in type, once str, dict and the
 * descriptor types exist: its dict, its MRO and the inherited slots. */
int kr_type_ready_layout(KrThread *t, KrType *tp)
{
    if (kr_is_ptr(tp->mro))
        return 0;
    if (!kr_is_ptr(tp->dict)) {
        tp->dict = kr_dict_new(t);
        if (tp->dict == KR_ERROR)
            return -1;
    }
    if (!tp->base) {
        tp->bases = kr_incref(t->vm->empty_tuple);
        tp->mro = kr_tuple_pack(t, 1, kr_ptr(tp));
    } else {
        if (!kr_is_ptr(tp->bases))
            tp->bases = kr_tuple_pack(t, 1, kr_ptr(tp->base));
        if (kr_tuple_len(tp->bases) == 1) {
            KrValue bm = tp->base->mro;
            size_t n = kr_tuple_len(bm);
            tp->mro = kr_tuple_new(t, n + 1);
            if (tp->mro == KR_ERROR)
                return -1;
            kr_tuple_items(tp->mro)[0] = kr_incref(kr_ptr(tp));
            for (size_t i = 0; i < n; i++)
                kr_tuple_items(tp->mro)[i + 1] = kr_incref(kr_tuple_items(bm)[i]);
        } else {
            tp->mro = compute_mro(t, tp);
        }
        if (tp->mro == KR_ERROR)
            return -1;
        /* The MRO holds the type itself: that reference is not counted, or
         * the type would keep itself alive. */
        kr_as_ptr(kr_tuple_items(tp->mro)[0])->refcnt--;
    }
    return 0;
}

int kr_type_ready_builtin(KrThread *t, KrType *tp)
{
    const KrTypeSpec *spec = tp->spec;
    if (kr_type_ready_layout(t, tp) < 0)
        return -1;
    /* Wrappers for the slots this type sets itself. */
    for (size_t i = 0; i < kr_nslotdefs; i++) {
        const SlotDef *d = &kr_slotdefs[i];
        if (!slot_is_set(tp, d))
            continue;
        if (d->kind == SLOT_GETATTR || d->kind == SLOT_DEL)
            continue;
        if (tp->base && slot_is_set(tp->base, d)) {
            bool second;
            void **mine = slot_address(tp, d, &second);
            void **theirs = slot_address(tp->base, d, &second);
            if (*mine == *theirs)
                continue;
        }
        KrValue name = t->vm->names[d->name];
        KrValue have = kr_dict_get(t, tp->dict, name);
        if (have != KR_ABSENT)
            continue;
        KrValue w = kr_wrapper_descr_new(t, tp, d);
        if (w == KR_ERROR)
            return -1;
        int r = kr_dict_set(t, tp->dict, name, w);
        kr_decref(t, w);
        if (r < 0)
            return -1;
    }
    if (tp->new_ && (!tp->base || tp->new_ != tp->base->new_)) {
        if (add_to_dict(t, tp, "__new__", kr_new_wrapper_new(t, tp)) < 0)
            return -1;
    }
    if (tp->base)
        inherit_slots(tp, tp->base);
    if (spec->methods) {
        for (const KrMethodDef *m = spec->methods; m->name; m++) {
            if (add_to_dict(t, tp, m->name, kr_method_descr_new(t, tp, m)) < 0)
                return -1;
        }
    }
    if (spec->getsets) {
        for (const KrGetSetDef *g = spec->getsets; g->name; g++) {
            if (add_to_dict(t, tp, g->name, kr_getset_descr_new(t, tp, g)) < 0)
                return -1;
        }
    }
    if (kr_dict_get(t, tp->dict, kr_name(t, dunder_doc)) == KR_ABSENT) {
        KrValue doc = spec->doc ? kr_str_from_cstr(t, spec->doc) : KR_NONE;
        if (add_to_dict(t, tp, "__doc__", doc) < 0)
            return -1;
    }
    const char *dot = strrchr(spec->name, '.');
    if (dot) {
        KrValue mod = kr_str_from_utf8(t, spec->name, (size_t)(dot - spec->name));
        if (add_to_dict(t, tp, "__module__", mod) < 0)
            return -1;
    }
    /* A __hash__ of None marks the unhashable built-ins (list, dict...). */
    if (tp->hash == kr_hash_not_implemented &&
        kr_dict_get(t, tp->dict, kr_name(t, dunder_hash)) == KR_ABSENT) {
        if (kr_dict_set(t, tp->dict, kr_name(t, dunder_hash), KR_NONE) < 0)
            return -1;
    }
    if (kr_is_ptr(tp->bases)) {
        for (size_t i = 0; i < kr_tuple_len(tp->bases); i++)
            if (add_subclass(t, kr_as_type(kr_tuple_items(tp->bases)[i]), tp) < 0)
                return -1;
    } else if (tp->base && add_subclass(t, tp->base, tp) < 0) {
        return -1;
    }
    /* Lookups made while the dict was filled may be cached. */
    kr_type_modified(t, tp);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Generic slots for classes: call the dunder                          */
/* ------------------------------------------------------------------ */

/* Looks up a special method on obj's type and calls it bound to obj.
 * KR_ABSENT (no exception) when the type has no such method. */
KrValue kr_call_special(KrThread *t, KrValue obj, KrValue name, const KrValue *args, size_t nargs)
{
    KrType *tp = kr_type(t, obj);
    KrValue f = kr_type_lookup(t, tp, name);
    if (f == KR_ABSENT)
        return KR_ABSENT;
    KrValue stack[8];
    if (nargs + 1 > 8)
        return kr_raise_fmt(t, kr_exc_type(t, SystemError), "too many arguments to a special method");
    KrType *ft = kr_type(t, f);
    if (ft == kr_builtin_type(t, FUNCTION) || ft == kr_builtin_type(t, METHOD_DESCRIPTOR) ||
        ft == kr_builtin_type(t, WRAPPER_DESCRIPTOR)) {
        /* Unbound call: no bound-method object is made. */
        stack[0] = obj;
        for (size_t i = 0; i < nargs; i++)
            stack[i + 1] = args[i];
        kr_incref(f);
        KrValue r = kr_call(t, f, stack, nargs + 1, 0);
        kr_decref(t, f);
        return r;
    }
    kr_incref(f);
    KrValue bound;
    if (ft->descr_get) {
        bound = ft->descr_get(t, f, obj, kr_ptr(tp));
        kr_decref(t, f);
        if (bound == KR_ERROR)
            return KR_ERROR;
    } else {
        bound = f;
    }
    KrValue r = kr_call(t, bound, args, nargs, 0);
    kr_decref(t, bound);
    return r;
}

static KrValue call_special_or_raise(KrThread *t, KrValue obj, KrNameId name, const KrValue *args, size_t nargs)
{
    KrValue r = kr_call_special(t, obj, t->vm->names[name], args, nargs);
    if (r == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "%U", t->vm->names[name]);
    return r;
}

static KrValue slot_repr(KrThread *t, KrValue self) { return call_special_or_raise(t, self, KR_N_dunder_repr, NULL, 0); }
static KrValue slot_str(KrThread *t, KrValue self) { return call_special_or_raise(t, self, KR_N_dunder_str, NULL, 0); }

static int64_t slot_hash(KrThread *t, KrValue self)
{
    KrValue r = call_special_or_raise(t, self, KR_N_dunder_hash, NULL, 0);
    if (r == KR_ERROR)
        return -1;
    if (!kr_is_int(t, r)) {
        kr_decref(t, r);
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "__hash__ method should return an integer");
        return -1;
    }
    /* Big results are reduced as hash(int) does. */
    int64_t h = kr_hash(t, r);
    kr_decref(t, r);
    return h;
}

static KrValue slot_call(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrValue f = kr_type_lookup(t, kr_type(t, self), kr_name(t, dunder_call));
    if (f == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%T' object is not callable", self);
    /* A __call__ that is not a descriptor (an instance of a class with
     * __call__ of its own) is called without self. */
    KrType *ft = kr_type(t, f);
    KrValue bound;
    if (ft == kr_builtin_type(t, FUNCTION))
        bound = kr_method_new(t, f, self);
    else if (ft->descr_get)
        bound = ft->descr_get(t, f, self, kr_ptr(kr_type(t, self)));
    else
        bound = kr_incref(f);
    if (bound == KR_ERROR)
        return bound;
    KrValue r = kr_call(t, bound, args, nargs, kwnames);
    kr_decref(t, bound);
    return r;
}

static KrValue slot_iter(KrThread *t, KrValue self)
{
    KrValue f = kr_type_lookup(t, kr_type(t, self), kr_name(t, dunder_iter));
    if (f == KR_NONE)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%T' object is not iterable", self);
    return call_special_or_raise(t, self, KR_N_dunder_iter, NULL, 0);
}

static KrValue slot_iternext(KrThread *t, KrValue self)
{
    KrValue r = call_special_or_raise(t, self, KR_N_dunder_next, NULL, 0);
    if (r == KR_ERROR && kr_err_matches(t, kr_exc_type(t, StopIteration))) {
        kr_err_clear(t);
        return KR_ABSENT;
    }
    return r;
}

static int slot_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrValue f = kr_type_lookup(t, kr_type(t, self), kr_name(t, dunder_init));
    if (f == KR_ABSENT)
        return 0;
    KrValue stack[16];
    KrValue *argv = stack;
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nargs + nkw + 1 > 16) {
        argv = malloc((nargs + nkw + 1) * sizeof(KrValue));
        if (!argv)
            return kr_no_memory(t), -1;
    }
    argv[0] = self;
    if (nargs + nkw)
        memcpy(argv + 1, args, (nargs + nkw) * sizeof(KrValue));
    kr_incref(f);
    KrValue r = kr_call(t, f, argv, nargs + 1, kwnames);
    kr_decref(t, f);
    if (argv != stack)
        free(argv);
    if (r == KR_ERROR)
        return -1;
    if (r != KR_NONE) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "__init__() should return None, not '%T'", r);
        kr_decref(t, r);
        return -1;
    }
    return 0;
}

static KrValue slot_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrValue f = kr_type_lookup(t, type, kr_name(t, dunder_new));
    if (f == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "cannot create '%s' instances", kr_type_name(type));
    /* __new__ is a staticmethod: unwrap it and pass the class first. */
    kr_incref(f);
    KrType *ft = kr_type(t, f);
    if (ft->descr_get) {
        KrValue g = ft->descr_get(t, f, KR_ABSENT, kr_ptr(type));
        kr_decref(t, f);
        if (g == KR_ERROR)
            return g;
        f = g;
    }
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    KrValue stack[16];
    KrValue *argv = stack;
    if (nargs + nkw + 1 > 16) {
        argv = malloc((nargs + nkw + 1) * sizeof(KrValue));
        if (!argv) {
            kr_decref(t, f);
            return kr_no_memory(t);
        }
    }
    argv[0] = kr_ptr(type);
    memcpy(argv + 1, args, (nargs + nkw) * sizeof(KrValue));
    KrValue r = kr_call(t, f, argv, nargs + 1, kwnames);
    kr_decref(t, f);
    if (argv != stack)
        free(argv);
    return r;
}

/* __getattribute__, then __getattr__ on AttributeError. */
static KrValue slot_getattr(KrThread *t, KrValue self, KrValue name)
{
    KrType *tp = kr_type(t, self);
    KrValue ga = kr_type_lookup(t, tp, kr_name(t, dunder_getattribute));
    KrValue r;
    if (ga == KR_ABSENT || kr_type(t, ga) == kr_builtin_type(t, WRAPPER_DESCRIPTOR))
        r = kr_generic_getattr(t, self, name);
    else
        r = call_special_or_raise(t, self, KR_N_dunder_getattribute, &name, 1);
    if (r != KR_ERROR || !kr_err_matches(t, kr_exc_type(t, AttributeError)))
        return r;
    KrValue gattr = kr_type_lookup(t, tp, kr_name(t, dunder_getattr));
    if (gattr == KR_ABSENT)
        return r;
    kr_err_clear(t);
    return call_special_or_raise(t, self, KR_N_dunder_getattr, &name, 1);
}

static int slot_setattr(KrThread *t, KrValue self, KrValue name, KrValue value)
{
    KrValue r;
    if (value == KR_ABSENT) {
        r = call_special_or_raise(t, self, KR_N_dunder_delattr, &name, 1);
    } else {
        KrValue args[2] = {name, value};
        r = call_special_or_raise(t, self, KR_N_dunder_setattr, args, 2);
    }
    if (r == KR_ERROR)
        return -1;
    kr_decref(t, r);
    return 0;
}

static KrValue slot_descr_get(KrThread *t, KrValue self, KrValue obj, KrValue type)
{
    KrValue args[2] = {obj == KR_ABSENT ? KR_NONE : obj, type == KR_ABSENT ? KR_NONE : type};
    return call_special_or_raise(t, self, KR_N_dunder_get, args, 2);
}

static int slot_descr_set(KrThread *t, KrValue self, KrValue obj, KrValue value)
{
    KrValue r;
    if (value == KR_ABSENT) {
        r = call_special_or_raise(t, self, KR_N_dunder_delete, &obj, 1);
    } else {
        KrValue args[2] = {obj, value};
        r = call_special_or_raise(t, self, KR_N_dunder_set, args, 2);
    }
    if (r == KR_ERROR)
        return -1;
    kr_decref(t, r);
    return 0;
}

static const KrNameId compare_names[] = {KR_N_dunder_lt, KR_N_dunder_le, KR_N_dunder_eq,
                                         KR_N_dunder_ne, KR_N_dunder_gt, KR_N_dunder_ge};

static KrValue slot_compare(KrThread *t, KrValue self, KrValue other, KrCompareOp op)
{
    KrValue r = kr_call_special(t, self, t->vm->names[compare_names[op]], &other, 1);
    return r == KR_ABSENT ? KR_NOTIMPLEMENTED : r;
}

static const KrNameId binop_names[KR_BINOP_COUNT][3] = {
    {KR_N_dunder_add, KR_N_dunder_radd, KR_N_dunder_iadd},
    {KR_N_dunder_sub, KR_N_dunder_rsub, KR_N_dunder_isub},
    {KR_N_dunder_mul, KR_N_dunder_rmul, KR_N_dunder_imul},
    {KR_N_dunder_matmul, KR_N_dunder_rmatmul, KR_N_dunder_imatmul},
    {KR_N_dunder_truediv, KR_N_dunder_rtruediv, KR_N_dunder_itruediv},
    {KR_N_dunder_mod, KR_N_dunder_rmod, KR_N_dunder_imod},
    {KR_N_dunder_pow, KR_N_dunder_rpow, KR_N_dunder_ipow},
    {KR_N_dunder_lshift, KR_N_dunder_rlshift, KR_N_dunder_ilshift},
    {KR_N_dunder_rshift, KR_N_dunder_rrshift, KR_N_dunder_irshift},
    {KR_N_dunder_or, KR_N_dunder_ror, KR_N_dunder_ior},
    {KR_N_dunder_xor, KR_N_dunder_rxor, KR_N_dunder_ixor},
    {KR_N_dunder_and, KR_N_dunder_rand, KR_N_dunder_iand},
    {KR_N_dunder_floordiv, KR_N_dunder_rfloordiv, KR_N_dunder_ifloordiv},
};

static KrValue call_binary_dunder(KrThread *t, KrValue self, KrNameId name, KrValue other)
{
    KrValue r = kr_call_special(t, self, t->vm->names[name], &other, 1);
    return r == KR_ABSENT ? KR_NOTIMPLEMENTED : r;
}

static KrBinaryFn slot_binary_fns[KR_BINOP_COUNT];

/* CPython's SLOT1BINFULL: the slot serves both operand orders. */
static KrValue slot_binary_generic(KrThread *t, KrValue a, KrValue b, KrBinOp op)
{
    KrType *ta = kr_type(t, a), *tb = kr_type(t, b);
    KrValue rname = t->vm->names[binop_names[op][1]];
    bool do_other = ta != tb && tb->binary[op] == slot_binary_fns[op] &&
                    kr_type_lookup(t, tb, rname) != KR_ABSENT;
    if (ta->binary[op] == slot_binary_fns[op]) {
        if (do_other && kr_is_subtype(tb, ta)) {
            KrValue mine = kr_type_lookup(t, ta, rname), theirs = kr_type_lookup(t, tb, rname);
            if (mine != theirs) {
                KrValue r = call_binary_dunder(t, b, binop_names[op][1], a);
                if (r != KR_NOTIMPLEMENTED)
                    return r;
                do_other = false;
            }
        }
        KrValue r = call_binary_dunder(t, a, binop_names[op][0], b);
        if (r != KR_NOTIMPLEMENTED || ta == tb)
            return r;
    }
    if (do_other)
        return call_binary_dunder(t, b, binop_names[op][1], a);
    return KR_NOTIMPLEMENTED;
}

#define BINARY_SLOT(OP)                                                          \
    static KrValue slot_binary_##OP(KrThread *t, KrValue a, KrValue b)            \
    {                                                                            \
        return slot_binary_generic(t, a, b, OP);                                 \
    }                                                                            \
    static KrValue slot_inplace_##OP(KrThread *t, KrValue a, KrValue b)           \
    {                                                                            \
        return call_binary_dunder(t, a, binop_names[OP][2], b);                   \
    }
BINARY_SLOT(KR_OP_ADD) BINARY_SLOT(KR_OP_SUB) BINARY_SLOT(KR_OP_MUL) BINARY_SLOT(KR_OP_MATMUL)
BINARY_SLOT(KR_OP_TRUEDIV) BINARY_SLOT(KR_OP_MOD) BINARY_SLOT(KR_OP_POW) BINARY_SLOT(KR_OP_LSHIFT)
BINARY_SLOT(KR_OP_RSHIFT) BINARY_SLOT(KR_OP_OR) BINARY_SLOT(KR_OP_XOR) BINARY_SLOT(KR_OP_AND)
BINARY_SLOT(KR_OP_FLOORDIV)
#undef BINARY_SLOT

static KrBinaryFn slot_binary_fns[KR_BINOP_COUNT] = {
    slot_binary_KR_OP_ADD, slot_binary_KR_OP_SUB, slot_binary_KR_OP_MUL, slot_binary_KR_OP_MATMUL,
    slot_binary_KR_OP_TRUEDIV, slot_binary_KR_OP_MOD, slot_binary_KR_OP_POW, slot_binary_KR_OP_LSHIFT,
    slot_binary_KR_OP_RSHIFT, slot_binary_KR_OP_OR, slot_binary_KR_OP_XOR, slot_binary_KR_OP_AND,
    slot_binary_KR_OP_FLOORDIV,
};
static const KrBinaryFn slot_inplace_fns[KR_BINOP_COUNT] = {
    slot_inplace_KR_OP_ADD, slot_inplace_KR_OP_SUB, slot_inplace_KR_OP_MUL, slot_inplace_KR_OP_MATMUL,
    slot_inplace_KR_OP_TRUEDIV, slot_inplace_KR_OP_MOD, slot_inplace_KR_OP_POW, slot_inplace_KR_OP_LSHIFT,
    slot_inplace_KR_OP_RSHIFT, slot_inplace_KR_OP_OR, slot_inplace_KR_OP_XOR, slot_inplace_KR_OP_AND,
    slot_inplace_KR_OP_FLOORDIV,
};

static KrValue slot_pow3(KrThread *t, KrValue a, KrValue b, KrValue c)
{
    KrValue args[2] = {b, c};
    KrValue r = kr_call_special(t, a, kr_name(t, dunder_pow), args, 2);
    return r == KR_ABSENT ? KR_NOTIMPLEMENTED : r;
}

#define UNARY_SLOT(fn, NAME)                                                 \
    static KrValue fn(KrThread *t, KrValue self)                             \
    {                                                                        \
        return call_special_or_raise(t, self, KR_N_##NAME, NULL, 0);         \
    }
UNARY_SLOT(slot_neg, dunder_neg)
UNARY_SLOT(slot_pos, dunder_pos)
UNARY_SLOT(slot_invert, dunder_invert)
UNARY_SLOT(slot_abs, dunder_abs)
UNARY_SLOT(slot_int, dunder_int)
UNARY_SLOT(slot_float, dunder_float)
UNARY_SLOT(slot_index, dunder_index)
UNARY_SLOT(slot_del, dunder_del)
#undef UNARY_SLOT

static int slot_bool(KrThread *t, KrValue self)
{
    KrValue r = call_special_or_raise(t, self, KR_N_dunder_bool, NULL, 0);
    if (r == KR_ERROR)
        return -1;
    if (!kr_is_bool(r)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "__bool__ should return bool, returned %T", r);
        kr_decref(t, r);
        return -1;
    }
    return r == KR_TRUE;
}

static int64_t slot_len(KrThread *t, KrValue self)
{
    KrValue r = call_special_or_raise(t, self, KR_N_dunder_len, NULL, 0);
    if (r == KR_ERROR)
        return -1;
    if (!kr_is_int(t, r)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%T' object cannot be interpreted as an integer", r);
        kr_decref(t, r);
        return -1;
    }
    int64_t n;
    int st = kr_as_ssize(t, r, &n);
    kr_decref(t, r);
    if (st < 0) {
        if (kr_err_matches(t, kr_exc_type(t, OverflowError))) {
            kr_err_clear(t);
            kr_raise_fmt(t, kr_exc_type(t, OverflowError), "cannot fit 'int' into an index-sized integer");
        }
        return -1;
    }
    if (n < 0) {
        kr_raise_fmt(t, kr_exc_type(t, ValueError), "__len__() should return >= 0");
        return -1;
    }
    return n;
}

static KrValue slot_getitem(KrThread *t, KrValue self, KrValue key)
{
    return call_special_or_raise(t, self, KR_N_dunder_getitem, &key, 1);
}

static int slot_setitem(KrThread *t, KrValue self, KrValue key, KrValue value)
{
    KrValue r;
    if (value == KR_ABSENT) {
        r = call_special_or_raise(t, self, KR_N_dunder_delitem, &key, 1);
    } else {
        KrValue args[2] = {key, value};
        r = call_special_or_raise(t, self, KR_N_dunder_setitem, args, 2);
    }
    if (r == KR_ERROR)
        return -1;
    kr_decref(t, r);
    return 0;
}

static int slot_contains(KrThread *t, KrValue self, KrValue item)
{
    KrValue f = kr_type_lookup(t, kr_type(t, self), kr_name(t, dunder_contains));
    if (f == KR_NONE)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "'%T' object is not a container", self);
    KrValue r = call_special_or_raise(t, self, KR_N_dunder_contains, &item, 1);
    if (r == KR_ERROR)
        return -1;
    int b = kr_truth(t, r);
    kr_decref(t, r);
    return b;
}

/* The generic function for a slot of a class. */
static void *generic_slot(const SlotDef *d)
{
    switch (d->kind) {
    case SLOT_REPR: return (void *)slot_repr;
    case SLOT_STR: return (void *)slot_str;
    case SLOT_HASH: return (void *)slot_hash;
    case SLOT_CALL: return (void *)slot_call;
    case SLOT_ITER: return (void *)slot_iter;
    case SLOT_NEXT: return (void *)slot_iternext;
    case SLOT_INIT: return (void *)slot_init;
    case SLOT_GETATTRIBUTE: case SLOT_GETATTR: return (void *)slot_getattr;
    case SLOT_SETATTR: case SLOT_DELATTR: return (void *)slot_setattr;
    case SLOT_GET: return (void *)slot_descr_get;
    case SLOT_SET: case SLOT_DELETE: return (void *)slot_descr_set;
    case SLOT_COMPARE: return (void *)slot_compare;
    case SLOT_BINARY: case SLOT_RBINARY: return (void *)slot_binary_fns[d->op];
    case SLOT_INPLACE: return (void *)slot_inplace_fns[d->op];
    case SLOT_NEG: return (void *)slot_neg;
    case SLOT_POS: return (void *)slot_pos;
    case SLOT_INVERT: return (void *)slot_invert;
    case SLOT_ABS: return (void *)slot_abs;
    case SLOT_BOOL: return (void *)slot_bool;
    case SLOT_INT: return (void *)slot_int;
    case SLOT_FLOAT: return (void *)slot_float;
    case SLOT_INDEX: return (void *)slot_index;
    case SLOT_LEN: return (void *)slot_len;
    case SLOT_GETITEM: return (void *)slot_getitem;
    case SLOT_SETITEM: case SLOT_DELITEM: return (void *)slot_setitem;
    case SLOT_CONTAINS: return (void *)slot_contains;
    case SLOT_DEL: return (void *)slot_del;
    }
    return NULL;
}

/* Sets every slot of a class: for each slot, the first class along the MRO
 * that defines one of its dunders decides (see the top of the file). */
void kr_type_update_slots(KrThread *t, KrType *tp)
{
    KrTuple *mro = kr_as_tuple(tp->mro);
    for (size_t i = 0; i < kr_nslotdefs; i++) {
        const SlotDef *d = &kr_slotdefs[i];
        bool second;
        void **slot = slot_address(tp, d, &second);
        /* Dunders that share a slot (__getattribute__/__getattr__,
         * __add__/__radd__, the six comparisons...) are neighbours in the
         * table: the group is decided once, at its first member. */
        if (i > 0 && slot_address(tp, &kr_slotdefs[i - 1], &second) == slot)
            continue;
        size_t end = i + 1;
        while (end < kr_nslotdefs && slot_address(tp, &kr_slotdefs[end], &second) == slot)
            end++;
        void *value = NULL;
        bool found = false;
        for (size_t m = 0; m < mro->len && !found; m++) {
            KrType *x = kr_as_type(mro->items[m]);
            for (size_t j = i; j < end; j++) {
                KrValue v = kr_dict_get(t, x->dict, t->vm->names[kr_slotdefs[j].name]);
                if (v == KR_ERROR)
                    kr_err_clear(t);
                if (v == KR_ABSENT || v == KR_ERROR)
                    continue;
                found = true;
                if (d->kind == SLOT_HASH && v == KR_NONE)
                    value = (void *)kr_hash_not_implemented;
                else if (x->flags & KR_TPFLAG_HEAPTYPE)
                    value = generic_slot(d);
                else
                    value = *(void **)slot_address(x, d, &second);
                break;
            }
        }
        *slot = value;
    }
    /* __getattr__ alone also needs the generic getattr. */
    if (kr_type_lookup(t, tp, kr_name(t, dunder_getattr)) != KR_ABSENT)
        tp->getattr = slot_getattr;
    /* __new__ */
    KrValue nf = KR_ABSENT;
    KrType *owner = NULL;
    for (size_t m = 0; m < mro->len; m++) {
        KrType *x = kr_as_type(mro->items[m]);
        nf = kr_dict_get(t, x->dict, kr_name(t, dunder_new));
        if (nf != KR_ABSENT && nf != KR_ERROR) {
            owner = x;
            break;
        }
    }
    if (owner && (owner->flags & KR_TPFLAG_HEAPTYPE))
        tp->new_ = slot_new;
    else if (owner)
        tp->new_ = owner->new_;
    else
        tp->new_ = builtin_base(tp)->new_;
    tp->pow3 = (tp->binary[KR_OP_POW] == slot_binary_fns[KR_OP_POW]) ? slot_pow3 : builtin_base(tp)->pow3;
    /* Structural slots come from the built-in base. */
    KrType *bb = builtin_base(tp);
    tp->traverse = bb->traverse;
    tp->varsize = bb->varsize;
}

/* ------------------------------------------------------------------ */
/* Instances of classes: deallocation and GC of the added values       */
/* ------------------------------------------------------------------ */

static size_t extras_count(KrType *tp)
{
    return (tp->basicsize - builtin_base(tp)->basicsize) / sizeof(KrValue);
}

/* The weak-reference list in the extras holds a borrowed pointer (the
 * weakref objects unlink themselves): the collector must not see it. */
static size_t extras_weaklist_index(KrType *tp)
{
    if (!(tp->weaklistoffset & 1))
        return SIZE_MAX;
    return (tp->weaklistoffset - 1) / sizeof(KrValue);
}

static void subtype_dealloc(KrThread *t, KrObject *o)
{
    KrType *tp = o->type;
    KrValue *extras = (KrValue *)kr_instance_extras(o);
    size_t n = extras_count(tp);
    if (tp->flags & KR_TPFLAG_GC)
        kr_gc_untrack(t, o);
    for (size_t i = 0; i < n; i++)
        kr_clear(t, &extras[i]);
    KrType *bb = builtin_base(tp);
    /* The base's dealloc frees the memory and drops the class reference. */
    if (bb->flags & KR_TPFLAG_GC)
        kr_gc_track(t, o); /* its dealloc untracks again */
    bb->dealloc(t, o);
}

static void subtype_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrType *tp = o->type;
    KrValue *extras = (KrValue *)kr_instance_extras(o);
    size_t n = extras_count(tp);
    size_t weak = extras_weaklist_index(tp);
    for (size_t i = 0; i < n; i++)
        if (kr_is_ptr(extras[i]) && i != weak)
            visit(kr_as_ptr(extras[i]), arg);
    visit(&tp->ob, arg);
    KrType *bb = builtin_base(tp);
    if (bb->traverse)
        bb->traverse(o, visit, arg);
}

static void subtype_clear(KrThread *t, KrObject *o)
{
    KrType *tp = o->type;
    KrValue *extras = (KrValue *)kr_instance_extras(o);
    size_t n = extras_count(tp);
    size_t weak = extras_weaklist_index(tp);
    for (size_t i = 0; i < n; i++)
        if (i != weak)
            kr_clear(t, &extras[i]);
    KrType *bb = builtin_base(tp);
    if (bb->clear)
        bb->clear(t, o);
}

/* ------------------------------------------------------------------ */
/* Class creation                                                      */
/* ------------------------------------------------------------------ */

/* The __dict__ and __weakref__ attributes of instances of classes that add
 * them. */
static KrValue subtype_get_dict(KrThread *t, KrValue self)
{
    KrValue *dp = kr_instance_dict_ptr(t, self);
    if (!dp)
        return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "This object has no __dict__");
    if (!kr_is_ptr(*dp)) {
        KrValue d = kr_dict_new(t);
        if (d == KR_ERROR)
            return d;
        *dp = d;
    }
    return kr_incref(*dp);
}

static int subtype_set_dict(KrThread *t, KrValue self, KrValue value)
{
    KrValue *dp = kr_instance_dict_ptr(t, self);
    if (!dp)
        return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "This object has no __dict__");
    if (value != KR_ABSENT && !kr_is_dict(t, value))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__dict__ must be set to a dictionary, not a '%T'", value);
    KrValue old = *dp;
    *dp = value == KR_ABSENT ? KR_ABSENT : kr_incref(value);
    kr_xdecref(t, old);
    return 0;
}

static KrValue subtype_get_weakref(KrThread *t, KrValue self)
{
    (void)t, (void)self;
    return KR_NONE;
}

static const KrGetSetDef subtype_dict_getset = {"__dict__", subtype_get_dict, subtype_set_dict,
                                                 "dictionary for instance variables (if defined)"};
static const KrGetSetDef subtype_weakref_getset = {"__weakref__", subtype_get_weakref, NULL,
                                                    "list of weak references to the object (if defined)"};

static int add_getset(KrThread *t, KrType *tp, const KrGetSetDef *def)
{
    KrValue name = kr_str_intern_cstr(t, def->name);
    if (name == KR_ERROR)
        return -1;
    KrValue have = kr_dict_get(t, tp->dict, name);
    int r = 0;
    if (have == KR_ABSENT) {
        KrValue d = kr_getset_descr_new(t, tp, def);
        r = d == KR_ERROR ? -1 : kr_dict_set(t, tp->dict, name, d);
        kr_xdecref(t, d);
    }
    kr_decref(t, name);
    return r;
}

static bool is_identifier(KrValue s)
{
    KrStr *str = kr_as_str(s);
    if (str->len == 0)
        return false;
    for (size_t i = 0; i < str->len; i++) {
        uint32_t c = kr_str_char(str, i);
        bool ok = i == 0 ? (c == '_' || unicode_is_xid_start(c)) : unicode_is_xid_continue(c);
        if (!ok)
            return false;
    }
    return true;
}

/* _Py_Mangle: __x inside class C becomes _C__x. */
KrValue kr_type_mangle(KrThread *t, KrValue classname, KrValue name)
{
    KrStr *n = kr_as_str(name);
    if (n->len < 2 || kr_str_char(n, 0) != '_' || kr_str_char(n, 1) != '_')
        return kr_incref(name);
    if (n->len >= 4 && kr_str_char(n, n->len - 1) == '_' && kr_str_char(n, n->len - 2) == '_')
        return kr_incref(name);
    KrStr *c = kr_as_str(classname);
    size_t skip = 0;
    while (skip < c->len && kr_str_char(c, skip) == '_')
        skip++;
    if (skip == c->len)
        return kr_incref(name);
    KrValue stripped = kr_str_substr(t, classname, skip, c->len);
    if (stripped == KR_ERROR)
        return stripped;
    KrValue r = kr_format(t, "_%U%U", stripped, name);
    kr_decref(t, stripped);
    return r;
}

/* The base whose layout the class extends (CPython's best_base). */
static KrType *solid_base(KrType *tp)
{
    /* A type adds to its base's layout if its built-in part is bigger. */
    KrType *b = builtin_base(tp);
    while (b->base && b->basicsize == b->base->basicsize && b->itemsize == b->base->itemsize &&
           b->dictoffset == b->base->dictoffset)
        b = b->base;
    return b;
}

static KrType *best_base(KrThread *t, KrValue bases)
{
    KrType *base = NULL, *winner = NULL;
    for (size_t i = 0; i < kr_tuple_len(bases); i++) {
        KrValue bv = kr_tuple_items(bases)[i];
        if (!kr_is_ptr(bv) || !(kr_as_ptr(bv)->type->flags & KR_TPFLAG_TYPE_SUBCLASS)) {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "bases must be types");
            return NULL;
        }
        KrType *b = kr_as_type(bv);
        if (!(b->flags & KR_TPFLAG_BASETYPE)) {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "type '%s' is not an acceptable base type", kr_type_name(b));
            return NULL;
        }
        KrType *candidate = solid_base(b);
        if (!winner) {
            winner = candidate;
            base = b;
        } else if (kr_is_subtype(winner, candidate)) {
            /* keep */
        } else if (kr_is_subtype(candidate, winner)) {
            winner = candidate;
            base = b;
        } else {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

/* The most derived metaclass of `meta` and the metaclasses of the bases. */
KrType *kr_calculate_metaclass(KrThread *t, KrType *meta, KrValue bases)
{
    KrType *winner = meta;
    for (size_t i = 0; i < kr_tuple_len(bases); i++) {
        KrType *bt = kr_type(t, kr_tuple_items(bases)[i]);
        if (kr_is_subtype(winner, bt))
            continue;
        if (kr_is_subtype(bt, winner)) {
            winner = bt;
            continue;
        }
        kr_raise_fmt(t, kr_exc_type(t, TypeError),
                     "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                     "subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

static int wrap_in(KrThread *t, KrValue dict, KrValue name, KrType *wrapper)
{
    KrValue v = kr_dict_get(t, dict, name);
    if (v == KR_ABSENT || v == KR_ERROR)
        return v == KR_ERROR ? -1 : 0;
    if (kr_type(t, v) != kr_builtin_type(t, FUNCTION))
        return 0;
    KrValue w = kr_call1(t, kr_ptr(wrapper), v);
    if (w == KR_ERROR)
        return -1;
    int r = kr_dict_set(t, dict, name, w);
    kr_decref(t, w);
    return r;
}

static void type_set_name_cache(KrType *tp)
{
    free((char *)tp->name);
    const char *u = kr_as_str(tp->ht_name)->utf8;
    tp->name = strdup(u ? u : "?");
}

/* An MRO's first item is its type, uncounted. */
static void release_mro(KrThread *t, KrValue mro)
{
    if (kr_is_ptr(mro)) {
        kr_tuple_items(mro)[0] = KR_NONE;
        kr_decref(t, mro);
    }
}

/* Computes and installs tp->mro, possibly through a metaclass's mro()
 * override.  On failure tp->mro is left as it was.  The previous MRO goes
 * to *old_out when given (the caller releases or restores it). */
static int type_mro_internal(KrThread *t, KrType *tp, KrValue *old_out)
{
    KrType *meta = tp->ob.type;
    KrValue mro;
    if (meta != kr_builtin_type(t, TYPE) &&
        kr_type_lookup(t, meta, kr_name(t, mro)) != kr_type_lookup(t, kr_builtin_type(t, TYPE), kr_name(t, mro))) {
        KrValue saved = tp->mro;
        if (!kr_is_ptr(saved))
            tp->mro = kr_tuple_pack(t, 1, kr_ptr(tp)); /* provisional, for the call */
        KrValue r = kr_call_method(t, kr_ptr(tp), kr_name(t, mro), NULL, 0);
        if (!kr_is_ptr(saved))
            kr_clear(t, &tp->mro);
        tp->mro = saved;
        if (r == KR_ERROR)
            return -1;
        mro = kr_tuple_from_iterable(t, r);
        kr_decref(t, r);
        if (mro == KR_ERROR)
            return -1;
        if (kr_tuple_len(mro) == 0 || kr_tuple_items(mro)[0] != kr_ptr(tp)) {
            /* The type itself must come first: its slot there is uncounted. */
            KrValue fixed = kr_tuple_new(t, kr_tuple_len(mro) + 1);
            if (fixed == KR_ERROR) {
                kr_decref(t, mro);
                return -1;
            }
            kr_tuple_items(fixed)[0] = kr_incref(kr_ptr(tp));
            for (size_t i = 0; i < kr_tuple_len(mro); i++)
                kr_tuple_items(fixed)[i + 1] = kr_incref(kr_tuple_items(mro)[i]);
            kr_decref(t, mro);
            mro = fixed;
        }
        for (size_t i = 0; i < kr_tuple_len(mro); i++) {
            KrValue m = kr_tuple_items(mro)[i];
            if (!kr_has_flag(t, m, KR_TPFLAG_TYPE_SUBCLASS)) {
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "mro() returned a non-class ('%T')", m);
                kr_decref(t, mro);
                return -1;
            }
        }
    } else {
        mro = compute_mro(t, tp);
        if (mro == KR_ERROR)
            return -1;
    }
    kr_as_ptr(kr_tuple_items(mro)[0])->refcnt--;
    if (old_out)
        *old_out = tp->mro;
    else
        release_mro(t, tp->mro);
    tp->mro = mro;
    return 0;
}

KrValue kr_type_new(KrThread *t, KrType *meta, KrValue name, KrValue bases, KrValue ns, KrValue kwargs)
{
    (void)kwargs;
    if (kr_tuple_len(bases) == 0) {
        bases = kr_tuple_pack(t, 1, kr_ptr(kr_builtin_type(t, OBJECT)));
        if (bases == KR_ERROR)
            return KR_ERROR;
    } else {
        kr_incref(bases);
    }
    KrType *base = best_base(t, bases);
    if (!base) {
        kr_decref(t, bases);
        return KR_ERROR;
    }
    KrValue dict = kr_dict_copy(t, ns);
    if (dict == KR_ERROR) {
        kr_decref(t, bases);
        return KR_ERROR;
    }
    KrType *tp = (KrType *)kr_alloc(t, meta, meta->basicsize > sizeof(KrType) ? meta->basicsize : sizeof(KrType));
    if (!tp) {
        kr_decref(t, bases);
        kr_decref(t, dict);
        return KR_ERROR;
    }
    KrValue result = kr_ptr(tp);
    tp->flags = KR_TPFLAG_HEAPTYPE | KR_TPFLAG_BASETYPE | KR_TPFLAG_READY | (base->flags & INHERITED_FLAGS);
    tp->flags |= builtin_base(base)->flags & KR_TPFLAG_GC;
    tp->bases = bases;
    tp->base = base;
    kr_incref(kr_ptr(base));
    tp->dict = dict;
    tp->ht_name = kr_incref(name);
    tp->ht_slots = KR_ABSENT;
    tp->name = NULL;
    {
        size_t n;
        const char *u = kr_str_utf8(t, name, &n);
        if (!u)
            goto fail;
        tp->name = strdup(u);
    }
    tp->version = ++t->vm->next_type_version;
    tp->itemsize = base->itemsize;

    /* __qualname__ */
    KrValue qn = kr_dict_get(t, dict, kr_name(t, dunder_qualname));
    if (qn != KR_ABSENT) {
        if (!kr_is_str(t, qn)) {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "type __qualname__ must be a str, not %T", qn);
            goto fail;
        }
        tp->ht_qualname = kr_incref(qn);
        if (kr_dict_del(t, dict, kr_name(t, dunder_qualname)) < 0)
            goto fail;
    } else {
        tp->ht_qualname = kr_incref(name);
    }
    /* type(name, bases, dict) takes __module__ from the caller's globals. */
    if (kr_dict_get(t, dict, kr_name(t, dunder_module)) == KR_ABSENT && t->frame &&
        kr_is_ptr(t->frame->globals)) {
        KrValue modname = kr_dict_get(t, t->frame->globals, kr_name(t, dunder_name));
        if (modname != KR_ABSENT && modname != KR_ERROR &&
            kr_dict_set(t, dict, kr_name(t, dunder_module), modname) < 0)
            goto fail;
    }
    if (kr_dict_get(t, dict, kr_name(t, dunder_doc)) == KR_ABSENT &&
        kr_dict_set(t, dict, kr_name(t, dunder_doc), KR_NONE) < 0)
        goto fail;
    /* Special methods that are implicitly static or class methods. */
    if (wrap_in(t, dict, kr_name(t, dunder_new), kr_builtin_type(t, STATICMETHOD)) < 0 ||
        wrap_in(t, dict, kr_name(t, dunder_init_subclass), kr_builtin_type(t, CLASSMETHOD)) < 0 ||
        wrap_in(t, dict, kr_name(t, dunder_class_getitem), kr_builtin_type(t, CLASSMETHOD)) < 0)
        goto fail;
    /* Defining __eq__ without __hash__ makes instances unhashable. */
    if (kr_dict_get(t, dict, kr_name(t, dunder_eq)) != KR_ABSENT &&
        kr_dict_get(t, dict, kr_name(t, dunder_hash)) == KR_ABSENT &&
        kr_dict_set(t, dict, kr_name(t, dunder_hash), KR_NONE) < 0)
        goto fail;

    /* Layout: the base's, then __dict__, __weakref__ and __slots__. */
    size_t nextra = (base->basicsize - builtin_base(base)->basicsize) / sizeof(KrValue);
    tp->dictoffset = base->dictoffset;
    tp->weaklistoffset = base->weaklistoffset;
    KrValue slots = kr_dict_get(t, dict, kr_name(t, dunder_slots));
    /* CPython's variable-size types (int, tuple, bytes) take no slots and
     * no __weakref__. */
    bool varsize = base->itemsize != 0 ||
                   (base->flags & (KR_TPFLAG_INT_SUBCLASS | KR_TPFLAG_TUPLE_SUBCLASS | KR_TPFLAG_BYTES_SUBCLASS));
    bool add_dict = !base->dictoffset, add_weak = !base->weaklistoffset && !varsize;
    KrValue slot_names = KR_ABSENT;
    if (slots != KR_ABSENT) {
        add_dict = add_weak = false;
        if (kr_is_str(t, slots))
            slot_names = kr_tuple_pack(t, 1, slots);
        else
            slot_names = kr_tuple_from_iterable(t, slots);
        if (slot_names == KR_ERROR)
            goto fail;
        tp->ht_slots = slot_names;
        KrValue *items = kr_tuple_items(slot_names);
        size_t n = kr_tuple_len(slot_names);
        if (n > 0 && varsize) {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "nonempty __slots__ not supported for subtype of '%s'",
                         kr_type_name(base));
            goto fail;
        }
        for (size_t i = 0; i < n; i++) {
            if (!kr_is_str(t, items[i])) {
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "__slots__ items must be strings, not '%T'", items[i]);
                goto fail;
            }
            if (!is_identifier(items[i])) {
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "__slots__ must be identifiers");
                goto fail;
            }
            if (kr_str_equal_cstr(items[i], "__dict__")) {
                if (!base->dictoffset && !add_dict) {
                    add_dict = true;
                    continue;
                }
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "__dict__ slot disallowed: we already got one");
                goto fail;
            }
            if (kr_str_equal_cstr(items[i], "__weakref__")) {
                if (!base->weaklistoffset && !add_weak) {
                    add_weak = true;
                    continue;
                }
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
                goto fail;
            }
        }
        /* Conflicts are checked against the namespace as written, before
         * any member is added (a name given twice is no conflict). */
        for (size_t i = 0; i < n; i++) {
            if (kr_str_equal_cstr(items[i], "__dict__") || kr_str_equal_cstr(items[i], "__weakref__"))
                continue;
            KrValue mname = kr_type_mangle(t, name, items[i]);
            if (mname == KR_ERROR)
                goto fail;
            if (!kr_str_equal_cstr(mname, "__qualname__") && !kr_str_equal_cstr(mname, "__classcell__") &&
                kr_dict_get(t, dict, mname) != KR_ABSENT) {
                kr_raise_fmt(t, kr_exc_type(t, ValueError), "%R in __slots__ conflicts with class variable", mname);
                kr_decref(t, mname);
                goto fail;
            }
            kr_decref(t, mname);
        }
        for (size_t i = 0; i < n; i++) {
            if (kr_str_equal_cstr(items[i], "__dict__") || kr_str_equal_cstr(items[i], "__weakref__"))
                continue;
            KrValue mname = kr_type_mangle(t, name, items[i]);
            if (mname == KR_ERROR)
                goto fail;
            /* Offsets of classes are relative to the instance extras, plus
             * one so that 0 still means "none". */
            KrValue md = kr_member_descr_new(t, tp, mname, nextra * sizeof(KrValue) + 1);
            nextra++;
            if (md == KR_ERROR || kr_dict_set(t, dict, mname, md) < 0) {
                kr_decref(t, mname);
                kr_xdecref(t, md);
                goto fail;
            }
            kr_decref(t, mname);
            kr_decref(t, md);
        }
    }
    if (base->flags & KR_TPFLAG_DICT_IN_EXTRAS)
        tp->flags |= KR_TPFLAG_DICT_IN_EXTRAS;
    if (add_dict) {
        tp->dictoffset = (uint32_t)(nextra * sizeof(KrValue) + 1);
        tp->flags |= KR_TPFLAG_DICT_IN_EXTRAS;
        nextra++;
    }
    if (add_weak) {
        tp->weaklistoffset = (uint32_t)(nextra * sizeof(KrValue) + 1);
        nextra++;
    }
    if (add_dict && add_getset(t, tp, &subtype_dict_getset) < 0)
        goto fail;
    if (add_weak && add_getset(t, tp, &subtype_weakref_getset) < 0)
        goto fail;
    tp->basicsize = (uint32_t)(builtin_base(base)->basicsize + nextra * sizeof(KrValue));
    if (nextra)
        tp->flags |= KR_TPFLAG_GC;

    tp->mro = KR_ABSENT;
    if (type_mro_internal(t, tp, NULL) < 0)
        goto fail;

    kr_type_update_slots(t, tp);
    tp->dealloc = subtype_dealloc;
    tp->clear = subtype_clear;
    tp->traverse = subtype_traverse;
    if (!tp->getattr)
        tp->getattr = kr_generic_getattr;
    if (!tp->setattr)
        tp->setattr = kr_generic_setattr;
    for (size_t i = 0; i < kr_tuple_len(bases); i++)
        if (add_subclass(t, kr_as_type(kr_tuple_items(bases)[i]), tp) < 0)
            goto fail;

    /* __classcell__: the cell that zero-argument super() reads. */
    KrValue cell = kr_dict_get(t, dict, kr_name(t, dunder_classcell));
    if (cell != KR_ABSENT) {
        if (kr_type(t, cell) != kr_builtin_type(t, CELL)) {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "__classcell__ must be a nonlocal cell, not %T", cell);
            goto fail;
        }
        kr_assign(t, &((KrCell *)kr_as_ptr(cell))->value, result);
        if (kr_dict_del(t, dict, kr_name(t, dunder_classcell)) < 0)
            goto fail;
    }

    /* __set_name__ on the attributes, then the parent's __init_subclass__. */
    KrValue items = kr_list_new(t, 0);
    if (items == KR_ERROR)
        goto fail;
    {
        size_t pos = 0;
        KrValue k, v;
        while (kr_dict_next(dict, &pos, &k, &v)) {
            KrValue pair = kr_tuple_pack(t, 2, k, v);
            if (pair == KR_ERROR || kr_list_append(t, items, pair) < 0) {
                kr_xdecref(t, pair);
                kr_decref(t, items);
                goto fail;
            }
            kr_decref(t, pair);
        }
    }
    for (size_t i = 0; i < kr_as_list(items)->len; i++) {
        KrValue pair = kr_as_list(items)->items[i];
        KrValue k = kr_tuple_items(pair)[0], v = kr_tuple_items(pair)[1];
        KrValue args[2] = {result, k};
        KrValue r = kr_call_special(t, v, kr_name(t, dunder_set_name), args, 2);
        if (r == KR_ERROR) {
            /* 3.11 wraps the error in a RuntimeError naming the attribute. */
            KrValue exc = kr_err_fetch(t);
            kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "Error calling __set_name__ on '%T' instance %R in '%U'",
                         v, k, tp->ht_name);
            if (kr_is_exception(t, t->exc)) {
                kr_exception_set_cause(t, t->exc, exc);
                kr_exception_set_context(t, t->exc, exc);
            }
            kr_decref(t, exc);
            kr_decref(t, items);
            goto fail;
        }
        if (r != KR_ABSENT)
            kr_decref(t, r);
    }
    kr_decref(t, items);
    kr_type_modified(t, tp);
    return result;
fail:
    kr_decref(t, result);
    return KR_ERROR;
}

/* super(tp, tp).__init_subclass__(**kwargs) */
int kr_type_init_subclass(KrThread *t, KrType *tp, const KrValue *kwvalues, KrValue kwnames)
{
    KrTuple *mro = kr_as_tuple(tp->mro);
    for (size_t i = 1; i < mro->len; i++) {
        KrType *x = kr_as_type(mro->items[i]);
        KrValue f = kr_dict_get(t, x->dict, kr_name(t, dunder_init_subclass));
        if (f == KR_ABSENT)
            continue;
        if (f == KR_ERROR)
            return -1;
        KrType *ft = kr_type(t, f);
        KrValue bound;
        kr_incref(f);
        if (ft->descr_get) {
            bound = ft->descr_get(t, f, kr_ptr(tp), kr_ptr(tp));
            kr_decref(t, f);
            if (bound == KR_ERROR)
                return -1;
        } else {
            bound = f;
        }
        KrValue r = kr_call(t, bound, kwvalues, 0, kwnames);
        kr_decref(t, bound);
        if (r == KR_ERROR)
            return -1;
        kr_decref(t, r);
        return 0;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The `type` type's own slots and methods                             */
/* ------------------------------------------------------------------ */

static void type_dealloc(KrThread *t, KrObject *o)
{
    KrType *tp = (KrType *)o;
    kr_gc_untrack(t, o);
    if (kr_is_ptr(tp->bases)) {
        for (size_t i = 0; i < kr_tuple_len(tp->bases); i++)
            remove_subclass(kr_as_type(kr_tuple_items(tp->bases)[i]), tp);
    }
    /* The MRO's first item is the type itself, uncounted. */
    if (kr_is_ptr(tp->mro) && kr_tuple_len(tp->mro) > 0) {
        kr_tuple_items(tp->mro)[0] = KR_NONE;
    }
    kr_clear(t, &tp->mro);
    kr_clear(t, &tp->bases);
    kr_clear(t, &tp->dict);
    kr_clear(t, &tp->ht_name);
    kr_clear(t, &tp->ht_qualname);
    kr_clear(t, &tp->ht_slots);
    if (tp->base && (tp->flags & KR_TPFLAG_HEAPTYPE))
        kr_decref(t, kr_ptr(tp->base));
    if (tp->flags & KR_TPFLAG_HEAPTYPE)
        free((char *)tp->name);
    free(tp->subclasses);
    kr_free_object(t, o);
}

static void type_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrType *tp = (KrType *)o;
    if (kr_is_ptr(tp->dict))
        visit(kr_as_ptr(tp->dict), arg);
    if (kr_is_ptr(tp->bases))
        visit(kr_as_ptr(tp->bases), arg);
    if (kr_is_ptr(tp->mro))
        visit(kr_as_ptr(tp->mro), arg);
    if (tp->base && (tp->flags & KR_TPFLAG_HEAPTYPE))
        visit(&tp->base->ob, arg);
}

static KrValue type_module(KrThread *t, KrType *tp)
{
    if (tp->flags & KR_TPFLAG_HEAPTYPE) {
        KrValue m = kr_dict_get(t, tp->dict, kr_name(t, dunder_module));
        if (m == KR_ERROR)
            return m;
        if (m == KR_ABSENT)
            return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "__module__");
        return kr_incref(m);
    }
    const char *dot = strrchr(tp->spec ? tp->spec->name : tp->name, '.');
    if (dot)
        return kr_str_from_utf8(t, tp->spec->name, (size_t)(dot - tp->spec->name));
    return kr_str_from_cstr(t, "builtins");
}

static KrValue type_repr(KrThread *t, KrValue self)
{
    KrType *tp = kr_as_type(self);
    KrValue mod = type_module(t, tp);
    if (mod == KR_ERROR) {
        kr_err_clear(t);
        mod = KR_NONE;
    }
    KrValue qual = tp->ht_qualname != KR_ABSENT && tp->ht_qualname ? tp->ht_qualname : KR_ABSENT;
    KrValue r;
    if (kr_is_str(t, mod) && !kr_str_equal_cstr(mod, "builtins")) {
        if (qual != KR_ABSENT)
            r = kr_format(t, "<class '%U.%U'>", mod, qual);
        else
            r = kr_format(t, "<class '%U.%s'>", mod, tp->name);
    } else if (qual != KR_ABSENT) {
        r = kr_format(t, "<class '%U'>", qual);
    } else {
        r = kr_format(t, "<class '%s'>", tp->name);
    }
    kr_decref(t, mod);
    return r;
}

static KrValue type_call(KrThread *t, KrValue callable, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrType *tp = kr_as_type(callable);
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (tp == kr_builtin_type(t, TYPE) && nargs == 1 && nkw == 0)
        return kr_incref(kr_ptr(kr_type(t, args[0])));
    if (!tp->new_)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "cannot create '%s' instances", tp->name);
    KrValue obj = tp->new_(t, tp, args, nargs, kwnames);
    if (obj == KR_ERROR)
        return obj;
    KrType *ot = kr_type(t, obj);
    if (ot != tp && !kr_is_subtype(ot, tp))
        return obj;
    if (tp == kr_builtin_type(t, TYPE) && nargs == 1 && nkw == 0)
        return obj;
    if (ot->init && ot->init(t, obj, args, nargs, kwnames) < 0) {
        kr_decref(t, obj);
        return KR_ERROR;
    }
    return obj;
}

/* type.__new__(meta, name, bases, dict, **kwds) */
static KrValue type_new_slot(KrThread *t, KrType *meta, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (nargs != 3) {
        if (nargs == 1)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "type.__new__() takes exactly 3 arguments (1 given)");
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "type() takes 1 or 3 arguments");
    }
    if (!kr_is_str(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "type.__new__() argument 1 must be str, not %T", args[0]);
    if (!kr_is_tuple(t, args[1]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "type.__new__() argument 2 must be tuple, not %T", args[1]);
    if (!kr_is_dict(t, args[2]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "type.__new__() argument 3 must be dict, not %T", args[2]);
    for (size_t i = 0; i < kr_tuple_len(args[1]); i++) {
        KrValue b = kr_tuple_items(args[1])[i];
        if (kr_has_flag(t, b, KR_TPFLAG_TYPE_SUBCLASS))
            continue;
        KrValue me;
        int r = kr_lookup_attr(t, b, kr_name(t, dunder_mro_entries), &me);
        if (r < 0)
            return KR_ERROR;
        if (r > 0) {
            kr_decref(t, me);
            return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                "type() doesn't support MRO entry resolution; use types.new_class()");
        }
    }
    KrType *winner = kr_calculate_metaclass(t, meta, args[1]);
    if (!winner)
        return KR_ERROR;
    if (winner != meta && winner->new_ != type_new_slot)
        return winner->new_(t, winner, args, nargs, kwnames);
    KrValue cls = kr_type_new(t, winner, args[0], args[1], args[2], KR_ABSENT);
    if (cls == KR_ERROR)
        return cls;
    if (kr_type_init_subclass(t, kr_as_type(cls), args + nargs, kwnames) < 0) {
        kr_decref(t, cls);
        return KR_ERROR;
    }
    return cls;
}

static int type_init_slot(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (nargs != 1 && nargs != 3)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "type.__init__() takes 1 or 3 arguments");
    return 0;
}

static KrValue type_getattr(KrThread *t, KrValue self, KrValue name)
{
    KrType *tp = kr_as_type(self);
    KrType *meta = kr_type(t, self);
    KrValue meta_attr = kr_type_lookup(t, meta, name);
    KrDescrGetFn meta_get = NULL;
    if (meta_attr != KR_ABSENT) {
        KrType *mat = kr_type(t, meta_attr);
        meta_get = mat->descr_get;
        if (meta_get && mat->descr_set) {
            kr_incref(meta_attr);
            KrValue r = meta_get(t, meta_attr, self, kr_ptr(meta));
            kr_decref(t, meta_attr);
            return r;
        }
    }
    KrValue attr = kr_type_lookup(t, tp, name);
    if (attr != KR_ABSENT) {
        KrDescrGetFn local_get = kr_type(t, attr)->descr_get;
        kr_incref(attr);
        if (local_get) {
            KrValue r = local_get(t, attr, KR_ABSENT, self);
            kr_decref(t, attr);
            return r;
        }
        return attr;
    }
    if (meta_get) {
        kr_incref(meta_attr);
        KrValue r = meta_get(t, meta_attr, self, kr_ptr(meta));
        kr_decref(t, meta_attr);
        return r;
    }
    if (meta_attr != KR_ABSENT)
        return kr_incref(meta_attr);
    return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "type object '%s' has no attribute '%U'", tp->name, name);
}

static bool is_dunder(KrValue name)
{
    KrStr *s = kr_as_str(name);
    return s->len > 4 && kr_str_char(s, 0) == '_' && kr_str_char(s, 1) == '_' &&
           kr_str_char(s, s->len - 1) == '_' && kr_str_char(s, s->len - 2) == '_';
}

static void update_slots_recursive(KrThread *t, KrType *tp)
{
    if (tp->flags & KR_TPFLAG_HEAPTYPE) {
        KrGetAttrFn ga = tp->getattr;
        kr_type_update_slots(t, tp);
        tp->dealloc = subtype_dealloc;
        tp->clear = subtype_clear;
        tp->traverse = subtype_traverse;
        if (!tp->getattr)
            tp->getattr = ga ? ga : kr_generic_getattr;
        if (!tp->setattr)
            tp->setattr = kr_generic_setattr;
    }
    for (size_t i = 0; i < tp->nsubclasses; i++)
        update_slots_recursive(t, tp->subclasses[i]);
}

static int type_setattr(KrThread *t, KrValue self, KrValue name, KrValue value)
{
    KrType *tp = kr_as_type(self);
    if (!(tp->flags & KR_TPFLAG_HEAPTYPE))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "cannot set %R attribute of immutable type '%s'", name, tp->name);
    if (!kr_is_str(t, name))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "attribute name must be string, not '%T'", name);
    /* Data descriptors of the metaclass (__name__, __qualname__, __bases__...). */
    KrValue meta_attr = kr_type_lookup(t, kr_type(t, self), name);
    if (meta_attr != KR_ABSENT) {
        KrType *mat = kr_type(t, meta_attr);
        if (mat->descr_set) {
            kr_incref(meta_attr);
            int r = mat->descr_set(t, meta_attr, self, value);
            kr_decref(t, meta_attr);
            return r;
        }
    }
    KrValue iname = kr_str_intern(t, name);
    if (iname == KR_ERROR)
        return -1;
    int r;
    if (value == KR_ABSENT) {
        r = kr_dict_del(t, tp->dict, iname);
        if (r == 0) {
            kr_raise_fmt(t, kr_exc_type(t, AttributeError), "type object '%s' has no attribute '%U'", tp->name, iname);
            r = -1;
        }
    } else {
        r = kr_dict_set(t, tp->dict, iname, value);
    }
    if (r >= 0) {
        kr_type_modified(t, tp);
        if (is_dunder(iname))
            update_slots_recursive(t, tp);
        r = 0;
    }
    kr_decref(t, iname);
    return r;
}

/* ---- getsets of type ---- */

static KrValue type_get_name(KrThread *t, KrValue self)
{
    KrType *tp = kr_as_type(self);
    if (tp->ht_name != KR_ABSENT && tp->ht_name)
        return kr_incref(tp->ht_name);
    return kr_str_from_cstr(t, tp->name);
}

static int check_set_special(KrThread *t, KrType *tp, KrValue value, const char *what)
{
    if (!(tp->flags & KR_TPFLAG_HEAPTYPE))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "cannot set '%s' attribute of immutable type '%s'", what, tp->name);
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "cannot delete '%s' attribute of immutable type '%s'", what, tp->name);
    return 0;
}

static int type_set_name(KrThread *t, KrValue self, KrValue value)
{
    KrType *tp = kr_as_type(self);
    if (check_set_special(t, tp, value, "__name__") < 0)
        return -1;
    if (!kr_is_str(t, value))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "can only assign string to %s.__name__, not '%T'", tp->name, value);
    if (!kr_str_utf8(t, value, NULL))
        return -1;
    kr_assign(t, &tp->ht_name, value);
    type_set_name_cache(tp);
    return 0;
}

static KrValue type_get_qualname(KrThread *t, KrValue self)
{
    KrType *tp = kr_as_type(self);
    if (tp->ht_qualname != KR_ABSENT && tp->ht_qualname)
        return kr_incref(tp->ht_qualname);
    return kr_str_from_cstr(t, tp->name);
}

static int type_set_qualname(KrThread *t, KrValue self, KrValue value)
{
    KrType *tp = kr_as_type(self);
    if (check_set_special(t, tp, value, "__qualname__") < 0)
        return -1;
    if (!kr_is_str(t, value))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "can only assign string to %s.__qualname__, not '%T'", tp->name, value);
    kr_assign(t, &tp->ht_qualname, value);
    return 0;
}

static KrValue type_get_module(KrThread *t, KrValue self) { return type_module(t, kr_as_type(self)); }

static int type_set_module(KrThread *t, KrValue self, KrValue value)
{
    KrType *tp = kr_as_type(self);
    if (check_set_special(t, tp, value, "__module__") < 0)
        return -1;
    kr_type_modified(t, tp);
    return kr_dict_set(t, tp->dict, kr_name(t, dunder_module), value);
}

static KrValue type_get_bases(KrThread *t, KrValue self) { (void)t; return kr_incref(kr_as_type(self)->bases); }

typedef struct {
    KrType *type;
    KrValue old_mro;
} SavedMro;

typedef struct {
    SavedMro *items;
    size_t len, cap;
} SavedMros;

/* Recomputes the MRO of tp and its subclasses, keeping the old ones. */
static int mro_recompute(KrThread *t, KrType *tp, SavedMros *saved)
{
    if (saved->len == saved->cap) {
        size_t cap = saved->cap ? saved->cap * 2 : 8;
        SavedMro *a = realloc(saved->items, cap * sizeof *a);
        if (!a)
            return kr_no_memory(t), -1;
        saved->items = a;
        saved->cap = cap;
    }
    KrValue old;
    if (type_mro_internal(t, tp, &old) < 0)
        return -1;
    saved->items[saved->len++] = (SavedMro){tp, old};
    for (size_t i = 0; i < tp->nsubclasses; i++)
        if (mro_recompute(t, tp->subclasses[i], saved) < 0)
            return -1;
    return 0;
}

static int type_set_bases(KrThread *t, KrValue self, KrValue value)
{
    KrType *tp = kr_as_type(self);
    if (check_set_special(t, tp, value, "__bases__") < 0)
        return -1;
    if (!kr_is_tuple(t, value))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "can only assign tuple to %s.__bases__, not %T",
                                tp->name, value);
    size_t n = kr_tuple_len(value);
    if (n == 0)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "can only assign non-empty tuple to %s.__bases__, not ()", tp->name);
    for (size_t i = 0; i < n; i++) {
        KrValue b = kr_tuple_items(value)[i];
        if (!kr_has_flag(t, b, KR_TPFLAG_TYPE_SUBCLASS))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s.__bases__ must be tuple of classes, not '%T'",
                                    tp->name, b);
        if (kr_is_subtype(kr_as_type(b), tp))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "a __bases__ item causes an inheritance cycle");
    }
    KrType *new_base = best_base(t, value);
    if (!new_base)
        return -1;
    KrType *old_base = tp->base;
    if (builtin_base(new_base) != builtin_base(old_base) ||
        ((new_base->flags ^ old_base->flags) & KR_TPFLAG_HEAPTYPE))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__bases__ assignment: '%s' deallocator differs from '%s'",
                                new_base->name, old_base->name);
    if (new_base->basicsize != old_base->basicsize ||
        new_base->dictoffset != old_base->dictoffset || new_base->weaklistoffset != old_base->weaklistoffset)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__bases__ assignment: '%s' object layout differs from '%s'",
                                new_base->name, old_base->name);
    KrValue old_bases = tp->bases;
    tp->bases = kr_incref(value);
    tp->base = new_base;
    SavedMros saved = {NULL, 0, 0};
    bool ok = mro_recompute(t, tp, &saved) == 0;
    for (size_t i = saved.len; i-- > 0;) {
        if (ok) {
            release_mro(t, saved.items[i].old_mro);
        } else {
            release_mro(t, saved.items[i].type->mro);
            saved.items[i].type->mro = saved.items[i].old_mro;
        }
    }
    free(saved.items);
    if (!ok) {
        kr_decref(t, tp->bases);
        tp->bases = old_bases;
        tp->base = old_base;
        return -1;
    }
    for (size_t i = 0; i < kr_tuple_len(old_bases); i++)
        remove_subclass(kr_as_type(kr_tuple_items(old_bases)[i]), tp);
    for (size_t i = 0; i < n; i++)
        add_subclass(t, kr_as_type(kr_tuple_items(value)[i]), tp);
    kr_incref(kr_ptr(new_base));
    kr_decref(t, kr_ptr(old_base));
    kr_decref(t, old_bases);
    kr_type_modified(t, tp);
    update_slots_recursive(t, tp);
    return 0;
}
static KrValue type_get_mro(KrThread *t, KrValue self) { (void)t; return kr_incref(kr_as_type(self)->mro); }

static KrValue type_get_base(KrThread *t, KrValue self)
{
    (void)t;
    KrType *b = kr_as_type(self)->base;
    return b ? kr_incref(kr_ptr(b)) : KR_NONE;
}

KrValue kr_mappingproxy_new(KrThread *t, KrValue mapping);

static KrValue type_get_dict(KrThread *t, KrValue self)
{
    return kr_mappingproxy_new(t, kr_as_type(self)->dict);
}

static KrValue type_get_doc(KrThread *t, KrValue self)
{
    KrType *tp = kr_as_type(self);
    KrValue d = kr_dict_get(t, tp->dict, kr_name(t, dunder_doc));
    if (d == KR_ERROR)
        return d;
    if (d == KR_ABSENT)
        return KR_NONE;
    KrDescrGetFn get = kr_type(t, d)->descr_get;
    if (get)
        return get(t, d, KR_ABSENT, self);
    return kr_incref(d);
}

static int type_set_doc(KrThread *t, KrValue self, KrValue value)
{
    KrType *tp = kr_as_type(self);
    if (check_set_special(t, tp, value, "__doc__") < 0)
        return -1;
    kr_type_modified(t, tp);
    return kr_dict_set(t, tp->dict, kr_name(t, dunder_doc), value);
}

static KrValue type_get_abstractmethods(KrThread *t, KrValue self)
{
    KrType *tp = kr_as_type(self);
    KrValue v = tp == kr_builtin_type(t, TYPE) ? KR_ABSENT : kr_dict_get(t, tp->dict, kr_name(t, dunder_abstractmethods));
    if (v == KR_ERROR)
        return v;
    if (v == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "__abstractmethods__");
    return kr_incref(v);
}

static int type_set_abstractmethods(KrThread *t, KrValue self, KrValue value)
{
    KrType *tp = kr_as_type(self);
    int r;
    if (value == KR_ABSENT) {
        r = kr_dict_del(t, tp->dict, kr_name(t, dunder_abstractmethods));
        if (r == 0)
            return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "__abstractmethods__");
    } else {
        r = kr_dict_set(t, tp->dict, kr_name(t, dunder_abstractmethods), value);
    }
    kr_type_modified(t, tp);
    return r < 0 ? -1 : 0;
}

static KrValue type_get_annotations(KrThread *t, KrValue self)
{
    KrType *tp = kr_as_type(self);
    if (!(tp->flags & KR_TPFLAG_HEAPTYPE))
        return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "type object '%s' has no attribute '__annotations__'", tp->name);
    KrValue v = kr_dict_get(t, tp->dict, kr_name(t, dunder_annotations));
    if (v == KR_ERROR)
        return v;
    if (v != KR_ABSENT) {
        KrDescrGetFn get = kr_type(t, v)->descr_get;
        if (get)
            return get(t, v, KR_ABSENT, self);
        return kr_incref(v);
    }
    KrValue d = kr_dict_new(t);
    if (d == KR_ERROR || kr_dict_set(t, tp->dict, kr_name(t, dunder_annotations), d) < 0) {
        kr_xdecref(t, d);
        return KR_ERROR;
    }
    kr_type_modified(t, tp);
    return d;
}

static int type_set_annotations(KrThread *t, KrValue self, KrValue value)
{
    KrType *tp = kr_as_type(self);
    if (!(tp->flags & KR_TPFLAG_HEAPTYPE))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "cannot set '__annotations__' attribute of immutable type '%s'", tp->name);
    int r;
    if (value == KR_ABSENT) {
        r = kr_dict_del(t, tp->dict, kr_name(t, dunder_annotations));
        if (r == 0)
            return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "__annotations__");
    } else {
        r = kr_dict_set(t, tp->dict, kr_name(t, dunder_annotations), value);
    }
    kr_type_modified(t, tp);
    return r < 0 ? -1 : 0;
}

static KrValue type_get_text_signature(KrThread *t, KrValue self) { (void)t, (void)self; return KR_NONE; }

static KrValue type_get_basicsize(KrThread *t, KrValue self) { return kr_int_from_i64(t, kr_as_type(self)->basicsize); }
static KrValue type_get_itemsize(KrThread *t, KrValue self) { return kr_int_from_i64(t, kr_as_type(self)->itemsize); }

static KrValue type_get_dictoffset(KrThread *t, KrValue self)
{
    KrType *tp = kr_as_type(self);
    /* CPython's classes keep their dict before the object: -1. */
    if (tp->flags & KR_TPFLAG_DICT_IN_EXTRAS)
        return kr_smallint(-1);
    return kr_int_from_i64(t, tp->dictoffset);
}

static KrValue type_get_weakrefoffset(KrThread *t, KrValue self)
{
    KrType *tp = kr_as_type(self);
    if (tp->weaklistoffset && (tp->flags & KR_TPFLAG_HEAPTYPE))
        return kr_int_from_i64(t, (int64_t)(builtin_base(tp)->basicsize + tp->weaklistoffset - 1));
    return kr_int_from_i64(t, tp->weaklistoffset);
}

/* __flags__ with CPython's bit values, for code that tests them. */
static KrValue type_get_flags(KrThread *t, KrValue self)
{
    KrType *tp = kr_as_type(self);
    static const struct { uint32_t mine; uint64_t theirs; } map[] = {
        {KR_TPFLAG_HEAPTYPE, 1ul << 9}, {KR_TPFLAG_BASETYPE, 1ul << 10}, {KR_TPFLAG_READY, 1ul << 12},
        {KR_TPFLAG_GC, 1ul << 14}, {KR_TPFLAG_INT_SUBCLASS, 1ul << 24}, {KR_TPFLAG_LIST_SUBCLASS, 1ul << 25},
        {KR_TPFLAG_TUPLE_SUBCLASS, 1ul << 26}, {KR_TPFLAG_BYTES_SUBCLASS, 1ul << 27},
        {KR_TPFLAG_STR_SUBCLASS, 1ul << 28}, {KR_TPFLAG_DICT_SUBCLASS, 1ul << 29},
        {KR_TPFLAG_EXC_SUBCLASS, 1ul << 30}, {KR_TPFLAG_TYPE_SUBCLASS, 1ul << 31},
    };
    uint64_t f = 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (tp->flags & map[i].mine)
            f |= map[i].theirs;
    KrValue am = kr_dict_get(t, tp->dict, kr_name(t, dunder_abstractmethods));
    if (am != KR_ABSENT && am != KR_ERROR) {
        int truth = kr_truth(t, am);
        if (truth < 0)
            return KR_ERROR;
        if (truth)
            f |= 1ul << 20;
    }
    return kr_int_from_i64(t, (int64_t)f);
}

static const KrGetSetDef type_getsets[] = {
    {"__name__", type_get_name, type_set_name, NULL},
    {"__qualname__", type_get_qualname, type_set_qualname, NULL},
    {"__bases__", type_get_bases, type_set_bases, NULL},
    {"__mro__", type_get_mro, NULL, NULL},
    {"__base__", type_get_base, NULL, NULL},
    {"__module__", type_get_module, type_set_module, NULL},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, NULL},
    {"__dict__", type_get_dict, NULL, NULL},
    {"__doc__", type_get_doc, type_set_doc, NULL},
    {"__text_signature__", type_get_text_signature, NULL, NULL},
    {"__basicsize__", type_get_basicsize, NULL, NULL},
    {"__itemsize__", type_get_itemsize, NULL, NULL},
    {"__flags__", type_get_flags, NULL, NULL},
    {"__weakrefoffset__", type_get_weakrefoffset, NULL, NULL},
    {"__dictoffset__", type_get_dictoffset, NULL, NULL},
    {"__annotations__", type_get_annotations, type_set_annotations, NULL},
    {NULL, NULL, NULL, NULL},
};

static KrValue type_mro_method(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (kr_check_nargs(t, "mro", nargs, 0, 0) < 0 || kr_no_kwargs(t, "mro", kwnames) < 0)
        return KR_ERROR;
    KrValue mro = compute_mro(t, kr_as_type(self));
    if (mro == KR_ERROR)
        return mro;
    KrValue l = kr_list_from(t, kr_tuple_items(mro), kr_tuple_len(mro));
    kr_decref(t, mro);
    return l;
}

static KrValue type_subclasses(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (kr_check_nargs(t, "__subclasses__", nargs, 0, 0) < 0 || kr_no_kwargs(t, "__subclasses__", kwnames) < 0)
        return KR_ERROR;
    KrType *tp = kr_as_type(self);
    KrValue l = kr_list_new(t, 0);
    for (size_t i = 0; l != KR_ERROR && i < tp->nsubclasses; i++)
        if (kr_list_append(t, l, kr_ptr(tp->subclasses[i])) < 0) {
            kr_decref(t, l);
            return KR_ERROR;
        }
    return l;
}

static KrValue type_instancecheck(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (kr_check_nargs(t, "__instancecheck__", nargs, 1, 1) < 0 || kr_no_kwargs(t, "__instancecheck__", kwnames) < 0)
        return KR_ERROR;
    KrType *tp = kr_as_type(self);
    if (kr_type_check(t, args[0], tp))
        return KR_TRUE;
    /* obj.__class__ may differ from type(obj) (proxies). */
    KrValue cls;
    int r = kr_lookup_attr(t, args[0], kr_name(t, dunder_class), &cls);
    if (r < 0)
        return KR_ERROR;
    if (r == 0)
        return KR_FALSE;
    bool ok = kr_is_ptr(cls) && (kr_as_ptr(cls)->type->flags & KR_TPFLAG_TYPE_SUBCLASS) &&
              kr_is_subtype(kr_as_type(cls), tp);
    kr_decref(t, cls);
    return kr_bool(ok);
}

static KrValue type_subclasscheck(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (kr_check_nargs(t, "__subclasscheck__", nargs, 1, 1) < 0 || kr_no_kwargs(t, "__subclasscheck__", kwnames) < 0)
        return KR_ERROR;
    if (!kr_is_ptr(args[0]) || !(kr_as_ptr(args[0])->type->flags & KR_TPFLAG_TYPE_SUBCLASS))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "issubclass() arg 1 must be a class");
    return kr_bool(kr_is_subtype(kr_as_type(args[0]), kr_as_type(self)));
}

static KrValue type_prepare(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_dict_new(t);
}

static KrValue type_dir(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (kr_check_nargs(t, "__dir__", nargs, 0, 0) < 0 || kr_no_kwargs(t, "__dir__", kwnames) < 0)
        return KR_ERROR;
    KrValue d = kr_dict_new(t);
    if (d == KR_ERROR)
        return d;
    KrTuple *mro = kr_as_tuple(kr_as_type(self)->mro);
    for (size_t i = mro->len; i-- > 0;)
        if (kr_dict_merge(t, d, kr_as_type(mro->items[i])->dict, true) < 0) {
            kr_decref(t, d);
            return KR_ERROR;
        }
    KrValue l = kr_dict_keys_list(t, d);
    kr_decref(t, d);
    return l;
}

static KrValue type_sizeof(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_int_from_i64(t, 920);
}

static const KrMethodDef type_methods[] = {
    {"mro", type_mro_method, 0, "Return a type's method resolution order."},
    {"__subclasses__", type_subclasses, 0, "Return a list of immediate subclasses."},
    {"__instancecheck__", type_instancecheck, 0, "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, 0, "Check if a class is a subclass."},
    {"__prepare__", type_prepare, KR_METH_CLASS | KR_METH_KEYWORDS,
     "__prepare__() -> dict\nused to create the namespace for the class statement"},
    {"__dir__", type_dir, 0, "Specialized __dir__ implementation for types."},
    {"__sizeof__", type_sizeof, 0, "Return memory consumption of the type object."},
    {NULL, NULL, 0, NULL},
};

static KrValue type_or(KrThread *t, KrValue a, KrValue b);

static void type_fill(KrType *tp)
{
    tp->dealloc = type_dealloc;
    tp->traverse = type_traverse;
    tp->repr = type_repr;
    tp->call = type_call;
    tp->new_ = type_new_slot;
    tp->init = type_init_slot;
    tp->getattr = type_getattr;
    tp->setattr = type_setattr;
    tp->binary[KR_OP_OR] = type_or;
    tp->weaklistoffset = offsetof(KrType, weaklist);
}

/* int | str builds a types.UnionType (genericalias.c). */
KrValue kr_union_new(KrThread *t, KrValue a, KrValue b);
static KrValue type_or(KrThread *t, KrValue a, KrValue b)
{
    return kr_union_new(t, a, b);
}

const KrTypeSpec kr_type_spec = {
    .name = "type",
    .basicsize = sizeof(KrType),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE | KR_TPFLAG_TYPE_SUBCLASS,
    .methods = type_methods,
    .getsets = type_getsets,
    .fill = type_fill,
    .doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
};
