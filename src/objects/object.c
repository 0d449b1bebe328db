/* Allocation, deallocation, and the `object` type: the root of every class,
 * whose slots give the default behaviour (identity hash and equality,
 * "<X object at 0x...>" repr, attribute access through descriptors and the
 * instance dict). */
#include <stdio.h>
#include <stdlib.h>

#include "objects/objects.h"
#include "runtime/runtime.h"

KrObject *kr_alloc(KrThread *t, KrType *type, size_t size)
{
    KrObject *o;
    if (type->flags & KR_TPFLAG_GC) {
        /* The one place the collector is started from, before the new
         * object exists (it could not be traversed yet). */
        KrVM *vm = t->vm;
        if (vm->gc[0].count > vm->gc[0].threshold && vm->gc_enabled && vm->gc[0].threshold > 0)
            kr_gc_collect_auto(t);
        KrGCHead *g = kr_block_alloc(&t->vm->blocks, sizeof(KrGCHead) + size);
        if (!g) {
            kr_no_memory(t);
            return NULL;
        }
        o = kr_gc_object(g);
        o->refcnt = 1;
        o->type = type;
        kr_gc_track(t, o);
    } else {
        o = kr_block_alloc(&t->vm->blocks, size);
        if (!o) {
            kr_no_memory(t);
            return NULL;
        }
        o->refcnt = 1;
        o->type = type;
    }
    /* An instance keeps its class alive (CPython does this for heap types
     * only; built-in types live as long as the VM anyway). */
    if (type->flags & KR_TPFLAG_HEAPTYPE)
        type->ob.refcnt++;
    return o;
}

void kr_free_object(KrThread *t, KrObject *o)
{
    KrType *type = o->type;
    if (type->flags & KR_TPFLAG_GC) {
        kr_gc_untrack(t, o);
        kr_block_free(&t->vm->blocks, kr_gc_head(o));
    } else {
        kr_block_free(&t->vm->blocks, o);
    }
    if (type->flags & KR_TPFLAG_HEAPTYPE)
        kr_decref(t, kr_ptr(type));
}

/* The GC lists: an object is tracked when its head is linked.  The
 * collector itself (gc.c) walks these lists. */
void kr_gc_track(KrThread *t, KrObject *o)
{
    KrGCHead *g = kr_gc_head(o);
    if (g->next)
        return;
    KrGCGen *gen = &t->vm->gc[0];
    g->prev = gen->head.prev;
    g->next = &gen->head;
    gen->head.prev->next = g;
    gen->head.prev = g;
    gen->count++;
}

void kr_gc_untrack(KrThread *t, KrObject *o)
{
    KrGCHead *g = kr_gc_head(o);
    if (!g->next)
        return;
    g->prev->next = g->next;
    g->next->prev = g->prev;
    g->next = g->prev = NULL;
    if (t->vm->gc[0].count > 0)
        t->vm->gc[0].count--;
}

void kr_call_finalizer(KrThread *t, KrObject *o)
{
    KrValue saved = t->exc;
    t->exc = KR_ABSENT;
    KrValue r = o->type->finalize(t, kr_ptr(o));
    if (r == KR_ERROR) {
        KrValue e = kr_err_fetch(t);
        /* Reported as CPython does: the __del__ found on the class. */
        KrValue del = kr_type_lookup(t, o->type, kr_name(t, dunder_del));
        if (del == KR_ERROR) {
            kr_err_clear(t);
            del = KR_ABSENT;
        }
        kr_incref(del);
        t->exc = e;
        kr_err_write_unraisable(t, NULL, del == KR_ABSENT ? kr_ptr(o) : del);
        kr_xdecref(t, del);
    } else {
        kr_decref(t, r);
    }
    if (kr_err_occurred(t))
        kr_err_clear(t);
    t->exc = saved;
}

