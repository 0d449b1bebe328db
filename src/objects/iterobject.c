/* The built-in iterator types that wrap other iterables: enumerate, zip,
 * map, filter, reversed, the sequence iterator (`iterator`, what iter()
 * makes for objects with only __getitem__) and callable_iterator
 * (iter(callable, sentinel)).
 *
 * Each keeps what it iterates over until it is exhausted and then lets go
 * of it, as CPython's do, which shows in __reduce__. */
#include <stdlib.h>

#include "objects/objects.h"
#include "objects/seq.h"

static KrValue iterobj_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static void iterobj_visit(KrValue v, KrVisitFn visit, void *arg)
{
    if (kr_is_ptr(v))
        visit(kr_as_ptr(v), arg);
}

/* Types whose __init__ is object's reject keywords in __new__ (CPython's
 * `type == &PyMap_Type || type->tp_init == PyMap_Type.tp_init` test). */
static int iterobj_no_kwargs(KrThread *t, KrType *type, KrType *base, const char *name, KrValue kwnames)
{
    if (type != base && type->init != base->init)
        return 0;
    return kr_no_kwargs(t, name, kwnames);
}

/* (type(self), args) or (type(self), args, extra) for __reduce__;
 * args is consumed. */
static KrValue iterobj_reduce_with(KrThread *t, KrValue self, KrValue args, KrValue extra)
{
    if (args == KR_ERROR)
        return KR_ERROR;
    KrValue type = kr_type_value(kr_type(t, self));
    KrValue r = extra == KR_ABSENT ? kr_tuple_pack(t, 2, type, args) : kr_tuple_pack(t, 3, type, args, extra);
    kr_decref(t, args);
    return r;
}

/* ------------------------------------------------------------------ */
/* enumerate                                                           */
/* ------------------------------------------------------------------ */

typedef struct Enumerate {
    KrObject ob;
    int64_t index;
    KrValue it;
    KrValue longindex;  /* the count once it outgrows int64, else KR_ABSENT */
    KrValue result;     /* the last pair returned, reused when only this holds it */
} Enumerate;

static int enum_check_keyword(KrThread *t, KrValue kwnames, size_t i, const char *name)
{
    KrValue kw = kr_tuple_items(kwnames)[i];
    if (kr_str_equal_cstr(kw, name))
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for enumerate()", kw);
}

static KrValue enum_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    KrValue iterable, start = KR_ABSENT;
    /* The argument checks of 3.11's enumerate vectorcall, which has its own
     * messages. */
    if (nargs + nkw == 2) {
        if (nkw == 1 && enum_check_keyword(t, kwnames, 0, "start") < 0)
            return KR_ERROR;
        if (nkw == 2 && (enum_check_keyword(t, kwnames, 0, "iterable") < 0 ||
                         enum_check_keyword(t, kwnames, 1, "start") < 0))
            return KR_ERROR;
        iterable = args[0];
        start = args[1];
    } else if (nargs + nkw == 1) {
        if (nkw == 1 && enum_check_keyword(t, kwnames, 0, "iterable") < 0)
            return KR_ERROR;
        iterable = args[0];
    } else if (nargs == 0) {
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "enumerate() missing required argument 'iterable'");
    } else {
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "enumerate() takes at most 2 arguments (%zu given)",
                            nargs + nkw);
    }
    Enumerate *en = (Enumerate *)seq_alloc_instance(t, type, sizeof(Enumerate));
    if (!en)
        return KR_ERROR;
    en->it = en->longindex = en->result = KR_ABSENT;
    KrValue self = kr_ptr(en);
    if (start != KR_ABSENT) {
        KrValue s = kr_index(t, start);
        if (s == KR_ERROR) {
            kr_decref(t, self);
            return KR_ERROR;
        }
        if (kr_is_smallint(s) || kr_is_bool(s)) {
            en->index = kr_is_bool(s) ? s == KR_TRUE : kr_as_smallint(s);
            kr_decref(t, s);
        } else if (mpz_fits_slong_p(((KrLong *)kr_as_ptr(s))->z)) {
            en->index = mpz_get_si(((KrLong *)kr_as_ptr(s))->z);
            kr_decref(t, s);
        } else {
            en->index = INT64_MAX;
            en->longindex = s;
        }
    }
    en->it = kr_iter(t, iterable);
    if (en->it == KR_ERROR) {
        en->it = KR_ABSENT;
        kr_decref(t, self);
        return KR_ERROR;
    }
    return self;
}

