/* None, NotImplemented and Ellipsis: immediates (value.h) whose types have
 * exactly one instance each. */
#include "objects/objects.h"

/* A fixed hash per constant (CPython hashes them by address, which no
 * program can rely on). */
static int64_t singleton_hash(KrThread *t, KrValue self)
{
    (void)t;
    return (int64_t)(self >> 4 | self << 60) & INT64_MAX;
}

static KrValue singleton_check_args(KrThread *t, const char *name, size_t nargs, KrValue kwnames)
{
    if (nargs || (kwnames && kr_tuple_len(kwnames)))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s takes no arguments", name);
    return KR_ABSENT;
}

/* ---- None ---- */

static KrValue none_repr(KrThread *t, KrValue self)
{
    (void)self;
    return kr_str_from_cstr(t, "None");
}

static int none_truth(KrThread *t, KrValue self)
{
    (void)t, (void)self;
    return 0;
}

static KrValue none_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type, (void)args;
    KrValue e = singleton_check_args(t, "NoneType", nargs, kwnames);
    return e == KR_ABSENT ? KR_NONE : e;
}

static void none_fill(KrType *tp)
{
    tp->new_ = none_new;
    tp->repr = none_repr;
    tp->hash = singleton_hash;
    tp->truth = none_truth;
}

const KrTypeSpec kr_none_spec = {
    .name = "NoneType",
    .basicsize = sizeof(KrObject),
    .fill = none_fill,
};

/* ---- NotImplemented ---- */

static KrValue notimplemented_repr(KrThread *t, KrValue self)
{
    (void)self;
    return kr_str_from_cstr(t, "NotImplemented");
}

/* CPython 3.11 also warns (DeprecationWarning) when NotImplemented is used
 * as a truth value; the value is True either way. */
static int notimplemented_truth(KrThread *t, KrValue self)
{
    (void)t, (void)self;
    return 1;
}

static KrValue notimplemented_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type, (void)args;
    KrValue e = singleton_check_args(t, "NotImplementedType", nargs, kwnames);
    return e == KR_ABSENT ? KR_NOTIMPLEMENTED : e;
}

static KrValue notimplemented_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "NotImplementedType.__reduce__() takes no arguments (%zu given)",
                            nargs);
    return kr_str_from_cstr(t, "NotImplemented");
}

static const KrMethodDef notimplemented_methods[] = {
    {"__reduce__", notimplemented_reduce, 0, NULL},
    {0},
};

static void notimplemented_fill(KrType *tp)
{
    tp->new_ = notimplemented_new;
    tp->repr = notimplemented_repr;
    tp->hash = singleton_hash;
    tp->truth = notimplemented_truth;
}

const KrTypeSpec kr_notimplemented_spec = {
    .name = "NotImplementedType",
    .basicsize = sizeof(KrObject),
    .methods = notimplemented_methods,
    .fill = notimplemented_fill,
};

/* ---- Ellipsis ---- */

static KrValue ellipsis_repr(KrThread *t, KrValue self)
{
    (void)self;
    return kr_str_from_cstr(t, "Ellipsis");
}

static KrValue ellipsis_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type, (void)args;
    KrValue e = singleton_check_args(t, "EllipsisType", nargs, kwnames);
    return e == KR_ABSENT ? KR_ELLIPSIS : e;
}

static KrValue ellipsis_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "ellipsis.__reduce__() takes no arguments (%zu given)", nargs);
    return kr_str_from_cstr(t, "Ellipsis");
}

static const KrMethodDef ellipsis_methods[] = {
    {"__reduce__", ellipsis_reduce, 0, NULL},
    {0},
};

static void ellipsis_fill(KrType *tp)
{
    tp->new_ = ellipsis_new;
    tp->repr = ellipsis_repr;
    tp->hash = singleton_hash;
}

const KrTypeSpec kr_ellipsis_spec = {
    .name = "ellipsis",
    .basicsize = sizeof(KrObject),
    .methods = ellipsis_methods,
    .fill = ellipsis_fill,
};