void kr_object_dealloc(KrThread *t, KrObject *o)
{
    KrType *type = o->type;
    if (type->finalize) {
        /* PEP 442: __del__ runs once (tracked objects remember it) and may
         * resurrect the object. */
        bool gc = (type->flags & KR_TPFLAG_GC) != 0;
        if (!gc || !kr_gc_is_finalized(o)) {
            if (gc)
                kr_gc_set_finalized(o);
            o->refcnt = 1;
            kr_call_finalizer(t, o);
            if (--o->refcnt > 0)
                return;
            type = o->type; /* __del__ may have changed __class__ */
        }
    }
    /* Releasing a long chain (nested lists, a traceback of a deep
     * recursion) would recurse once per link in C: past a depth, objects
     * wait in a list, linked through their GC head, and the outermost
     * deallocation finishes them (CPython's "trashcan"). */
    if (t->dealloc_depth >= 200 && (type->flags & KR_TPFLAG_GC)) {
        kr_gc_untrack(t, o);
        kr_gc_head(o)->gc_refs = (intptr_t)t->dealloc_pending;
        t->dealloc_pending = o;
        return;
    }
    t->dealloc_depth++;
    if (type->weaklistoffset)
        kr_weakref_clear_referent(t, o);
    type->dealloc(t, o);
    if (t->dealloc_depth == 1) {
        while (t->dealloc_pending) {
            KrObject *p = t->dealloc_pending;
            t->dealloc_pending = (KrObject *)kr_gc_head(p)->gc_refs;
            kr_gc_head(p)->gc_refs = 0;
            if (p->type->weaklistoffset)
                kr_weakref_clear_referent(t, p);
            p->type->dealloc(t, p);
        }
    }
    t->dealloc_depth--;
}

/* ---- the `object` type ---- */

/* Instances of classes go through the class's subtype_dealloc (type.c),
 * which releases the values the class layers added, then here. */
static void object_dealloc(KrThread *t, KrObject *o)
{
    kr_free_object(t, o);
}

static KrValue object_repr(KrThread *t, KrValue self)
{
    KrType *type = kr_type(t, self);
    KrValue mod = kr_dict_get(t, type->dict, kr_name(t, dunder_module));
    if (mod == KR_ERROR)
        return KR_ERROR;
    KrValue qual = type->ht_qualname;
    if (qual == KR_ABSENT || !qual)
        qual = KR_ABSENT;
    if (mod != KR_ABSENT && kr_is_str(t, mod) && !kr_str_equal_cstr(mod, "builtins")) {
        if (qual != KR_ABSENT)
            return kr_format(t, "<%U.%U object at %p>", mod, qual, (void *)kr_as_ptr(self));
        return kr_format(t, "<%U.%s object at %p>", mod, type->name, (void *)kr_as_ptr(self));
    }
    return kr_format(t, "<%s object at %p>", kr_type_name(type), (void *)kr_as_ptr(self));
}

static KrValue object_str(KrThread *t, KrValue self)
{
    return kr_type(t, self)->repr(t, self);
}

static int64_t object_hash(KrThread *t, KrValue self)
{
    (void)t;
    /* CPython: the address rotated by 4 bits. */
    uint64_t p = (uint64_t)(uintptr_t)kr_as_ptr(self);
    int64_t h = (int64_t)((p >> 4) | (p << 60));
    return h == -1 ? -2 : h;
}

static KrValue object_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    switch (op) {
    case KR_EQ:
        return a == b ? KR_TRUE : KR_NOTIMPLEMENTED;
    case KR_NE: {
        /* By default, != is the inverse of ==, unless == is NotImplemented. */
        KrType *ta = kr_type(t, a);
        if (!ta->compare)
            return KR_NOTIMPLEMENTED;
        KrValue r = ta->compare(t, a, b, KR_EQ);
        if (r == KR_ERROR || r == KR_NOTIMPLEMENTED)
            return r;
        int truth = kr_truth(t, r);
        kr_decref(t, r);
        if (truth < 0)
            return KR_ERROR;
        return kr_bool(!truth);
    }
    default:
        return KR_NOTIMPLEMENTED;
    }
}

/* object.__init__ and object.__new__ complain about arguments only when
 * the other one is not overridden (CPython's excess_args logic). */
static bool overrides_new(KrThread *t, KrType *type)
{
    return type->new_ != kr_builtin_type(t, OBJECT)->new_;
}