static void enum_dealloc(KrThread *t, KrObject *o)
{
    Enumerate *en = (Enumerate *)o;
    kr_gc_untrack(t, o);
    kr_xdecref(t, en->it);
    kr_xdecref(t, en->longindex);
    kr_xdecref(t, en->result);
    kr_free_object(t, o);
}

static void enum_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    Enumerate *en = (Enumerate *)o;
    iterobj_visit(en->it, visit, arg);
    iterobj_visit(en->longindex, visit, arg);
    iterobj_visit(en->result, visit, arg);
}

static KrValue enum_next(KrThread *t, KrValue self)
{
    Enumerate *en = (Enumerate *)kr_as_ptr(self);
    KrValue item = kr_next(t, en->it);
    if (item == KR_ERROR || item == KR_ABSENT)
        return item;
    KrValue index;
    if (en->longindex == KR_ABSENT && en->index < INT64_MAX) {
        index = kr_int_from_i64(t, en->index++);
    } else {
        if (en->longindex == KR_ABSENT) {
            en->longindex = kr_int_from_i64(t, INT64_MAX);
            if (en->longindex == KR_ERROR) {
                en->longindex = KR_ABSENT;
                kr_decref(t, item);
                return KR_ERROR;
            }
        }
        index = en->longindex;
        KrValue next = kr_binary_op(t, index, kr_smallint(1), KR_OP_ADD);
        if (next == KR_ERROR) {
            kr_decref(t, item);
            return KR_ERROR;
        }
        en->longindex = next; /* the old reference moves to `index` */
    }
    if (index == KR_ERROR) {
        kr_decref(t, item);
        return KR_ERROR;
    }
    KrValue r = en->result;
    if (kr_is_ptr(r) && kr_as_ptr(r)->refcnt == 1) {
        /* the consumer let go of the last pair: fill it again (CPython) */
        KrValue *items = kr_tuple_items(r);
        KrValue old0 = items[0], old1 = items[1];
        items[0] = index;
        items[1] = item;
        kr_decref(t, old0);
        kr_decref(t, old1);
        return kr_incref(r);
    }
    r = kr_tuple_pack(t, 2, index, item);
    kr_decref(t, index);
    kr_decref(t, item);
    if (r != KR_ERROR)
        kr_assign(t, &en->result, r);
    return r;
}

static KrValue enum_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "enumerate.__reduce__", nargs) < 0)
        return KR_ERROR;
    Enumerate *en = (Enumerate *)kr_as_ptr(self);
    KrValue index = en->longindex != KR_ABSENT ? kr_incref(en->longindex) : kr_int_from_i64(t, en->index);
    if (index == KR_ERROR)
        return KR_ERROR;
    KrValue a = kr_tuple_pack(t, 2, en->it, index);
    kr_decref(t, index);
    return iterobj_reduce_with(t, self, a, KR_ABSENT);
}

/* cls[item]: a types.GenericAlias (PEP 585). */
static KrValue enum_class_getitem(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "enumerate.__class_getitem__", nargs) < 0)
        return KR_ERROR;
    return kr_class_getitem_alias(t, cls, args, nargs);
}

static const KrMethodDef enum_methods[] = {
    {"__reduce__", enum_reduce, 0, "Return state information for pickling."},
    {"__class_getitem__", enum_class_getitem, KR_METH_CLASS, "See PEP 585"},
    {0},
};

static void enum_fill(KrType *tp)
{
    tp->new_ = enum_new;
    tp->dealloc = enum_dealloc;
    tp->traverse = enum_traverse;
    tp->iter = iterobj_self;
    tp->iternext = enum_next;
}

const KrTypeSpec kr_enumerate_spec = {
    .name = "enumerate",
    .basicsize = sizeof(Enumerate),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = enum_methods,
    .fill = enum_fill,
    .doc = "Return an enumerate object.\n\n"
           "  iterable\n    an object supporting iteration\n\n"
           "The enumerate object yields pairs containing a count (from start, which\n"
           "defaults to zero) and a value yielded by the iterable argument.\n\n"
           "enumerate is useful for obtaining an indexed list:\n"
           "    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...",
};

/* ------------------------------------------------------------------ */
/* zip                                                                 */
/* ------------------------------------------------------------------ */

typedef struct Zip {
    KrObject ob;
    KrValue iters;      /* tuple of iterators */
    KrValue result;     /* the last tuple returned, reused when only the zip holds it */
    bool strict;
} Zip;

/* A tuple of iter(x) for each of args[0..n). */
static KrValue iterobj_iter_all(KrThread *t, const KrValue *args, size_t n)
{
    KrValue iters = kr_tuple_new(t, n);
    if (iters == KR_ERROR)
        return iters;
    for (size_t i = 0; i < n; i++) {
        KrValue it = kr_iter(t, args[i]);
        if (it == KR_ERROR) {
            kr_decref(t, iters);
            return KR_ERROR;
        }
        kr_tuple_items(iters)[i] = it;
    }
    return iters;
}

static KrValue zip_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    bool strict = false;
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nkw > 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "zip() takes at most 1 keyword argument (%zu given)", nkw);
    if (nkw == 1) {
        KrValue kw = kr_tuple_items(kwnames)[0];
        if (!kr_str_equal_cstr(kw, "strict"))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for zip()", kw);
        int k = kr_truth(t, args[nargs]);
        if (k < 0)
            return KR_ERROR;
        strict = k;
    }
    KrValue iters = iterobj_iter_all(t, args, nargs);
    if (iters == KR_ERROR)
        return KR_ERROR;
    Zip *z = (Zip *)seq_alloc_instance(t, type, sizeof(Zip));
    if (!z) {
        kr_decref(t, iters);
        return KR_ERROR;
    }
    z->iters = iters;
    z->result = KR_ABSENT;
    z->strict = strict;
    return kr_ptr(z);
}

static void zip_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_xdecref(t, ((Zip *)o)->iters);
    kr_xdecref(t, ((Zip *)o)->result);
    kr_free_object(t, o);
}

static void zip_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    iterobj_visit(((Zip *)o)->iters, visit, arg);
    if (kr_is_ptr(((Zip *)o)->result))
        visit(kr_as_ptr(((Zip *)o)->result), arg);
}

/* "zip() argument 3 is shorter than arguments 1-2" */
static KrValue zip_length_error(KrThread *t, size_t i, const char *what)
{
    return kr_raise_fmt(t, kr_exc_type(t, ValueError), "zip() argument %zu is %s than argument%s%zu", i + 1, what,
                        i == 1 ? " " : "s 1-", i);
}

static KrValue zip_next(KrThread *t, KrValue self)
{
    Zip *z = (Zip *)kr_as_ptr(self);
    size_t n = kr_tuple_len(z->iters);
    if (n == 0)
        return KR_ABSENT;
    KrValue *iters = kr_tuple_items(z->iters);
    /* As CPython does: when the consumer dropped the previous tuple (a
     * for loop unpacking it, dict(zip(...))), it is filled again instead
     * of allocating a new one. */
    KrValue result = z->result;
    if (kr_is_ptr(result) && kr_as_ptr(result)->refcnt == 1) {
        kr_incref(result);
    } else {
        result = kr_tuple_new(t, n);
        if (result == KR_ERROR)
            return result;
        kr_assign(t, &z->result, result);
    }
    for (size_t i = 0; i < n; i++) {
        KrValue item = kr_next(t, iters[i]);
        if (item == KR_ERROR) {
            kr_decref(t, result);
            return KR_ERROR;
        }
        if (item == KR_ABSENT) {
            kr_decref(t, result);
            if (!z->strict)
                return KR_ABSENT;
            if (i)
                return zip_length_error(t, i, "shorter");
            /* The first ran out: every other one must be exhausted too. */
            for (size_t j = 1; j < n; j++) {
                KrValue extra = kr_next(t, iters[j]);
                if (extra == KR_ERROR)
                    return KR_ERROR;
                if (extra != KR_ABSENT) {
                    kr_decref(t, extra);
                    return zip_length_error(t, j, "longer");
                }
            }
            return KR_ABSENT;
        }
        KrValue old = kr_tuple_items(result)[i];
        kr_tuple_items(result)[i] = item;
        kr_decref(t, old);
    }
    return result;
}