static bool overrides_init(KrThread *t, KrType *type)
{
    return type->init != kr_builtin_type(t, OBJECT)->init;
}

static KrValue object_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    bool excess = nargs > 0 || (kwnames && kr_tuple_len(kwnames) > 0);
    if (excess) {
        if (overrides_new(t, type))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "object.__new__() takes exactly one argument (the type to instantiate)");
        if (!overrides_init(t, type))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() takes no arguments", kr_type_name(type));
    }
    if (kr_dict_get(t, type->dict, kr_name(t, dunder_abstractmethods)) != KR_ABSENT) {
        KrValue abstract = kr_type_lookup(t, type, kr_name(t, dunder_abstractmethods));
        if (abstract != KR_ABSENT && kr_is_anyset(t, abstract) && kr_as_set(abstract)->st.used > 0) {
            KrValue sorted = kr_list_from_iterable(t, abstract);
            if (sorted == KR_ERROR)
                return KR_ERROR;
            if (kr_list_sort(t, sorted, KR_NONE, false) < 0) {
                kr_decref(t, sorted);
                return KR_ERROR;
            }
            KrValue sep = kr_str_from_cstr(t, ", ");
            KrValue joined = sep == KR_ERROR ? KR_ERROR : kr_str_join(t, sep, sorted);
            kr_decref(t, sep);
            size_t n = kr_as_list(sorted)->len;
            kr_decref(t, sorted);
            if (joined == KR_ERROR)
                return KR_ERROR;
            KrValue r = kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                     "Can't instantiate abstract class %s with abstract method%s %U",
                                     kr_type_name(type), n > 1 ? "s" : "", joined);
            kr_decref(t, joined);
            return r;
        }
    }
    KrObject *o = kr_alloc(t, type, type->basicsize);
    if (!o)
        return KR_ERROR;
    return kr_ptr(o);
}

static int object_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    KrType *type = kr_type(t, self);
    bool excess = nargs > 0 || (kwnames && kr_tuple_len(kwnames) > 0);
    if (excess) {
        if (overrides_init(t, type))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "object.__init__() takes exactly one argument (the instance to initialize)");
        if (!overrides_new(t, type))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "%s() takes no arguments", kr_type_name(type));
    }
    return 0;
}

/* ---- methods of object that have no slot ---- */

static KrValue object_init_subclass(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "object.__init_subclass__", nargs, 0, 0) < 0)
        return KR_ERROR;
    return KR_NONE;
}

static KrValue object_subclasshook(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return KR_NOTIMPLEMENTED;
}

static KrValue object_format(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "__format__", nargs, 1, 1) < 0)
        return KR_ERROR;
    if (!kr_is_str(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__format__() argument must be str, not %T", args[0]);
    if (kr_as_str(args[0])->len > 0)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "unsupported format string passed to %s.__format__",
                            kr_type_name(kr_type(t, self)));
    return kr_str(t, self);
}

static KrValue object_sizeof(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "__sizeof__", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrType *tp = kr_type(t, self);
    size_t n = tp->basicsize;
    /* CPython keeps the __dict__ a class adds in front of the object,
     * outside __sizeof__. */
    if ((tp->flags & KR_TPFLAG_DICT_IN_EXTRAS) && n >= sizeof(KrValue))
        n -= sizeof(KrValue);
    if (tp->varsize && kr_is_ptr(self))
        n = tp->varsize(kr_as_ptr(self));
    return kr_int_from_i64(t, (int64_t)n);
}

KrValue kr_import_module(KrThread *t, const char *name);

static KrValue copyreg_attr(KrThread *t, const char *attr)
{
    KrValue mod = kr_import_module(t, "copyreg");
    if (mod == KR_ERROR)
        return mod;
    KrValue r = kr_getattr_cstr(t, mod, attr);
    kr_decref(t, mod);
    return r;
}

/* cls.__slotnames__, computed (and cached on the class) by
 * copyreg._slotnames as CPython does. */