static KrValue zip_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "zip.__reduce__", nargs) < 0)
        return KR_ERROR;
    Zip *z = (Zip *)kr_as_ptr(self);
    return iterobj_reduce_with(t, self, kr_incref(z->iters), z->strict ? KR_TRUE : KR_ABSENT);
}

static KrValue zip_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "zip.__setstate__", nargs) < 0)
        return KR_ERROR;
    int k = kr_truth(t, args[0]);
    if (k < 0)
        return KR_ERROR;
    ((Zip *)kr_as_ptr(self))->strict = k;
    return KR_NONE;
}

static const KrMethodDef zip_methods[] = {
    {"__reduce__", zip_reduce, 0, "Return state information for pickling."},
    {"__setstate__", zip_setstate, 0, "Set state information for unpickling."},
    {0},
};

static void zip_fill(KrType *tp)
{
    tp->new_ = zip_new;
    tp->dealloc = zip_dealloc;
    tp->traverse = zip_traverse;
    tp->iter = iterobj_self;
    tp->iternext = zip_next;
}

const KrTypeSpec kr_zip_spec = {
    .name = "zip",
    .basicsize = sizeof(Zip),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = zip_methods,
    .fill = zip_fill,
    .doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.\n\n"
           "   >>> list(zip('abcdefg', range(3), range(4)))\n"
           "   [('a', 0, 0), ('b', 1, 1), ('c', 2, 2)]\n\n"
           "The zip object yields n-length tuples, where n is the number of iterables\n"
           "passed as positional arguments to zip().  The i-th element in every tuple\n"
           "comes from the i-th iterable argument to zip().  This continues until the\n"
           "shortest argument is exhausted.\n\n"
           "If strict is true and one of the arguments is exhausted before the others,\n"
           "raise a ValueError.",
};

/* ------------------------------------------------------------------ */
/* map                                                                 */
/* ------------------------------------------------------------------ */

typedef struct Map {
    KrObject ob;
    KrValue func;
    KrValue iters;      /* tuple of iterators */
} Map;

static KrValue map_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (iterobj_no_kwargs(t, type, kr_builtin_type(t, MAP), "map", kwnames) < 0)
        return KR_ERROR;
    if (nargs < 2)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "map() must have at least two arguments.");
    KrValue iters = iterobj_iter_all(t, args + 1, nargs - 1);
    if (iters == KR_ERROR)
        return KR_ERROR;
    Map *m = (Map *)seq_alloc_instance(t, type, sizeof(Map));
    if (!m) {
        kr_decref(t, iters);
        return KR_ERROR;
    }
    m->func = kr_incref(args[0]);
    m->iters = iters;
    return kr_ptr(m);
}

static void map_dealloc(KrThread *t, KrObject *o)
{
    Map *m = (Map *)o;
    kr_gc_untrack(t, o);
    kr_xdecref(t, m->func);
    kr_xdecref(t, m->iters);
    kr_free_object(t, o);
}

static void map_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    Map *m = (Map *)o;
    iterobj_visit(m->func, visit, arg);
    iterobj_visit(m->iters, visit, arg);
}

static KrValue map_next(KrThread *t, KrValue self)
{
    Map *m = (Map *)kr_as_ptr(self);
    size_t n = kr_tuple_len(m->iters);
    KrValue small[8];
    KrValue *argv = n <= 8 ? small : malloc(n * sizeof(KrValue));
    if (!argv)
        return kr_no_memory(t);
    KrValue result = KR_ABSENT;
    size_t got = 0;
    for (; got < n; got++) {
        KrValue item = kr_next(t, kr_tuple_items(m->iters)[got]);
        if (item == KR_ERROR || item == KR_ABSENT) {
            result = item;
            break;
        }
        argv[got] = item;
    }
    if (got == n)
        result = kr_call(t, m->func, argv, n, 0);
    for (size_t i = 0; i < got; i++)
        kr_decref(t, argv[i]);
    if (argv != small)
        free(argv);
    return result;
}

static KrValue map_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "map.__reduce__", nargs) < 0)
        return KR_ERROR;
    Map *m = (Map *)kr_as_ptr(self);
    size_t n = kr_tuple_len(m->iters);
    KrValue a = kr_tuple_new(t, n + 1);
    if (a == KR_ERROR)
        return a;
    kr_tuple_items(a)[0] = kr_incref(m->func);
    for (size_t i = 0; i < n; i++)
        kr_tuple_items(a)[i + 1] = kr_incref(kr_tuple_items(m->iters)[i]);
    return iterobj_reduce_with(t, self, a, KR_ABSENT);
}

static const KrMethodDef map_methods[] = {
    {"__reduce__", map_reduce, 0, "Return state information for pickling."},
    {0},
};

static void map_fill(KrType *tp)
{
    tp->new_ = map_new;
    tp->dealloc = map_dealloc;
    tp->traverse = map_traverse;
    tp->iter = iterobj_self;
    tp->iternext = map_next;
}

const KrTypeSpec kr_map_spec = {
    .name = "map",
    .basicsize = sizeof(Map),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = map_methods,
    .fill = map_fill,
    .doc = "map(func, *iterables) --> map object\n\n"
           "Make an iterator that computes the function using arguments from\n"
           "each of the iterables.  Stops when the shortest iterable is exhausted.",
};

/* ------------------------------------------------------------------ */
/* filter                                                              */
/* ------------------------------------------------------------------ */

typedef struct Filter {
    KrObject ob;
    KrValue func;
    KrValue it;
} Filter;

static KrValue filter_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (iterobj_no_kwargs(t, type, kr_builtin_type(t, FILTER), "filter", kwnames) < 0)
        return KR_ERROR;
    if (kr_check_nargs(t, "filter", nargs, 2, 2) < 0)
        return KR_ERROR;
    KrValue it = kr_iter(t, args[1]);
    if (it == KR_ERROR)
        return KR_ERROR;
    Filter *f = (Filter *)seq_alloc_instance(t, type, sizeof(Filter));
    if (!f) {
        kr_decref(t, it);
        return KR_ERROR;
    }
    f->func = kr_incref(args[0]);
    f->it = it;
    return kr_ptr(f);
}

static void filter_dealloc(KrThread *t, KrObject *o)
{
    Filter *f = (Filter *)o;
    kr_gc_untrack(t, o);
    kr_xdecref(t, f->func);
    kr_xdecref(t, f->it);
    kr_free_object(t, o);
}

static void filter_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    Filter *f = (Filter *)o;
    iterobj_visit(f->func, visit, arg);
    iterobj_visit(f->it, visit, arg);
}

static KrValue filter_next(KrThread *t, KrValue self)
{
    Filter *f = (Filter *)kr_as_ptr(self);
    /* filter(None, ...) and filter(bool, ...) test the items themselves. */
    bool plain = f->func == KR_NONE || f->func == kr_type_value(kr_builtin_type(t, BOOL));
    for (;;) {
        KrValue item = kr_next(t, f->it);
        if (item == KR_ERROR || item == KR_ABSENT)
            return item;
        int ok;
        if (plain) {
            ok = kr_truth(t, item);
        } else {
            KrValue good = kr_call1(t, f->func, item);
            if (good == KR_ERROR) {
                kr_decref(t, item);
                return KR_ERROR;
            }
            ok = kr_truth(t, good);
            kr_decref(t, good);
        }
        if (ok > 0)
            return item;
        kr_decref(t, item);
        if (ok < 0)
            return KR_ERROR;
    }
}

static KrValue filter_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "filter.__reduce__", nargs) < 0)
        return KR_ERROR;
    Filter *f = (Filter *)kr_as_ptr(self);
    return iterobj_reduce_with(t, self, kr_tuple_pack(t, 2, f->func, f->it), KR_ABSENT);
}

static const KrMethodDef filter_methods[] = {
    {"__reduce__", filter_reduce, 0, "Return state information for pickling."},
    {0},
};

static void filter_fill(KrType *tp)
{
    tp->new_ = filter_new;
    tp->dealloc = filter_dealloc;
    tp->traverse = filter_traverse;
    tp->iter = iterobj_self;
    tp->iternext = filter_next;
}