static KrValue type_slotnames(KrThread *t, KrType *tp)
{
    KrValue name = kr_str_intern_cstr(t, "__slotnames__");
    if (name == KR_ERROR)
        return name;
    KrValue v = kr_dict_get(t, tp->dict, name);
    kr_decref(t, name);
    if (v == KR_ERROR)
        return v;
    if (v != KR_ABSENT)
        return kr_incref(v);
    KrValue f = copyreg_attr(t, "_slotnames");
    if (f == KR_ERROR)
        return f;
    KrValue r = kr_call1(t, f, kr_ptr(tp));
    kr_decref(t, f);
    return r;
}

/* __getstate__ without an override: the instance dict, and the __slots__
 * values as a second dict when there are any. */
static KrValue object_getstate_impl(KrThread *t, KrValue self, bool required)
{
    KrType *tp = kr_type(t, self);
    if (required && tp->itemsize)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "cannot pickle %R object", kr_ptr(tp));
    KrValue state;
    KrValue *dp = kr_instance_dict_ptr(t, self);
    if (dp && kr_is_ptr(*dp) && kr_dict_len(*dp) > 0)
        state = kr_dict_copy(t, *dp);
    else
        state = kr_incref(KR_NONE);
    if (state == KR_ERROR)
        return state;
    KrValue slots = KR_ABSENT;
    KrValue names = type_slotnames(t, tp);
    if (names == KR_ERROR)
        goto fail;
    if (names != KR_NONE && !kr_is_list(t, names)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "copyreg._slotnames didn't return a list or None");
        kr_decref(t, names);
        goto fail;
    }
    for (size_t j = 0; names != KR_NONE && j < kr_as_list(names)->len; j++) {
        KrValue name = kr_incref(kr_as_list(names)->items[j]);
        KrValue v;
        int r = kr_lookup_attr(t, self, name, &v);
        if (r <= 0) {
            kr_decref(t, name);
            if (r < 0) {
                kr_decref(t, names);
                goto fail;
            }
            continue;
        }
        if (slots == KR_ABSENT && (slots = kr_dict_new(t)) == KR_ERROR) {
            slots = KR_ABSENT;
            r = -1;
        } else {
            r = kr_dict_set(t, slots, name, v);
        }
        kr_decref(t, name);
        kr_decref(t, v);
        if (r < 0) {
            kr_decref(t, names);
            goto fail;
        }
    }
    kr_decref(t, names);
    if (slots != KR_ABSENT) {
        KrValue pair = kr_tuple_pack(t, 2, state, slots);
        kr_decref(t, state);
        kr_decref(t, slots);
        return pair;
    }
    return state;
fail:
    kr_decref(t, state);
    kr_xdecref(t, slots);
    return KR_ERROR;
}

static KrValue object_getstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "__getstate__", nargs, 0, 0) < 0)
        return KR_ERROR;
    return object_getstate_impl(t, self, false);
}