const KrTypeSpec kr_filter_spec = {
    .name = "filter",
    .basicsize = sizeof(Filter),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = filter_methods,
    .fill = filter_fill,
    .doc = "filter(function or None, iterable) --> filter object\n\n"
           "Return an iterator yielding those items of iterable for which function(item)\n"
           "is true. If function is None, return the items that are true.",
};

/* ------------------------------------------------------------------ */
/* reversed and the sequence iterator                                  */
/* ------------------------------------------------------------------ */

/* Both walk a sequence by index through __getitem__; an IndexError or
 * StopIteration from it ends the walk. */
typedef struct SeqIter {
    KrObject ob;
    int64_t index;
    KrValue seq;        /* KR_ABSENT once exhausted */
} SeqIter;

static void seqiter_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_xdecref(t, ((SeqIter *)o)->seq);
    kr_free_object(t, o);
}

static void seqiter_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    iterobj_visit(((SeqIter *)o)->seq, visit, arg);
}

/* seq[i], KR_ABSENT for the errors that end an iteration. */
static KrValue seqiter_item(KrThread *t, KrValue seq, int64_t i)
{
    KrValue index = kr_int_from_i64(t, i);
    if (index == KR_ERROR)
        return index;
    KrValue item = kr_getitem(t, seq, index);
    kr_decref(t, index);
    if (item == KR_ERROR &&
        (kr_err_matches(t, kr_exc_type(t, IndexError)) || kr_err_matches(t, kr_exc_type(t, StopIteration)))) {
        kr_err_clear(t);
        return KR_ABSENT;
    }
    return item;
}

/* CPython's PySequence_Check: a __getitem__ that is not a dict's. */
static bool iterobj_is_sequence(KrThread *t, KrValue v)
{
    KrType *tp = kr_type(t, v);
    return tp->getitem != NULL && !(tp->flags & KR_TPFLAG_DICT_SUBCLASS);
}

static KrValue reversed_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (iterobj_no_kwargs(t, type, kr_builtin_type(t, REVERSED), "reversed", kwnames) < 0)
        return KR_ERROR;
    if (kr_check_nargs(t, "reversed", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue seq = args[0];
    KrValue meth = kr_type_lookup(t, kr_type(t, seq), kr_name(t, dunder_reversed));
    if (meth == KR_NONE)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%T' object is not reversible", seq);
    if (meth != KR_ABSENT) {
        KrValue r = kr_call_special(t, seq, kr_name(t, dunder_reversed), NULL, 0);
        if (r != KR_ABSENT)
            return r;
    }
    if (!iterobj_is_sequence(t, seq))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%T' object is not reversible", seq);
    int64_t n = kr_len(t, seq);
    if (n < 0)
        return KR_ERROR;
    SeqIter *ro = (SeqIter *)seq_alloc_instance(t, type, sizeof(SeqIter));
    if (!ro)
        return KR_ERROR;
    ro->index = n - 1;
    ro->seq = kr_incref(seq);
    return kr_ptr(ro);
}

static KrValue reversed_next(KrThread *t, KrValue self)
{
    SeqIter *ro = (SeqIter *)kr_as_ptr(self);
    if (ro->index >= 0 && ro->seq != KR_ABSENT) {
        KrValue item = seqiter_item(t, ro->seq, ro->index);
        if (item == KR_ERROR)
            return item;
        if (item != KR_ABSENT) {
            ro->index--;
            return item;
        }
    }
    ro->index = -1;
    kr_clear(t, &ro->seq);
    return KR_ABSENT;
}

static KrValue reversed_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "reversed.__length_hint__", nargs) < 0)
        return KR_ERROR;
    SeqIter *ro = (SeqIter *)kr_as_ptr(self);
    if (ro->seq == KR_ABSENT)
        return kr_smallint(0);
    int64_t n = kr_len(t, ro->seq);
    if (n < 0)
        return KR_ERROR;
    int64_t pos = ro->index + 1;
    return kr_int_from_i64(t, n < pos ? 0 : pos);
}

static KrValue reversed_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "reversed.__reduce__", nargs) < 0)
        return KR_ERROR;
    SeqIter *ro = (SeqIter *)kr_as_ptr(self);
    if (ro->seq == KR_ABSENT)
        return iterobj_reduce_with(t, self, kr_tuple_pack(t, 1, t->vm->empty_tuple), KR_ABSENT);
    KrValue index = kr_int_from_i64(t, ro->index);
    if (index == KR_ERROR)
        return index;
    KrValue r = iterobj_reduce_with(t, self, kr_tuple_pack(t, 1, ro->seq), index);
    kr_decref(t, index);
    return r;
}

static KrValue reversed_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "reversed.__setstate__", nargs) < 0)
        return KR_ERROR;
    int64_t index;
    if (seq_setstate_index(t, args[0], &index) < 0)
        return KR_ERROR;
    SeqIter *ro = (SeqIter *)kr_as_ptr(self);
    if (ro->seq != KR_ABSENT) {
        int64_t n = kr_len(t, ro->seq);
        if (n < 0)
            return KR_ERROR;
        if (index < -1)
            index = -1;
        else if (index > n - 1)
            index = n - 1;
        ro->index = index;
    }
    return KR_NONE;
}

static const KrMethodDef reversed_methods[] = {
    {"__length_hint__", reversed_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", reversed_reduce, 0, "Return state information for pickling."},
    {"__setstate__", reversed_setstate, 0, "Set state information for unpickling."},
    {0},
};

static void reversed_fill(KrType *tp)
{
    tp->new_ = reversed_new;
    tp->dealloc = seqiter_dealloc;
    tp->traverse = seqiter_traverse;
    tp->iter = iterobj_self;
    tp->iternext = reversed_next;
}

const KrTypeSpec kr_reversed_spec = {
    .name = "reversed",
    .basicsize = sizeof(SeqIter),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = reversed_methods,
    .fill = reversed_fill,
    .doc = "Return a reverse iterator over the values of the given sequence.",
};

KrValue kr_seq_iter_new(KrThread *t, KrValue seq)
{
    SeqIter *it = (SeqIter *)kr_alloc(t, kr_builtin_type(t, SEQ_ITERATOR), sizeof(SeqIter));
    if (!it)
        return KR_ERROR;
    it->index = 0;
    it->seq = kr_incref(seq);
    return kr_ptr(it);
}

static KrValue seqiter_next(KrThread *t, KrValue self)
{
    SeqIter *it = (SeqIter *)kr_as_ptr(self);
    if (it->seq == KR_ABSENT)
        return KR_ABSENT;
    if (it->index == INT64_MAX)
        return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "iter index too large");
    KrValue item = seqiter_item(t, it->seq, it->index);
    if (item == KR_ABSENT) {
        kr_clear(t, &it->seq);
        return KR_ABSENT;
    }
    if (item != KR_ERROR)
        it->index++;
    return item;
}

static KrValue seqiter_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "iterator.__length_hint__", nargs) < 0)
        return KR_ERROR;
    SeqIter *it = (SeqIter *)kr_as_ptr(self);
    if (it->seq != KR_ABSENT) {
        if (!kr_type(t, it->seq)->len)
            return KR_NOTIMPLEMENTED;
        int64_t n = kr_len(t, it->seq);
        if (n < 0)
            return KR_ERROR;
        if (n - it->index >= 0)
            return kr_int_from_i64(t, n - it->index);
    }
    return kr_smallint(0);
}

static KrValue seqiter_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "iterator.__reduce__", nargs) < 0)
        return KR_ERROR;
    SeqIter *it = (SeqIter *)kr_as_ptr(self);
    return seq_iter_reduce(t, it->seq, it->index, t->vm->empty_tuple);
}

static KrValue seqiter_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (seq_onearg(t, "iterator.__setstate__", nargs) < 0)
        return KR_ERROR;
    int64_t index;
    if (seq_setstate_index(t, args[0], &index) < 0)
        return KR_ERROR;
    SeqIter *it = (SeqIter *)kr_as_ptr(self);
    if (it->seq != KR_ABSENT)
        it->index = index < 0 ? 0 : index;
    return KR_NONE;
}