/* Protocol 2+: (copyreg.__newobj__, (cls, *args), state, listitems, dictitems). */
static KrValue reduce_newobj(KrThread *t, KrValue self)
{
    KrType *tp = kr_type(t, self);
    if (!tp->new_)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "cannot pickle '%s' object", kr_type_name(tp));
    KrValue args = KR_ABSENT, kwargs = KR_ABSENT;
    KrValue r = kr_call_special(t, self, kr_str_intern_cstr(t, "__getnewargs_ex__"), NULL, 0);
    if (r == KR_ERROR)
        return r;
    if (r != KR_ABSENT) {
        if (!kr_is_tuple(t, r) || kr_tuple_len(r) != 2) {
            kr_decref(t, r);
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__getnewargs_ex__ should return a tuple of length 2");
        }
        args = kr_incref(kr_tuple_items(r)[0]);
        kwargs = kr_incref(kr_tuple_items(r)[1]);
        kr_decref(t, r);
    } else {
        r = kr_call_special(t, self, kr_str_intern_cstr(t, "__getnewargs__"), NULL, 0);
        if (r == KR_ERROR)
            return r;
        if (r != KR_ABSENT) {
            if (!kr_is_tuple(t, r)) {
                KrValue e = kr_raise_fmt(t, kr_exc_type(t, TypeError), "__getnewargs__ should return a tuple, not '%T'", r);
                kr_decref(t, r);
                return e;
            }
            args = r;
        }
    }
    bool has_args = args != KR_ABSENT;
    if (!has_args)
        args = kr_incref(t->vm->empty_tuple);
    KrValue state = KR_ERROR, newobj = KR_ERROR, newargs = KR_ERROR, result = KR_ERROR;
    KrValue listitems = KR_NONE, dictitems = KR_NONE;
    KrValue gs = kr_type_lookup(t, tp, kr_name(t, dunder_getstate));
    KrValue own = kr_type_lookup(t, kr_builtin_type(t, OBJECT), kr_name(t, dunder_getstate));
    if (gs == own)
        state = object_getstate_impl(t, self, !has_args && tp->basicsize != kr_builtin_type(t, OBJECT)->basicsize &&
                                                  !(tp->flags & KR_TPFLAG_HEAPTYPE));
    else
        state = kr_call_method(t, self, kr_name(t, dunder_getstate), NULL, 0);
    if (state == KR_ERROR)
        goto done;
    if (kr_has_flag(t, self, KR_TPFLAG_LIST_SUBCLASS) && (listitems = kr_iter(t, self)) == KR_ERROR)
        goto done;
    if (kr_has_flag(t, self, KR_TPFLAG_DICT_SUBCLASS)) {
        KrValue items = kr_call_method(t, self, kr_str_intern_cstr(t, "items"), NULL, 0);
        if (items == KR_ERROR)
            goto done;
        dictitems = kr_iter(t, items);
        kr_decref(t, items);
        if (dictitems == KR_ERROR)
            goto done;
    }
    if (kwargs == KR_ABSENT || (kr_is_dict(t, kwargs) && kr_dict_len(kwargs) == 0)) {
        newobj = copyreg_attr(t, "__newobj__");
        if (newobj == KR_ERROR)
            goto done;
        size_t n = kr_tuple_len(args);
        newargs = kr_tuple_new(t, n + 1);
        if (newargs == KR_ERROR)
            goto done;
        kr_tuple_items(newargs)[0] = kr_incref(kr_ptr(tp));
        for (size_t i = 0; i < n; i++)
            kr_tuple_items(newargs)[i + 1] = kr_incref(kr_tuple_items(args)[i]);
    } else {
        newobj = copyreg_attr(t, "__newobj_ex__");
        if (newobj == KR_ERROR)
            goto done;
        newargs = kr_tuple_pack(t, 3, kr_ptr(tp), args, kwargs);
        if (newargs == KR_ERROR)
            goto done;
    }
    result = kr_tuple_pack(t, 5, newobj, newargs, state, listitems, dictitems);
done:
    kr_xdecref(t, args);
    kr_xdecref(t, kwargs);
    kr_xdecref(t, state);
    kr_xdecref(t, newobj);
    kr_xdecref(t, newargs);
    kr_xdecref(t, listitems);
    kr_xdecref(t, dictitems);
    return result;
}

static KrValue object_reduce_common(KrThread *t, KrValue self, int64_t proto)
{
    if (proto >= 2)
        return reduce_newobj(t, self);
    KrValue f = copyreg_attr(t, "_reduce_ex");
    if (f == KR_ERROR)
        return f;
    KrValue args[2] = {self, kr_smallint(proto)};
    KrValue r = kr_call(t, f, args, 2, 0);
    kr_decref(t, f);
    return r;
}

static KrValue object_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "__reduce__", nargs, 0, 0) < 0)
        return KR_ERROR;
    return object_reduce_common(t, self, 0);
}

static KrValue object_reduce_ex(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "__reduce_ex__", nargs, 1, 1) < 0)
        return KR_ERROR;
    int64_t proto;
    if (!kr_is_int(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%T' object cannot be interpreted as an integer", args[0]);
    if (kr_as_ssize(t, args[0], &proto) < 0)
        return KR_ERROR;
    /* An overridden __reduce__ wins. */
    KrValue mine = kr_type_lookup(t, kr_type(t, self), kr_name(t, dunder_reduce));
    KrValue base = kr_type_lookup(t, kr_builtin_type(t, OBJECT), kr_name(t, dunder_reduce));
    if (mine != KR_ABSENT && mine != base)
        return kr_call_method(t, self, kr_name(t, dunder_reduce), NULL, 0);
    return object_reduce_common(t, self, proto);
}

/* Adds the names of cls's dict and of its bases', recursively. */
static int dir_merge_class(KrThread *t, KrValue d, KrValue cls)
{
    KrValue cd;
    int r = kr_lookup_attr(t, cls, kr_name(t, dunder_dict), &cd);
    if (r < 0)
        return -1;
    if (r > 0) {
        KrValue keys = kr_call_method(t, cd, kr_str_intern_cstr(t, "keys"), NULL, 0);
        kr_decref(t, cd);
        if (keys == KR_ERROR)
            return -1;
        KrValue it = kr_iter(t, keys);
        kr_decref(t, keys);
        if (it == KR_ERROR)
            return -1;
        KrValue k;
        while ((k = kr_next(t, it)) != KR_ABSENT) {
            if (k == KR_ERROR || kr_dict_set(t, d, k, KR_NONE) < 0) {
                kr_xdecref(t, k);
                kr_decref(t, it);
                return -1;
            }
            kr_decref(t, k);
        }
        kr_decref(t, it);
    }
    KrValue bases;
    r = kr_lookup_attr(t, cls, kr_str_intern_cstr(t, "__bases__"), &bases);
    if (r <= 0)
        return r;
    if (kr_is_tuple(t, bases)) {
        for (size_t i = 0; i < kr_tuple_len(bases); i++)
            if (dir_merge_class(t, d, kr_tuple_items(bases)[i]) < 0) {
                kr_decref(t, bases);
                return -1;
            }
    }
    kr_decref(t, bases);
    return 0;
}

static KrValue object_dir(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "__dir__", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrValue d, own;
    int r = kr_lookup_attr(t, self, kr_name(t, dunder_dict), &own);
    if (r < 0)
        return KR_ERROR;
    if (r > 0 && kr_is_dict(t, own))
        d = kr_dict_copy(t, own);
    else
        d = kr_dict_new(t);
    if (r > 0)
        kr_decref(t, own);
    if (d == KR_ERROR)
        return d;
    KrValue cls;
    r = kr_lookup_attr(t, self, kr_name(t, dunder_class), &cls);
    if (r < 0 || (r > 0 && dir_merge_class(t, d, cls) < 0)) {
        if (r > 0)
            kr_decref(t, cls);
        kr_decref(t, d);
        return KR_ERROR;
    }
    if (r > 0)
        kr_decref(t, cls);
    KrValue l = kr_dict_keys_list(t, d);
    kr_decref(t, d);
    return l;
}

static const KrMethodDef object_methods[] = {
    {"__reduce_ex__", object_reduce_ex, 0, "Helper for pickle."},
    {"__reduce__", object_reduce, 0, "Helper for pickle."},
    {"__getstate__", object_getstate, 0, "Helper for pickle."},
    {"__subclasshook__", object_subclasshook, KR_METH_CLASS,
     "Abstract classes can override this to customize issubclass().\n\n"
     "This is invoked early on by abc.ABCMeta.__subclasscheck__().\n"
     "It should return True, False or NotImplemented.  If it returns\n"
     "NotImplemented, the normal algorithm is used.  Otherwise, it\n"
     "overrides the normal algorithm (and the outcome is cached).\n"},
    {"__init_subclass__", object_init_subclass, KR_METH_CLASS,
     "This method is called when a class is subclassed.\n\n"
     "The default implementation does nothing. It may be\n"
     "overridden to extend subclasses.\n"},
    {"__format__", object_format, 0, "Default object formatter."},
    {"__sizeof__", object_sizeof, 0, "Size of object in memory, in bytes."},
    {"__dir__", object_dir, 0, "Default dir() implementation."},
    {NULL, NULL, 0, NULL},
};

/* ---- __class__ ---- */

static KrValue object_get_class(KrThread *t, KrValue self)
{
    return kr_incref(kr_ptr(kr_type(t, self)));
}

/* Whether instances of a and b have the same memory layout, so an object
 * can change from one class to the other (CPython's compatible_for_assignment). */
static bool same_layout(KrType *a, KrType *b)
{
    KrType *ba = a, *bb = b;
    while (ba->flags & KR_TPFLAG_HEAPTYPE)
        ba = ba->base;
    while (bb->flags & KR_TPFLAG_HEAPTYPE)
        bb = bb->base;
    if (ba != bb || a->basicsize != b->basicsize || a->itemsize != b->itemsize ||
        a->dictoffset != b->dictoffset || a->weaklistoffset != b->weaklistoffset ||
        ((a->flags ^ b->flags) & (KR_TPFLAG_GC | KR_TPFLAG_DICT_IN_EXTRAS)))
        return false;
    /* The __slots__ must match name for name, along the chains. */
    while (a != b && (a->flags & KR_TPFLAG_HEAPTYPE) && (b->flags & KR_TPFLAG_HEAPTYPE)) {
        bool sa = kr_is_ptr(a->ht_slots) && kr_tuple_len(a->ht_slots) > 0;
        bool sb = kr_is_ptr(b->ht_slots) && kr_tuple_len(b->ht_slots) > 0;
        if (sa != sb)
            return false;
        if (sa) {
            size_t n = kr_tuple_len(a->ht_slots);
            if (n != kr_tuple_len(b->ht_slots))
                return false;
            for (size_t i = 0; i < n; i++)
                if (!kr_str_equal(kr_tuple_items(a->ht_slots)[i], kr_tuple_items(b->ht_slots)[i]))
                    return false;
        }
        a = a->base;
        b = b->base;
    }
    return true;
}

static int object_set_class(KrThread *t, KrValue self, KrValue value)
{
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "can't delete __class__ attribute");
    if (!kr_has_flag(t, value, KR_TPFLAG_TYPE_SUBCLASS))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__class__ must be set to a class, not '%T' object", value);
    KrType *newto = kr_as_type(value), *old = kr_type(t, self);
    bool module_ok = kr_is_subtype(newto, kr_builtin_type(t, MODULE)) && kr_is_subtype(old, kr_builtin_type(t, MODULE));
    if (!module_ok && (!(newto->flags & KR_TPFLAG_HEAPTYPE) || !(old->flags & KR_TPFLAG_HEAPTYPE)))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "__class__ assignment only supported for mutable types or ModuleType subclasses");
    if (!kr_is_ptr(self))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "__class__ assignment only supported for mutable types or ModuleType subclasses");
    if (!same_layout(newto, old))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__class__ assignment: '%s' object layout differs from '%s'",
                                kr_type_name(newto), kr_type_name(old));
    KrObject *o = kr_as_ptr(self);
    if (newto->flags & KR_TPFLAG_HEAPTYPE)
        newto->ob.refcnt++;
    o->type = newto;
    if (old->flags & KR_TPFLAG_HEAPTYPE)
        kr_decref(t, kr_ptr(old));
    return 0;
}

static const KrGetSetDef object_getsets[] = {
    {"__class__", object_get_class, object_set_class, "the object's class"},
    {NULL, NULL, NULL, NULL},
};

static void object_fill(KrType *tp)
{
    tp->dealloc = object_dealloc;
    tp->new_ = object_new;
    tp->init = object_init;
    tp->repr = object_repr;
    tp->str = object_str;
    tp->hash = object_hash;
    tp->compare = object_compare;
    tp->getattr = kr_generic_getattr;
    tp->setattr = kr_generic_setattr;
}

const KrTypeSpec kr_object_spec = {
    .name = "object",
    .basicsize = sizeof(KrObject),
    .flags = KR_TPFLAG_BASETYPE,
    .methods = object_methods,
    .getsets = object_getsets,
    .fill = object_fill,
    .doc = "The base class of the class hierarchy.",
};