static const KrMethodDef seqiter_methods[] = {
    {"__length_hint__", seqiter_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", seqiter_reduce, 0, "Return state information for pickling."},
    {"__setstate__", seqiter_setstate, 0, "Set state information for unpickling."},
    {0},
};

static void seqiter_fill(KrType *tp)
{
    tp->dealloc = seqiter_dealloc;
    tp->traverse = seqiter_traverse;
    tp->iter = iterobj_self;
    tp->iternext = seqiter_next;
}

const KrTypeSpec kr_seq_iterator_spec = {
    .name = "iterator",
    .basicsize = sizeof(SeqIter),
    .flags = KR_TPFLAG_GC,
    .methods = seqiter_methods,
    .fill = seqiter_fill,
};

/* ------------------------------------------------------------------ */
/* callable_iterator                                                   */
/* ------------------------------------------------------------------ */

typedef struct CallIter {
    KrObject ob;
    KrValue func;       /* KR_ABSENT once exhausted */
    KrValue sentinel;
} CallIter;

KrValue kr_callable_iter_new(KrThread *t, KrValue callable, KrValue sentinel)
{
    CallIter *it = (CallIter *)kr_alloc(t, kr_builtin_type(t, CALLABLE_ITERATOR), sizeof(CallIter));
    if (!it)
        return KR_ERROR;
    it->func = kr_incref(callable);
    it->sentinel = kr_incref(sentinel);
    return kr_ptr(it);
}

static void calliter_dealloc(KrThread *t, KrObject *o)
{
    CallIter *it = (CallIter *)o;
    kr_gc_untrack(t, o);
    kr_xdecref(t, it->func);
    kr_xdecref(t, it->sentinel);
    kr_free_object(t, o);
}

static void calliter_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    CallIter *it = (CallIter *)o;
    iterobj_visit(it->func, visit, arg);
    iterobj_visit(it->sentinel, visit, arg);
}

static void calliter_exhaust(KrThread *t, CallIter *it)
{
    kr_clear(t, &it->func);
    kr_clear(t, &it->sentinel);
}

static KrValue calliter_next(KrThread *t, KrValue self)
{
    CallIter *it = (CallIter *)kr_as_ptr(self);
    if (it->func == KR_ABSENT)
        return KR_ABSENT;
    KrValue r = kr_call0(t, it->func);
    if (r == KR_ERROR) {
        if (kr_err_matches(t, kr_exc_type(t, StopIteration))) {
            kr_err_clear(t);
            calliter_exhaust(t, it);
            return KR_ABSENT;
        }
        return KR_ERROR;
    }
    /* The sentinel is the left operand, as in CPython. */
    KrValue sentinel = kr_incref(it->sentinel);
    int k = kr_eq(t, sentinel, r);
    kr_decref(t, sentinel);
    if (k == 0)
        return r;
    kr_decref(t, r);
    if (k > 0) {
        calliter_exhaust(t, it);
        return KR_ABSENT;
    }
    return KR_ERROR;
}

static KrValue calliter_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (seq_noargs(t, "callable_iterator.__reduce__", nargs) < 0)
        return KR_ERROR;
    CallIter *it = (CallIter *)kr_as_ptr(self);
    KrValue iter = seq_builtin_iter(t);
    if (iter == KR_ERROR)
        return KR_ERROR;
    KrValue a = it->func != KR_ABSENT ? kr_tuple_pack(t, 2, it->func, it->sentinel)
                                      : kr_tuple_pack(t, 1, t->vm->empty_tuple);
    if (a == KR_ERROR)
        return KR_ERROR;
    KrValue r = kr_tuple_pack(t, 2, iter, a);
    kr_decref(t, a);
    return r;
}

static const KrMethodDef calliter_methods[] = {
    {"__reduce__", calliter_reduce, 0, "Return state information for pickling."},
    {0},
};

static void calliter_fill(KrType *tp)
{
    tp->dealloc = calliter_dealloc;
    tp->traverse = calliter_traverse;
    tp->iter = iterobj_self;
    tp->iternext = calliter_next;
}

const KrTypeSpec kr_callable_iterator_spec = {
    .name = "callable_iterator",
    .basicsize = sizeof(CallIter),
    .flags = KR_TPFLAG_GC,
    .methods = calliter_methods,
    .fill = calliter_fill,
};
