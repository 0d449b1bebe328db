/* The builtins module: the built-in functions of Python 3.11 that need no
 * access to the running frame (abs, len, print, sorted, sum...), and the
 * constants None, Ellipsis, NotImplemented, False, True and __debug__.
 *
 * What lives elsewhere: the types (int, str, list...) and the exception
 * classes are added to the module by the VM start-up; __build_class__,
 * __import__, compile, exec, eval, globals, locals, breakpoint, input, open
 * and help are written in the VM, which knows frames, code and files.
 *
 * Argument handling follows CPython's calling conventions, because their
 * error messages differ: one-argument functions say "f() takes exactly one
 * argument (2 given)", fixed-arity ones "f expected 2 arguments, got 1"
 * (kr_check_nargs), Argument Clinic ones with keywords go through
 * kr_parse_args.  Functions without KR_METH_KEYWORDS get "f() takes no
 * keyword arguments" from the caller. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bigint.h"
#include "objects/objects.h"
#include "runtime/builtins_doc.h"
#include "runtime/runtime.h"

/* The iterator iter(callable, sentinel) returns (objects/iterobject.c). */
extern KrValue kr_callable_iter_new(KrThread *t, KrValue callable, KrValue sentinel);

#define TYPE_ERROR(t) kr_exc_type(t, TypeError)

/* ------------------------------------------------------------------ */
/* Argument helpers                                                    */
/* ------------------------------------------------------------------ */

/* CPython's METH_O message. */
static int builtins_one_arg(KrThread *t, const char *fname, size_t nargs)
{
    if (nargs == 1)
        return 0;
    return kr_raise_fmt_int(t, TYPE_ERROR(t), "%s() takes exactly one argument (%zu given)", fname, nargs);
}

static int builtins_check_attr_name(KrThread *t, KrValue name)
{
    if (kr_is_str(t, name))
        return 0;
    return kr_raise_fmt_int(t, TYPE_ERROR(t), "attribute name must be string, not '%T'", name);
}

/* v as a C int through __index__, as Argument Clinic's `int` converter:
 * OverflowError past the C int range. */
static int builtins_as_c_int(KrThread *t, KrValue v, int *out)
{
    KrValue i = kr_index(t, v);
    if (i == KR_ERROR)
        return -1;
    int64_t x = 0;
    bool fits;
    if (kr_is_smallint(i)) {
        x = kr_as_smallint(i);
        fits = x >= INT_MIN && x <= INT_MAX;
    } else if (kr_is_bool(i)) {
        x = i == KR_TRUE;
        fits = true;
    } else {
        mpz_t z;
        mpz_init(z);
        kr_int_as_mpz(t, i, z);
        fits = mpz_fits_sint_p(z) != 0;
        if (fits)
            x = mpz_get_si(z);
        mpz_clear(z);
    }
    kr_decref(t, i);
    if (!fits)
        return kr_raise_fmt_int(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C int");
    *out = (int)x;
    return 0;
}

/* A keyword name of a vector call, for matching against C names. */
static KrValue builtins_kwname(KrValue kwnames, size_t i) { return kr_tuple_items(kwnames)[i]; }
static size_t builtins_nkw(KrValue kwnames) { return kwnames ? kr_tuple_len(kwnames) : 0; }

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

static KrValue builtins_abs(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "abs", nargs) < 0)
        return KR_ERROR;
    return kr_absolute(t, args[0]);
}

static KrValue builtins_divmod(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "divmod", nargs, 2, 2) < 0)
        return KR_ERROR;
    return kr_divmod(t, args[0], args[1]);
}

static KrValue builtins_pow(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"base", "exp", "mod"};
    static const KrArgSpec spec = {"pow", names, 3, 0, 2, 3};
    KrValue a[3];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    return kr_power(t, a[0], a[1], a[2] == KR_ABSENT ? KR_NONE : a[2]);
}

static KrValue builtins_round(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"number", "ndigits"};
    static const KrArgSpec spec = {"round", names, 2, 0, 1, 2};
    KrValue a[2];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    bool with_digits = a[1] != KR_ABSENT && a[1] != KR_NONE;
    KrValue r = kr_call_special(t, a[0], kr_name(t, dunder_round), &a[1], with_digits ? 1 : 0);
    if (r == KR_ABSENT)
        return kr_raise_fmt(t, TYPE_ERROR(t), "type %T doesn't define __round__ method", a[0]);
    return r;
}

/* bin(), oct(), hex(): the int of __index__ with its base prefix. */
static KrValue builtins_to_base(KrThread *t, const char *fname, const KrValue *args, size_t nargs, int base)
{
    if (builtins_one_arg(t, fname, nargs) < 0)
        return KR_ERROR;
    KrValue i = kr_index(t, args[0]);
    if (i == KR_ERROR)
        return KR_ERROR;
    KrValue r;
    if (kr_is_smallint(i) || kr_is_bool(i)) {
        char buf[BIGINT_I64_FORMAT_SIZE];
        int64_t x = kr_is_smallint(i) ? kr_as_smallint(i) : (i == KR_TRUE);
        size_t n = bigint_i64_format(x, base, BIGINT_FMT_PREFIX, buf);
        r = kr_str_from_utf8(t, buf, n);
    } else {
        mpz_t z;
        mpz_init(z);
        kr_int_as_mpz(t, i, z);
        char *buf = malloc(bigint_format_size(z, base));
        size_t n;
        BigintError err;
        if (!buf || bigint_format(z, base, BIGINT_FMT_PREFIX, 0, buf, &n, &err) != BIGINT_OK)
            r = kr_no_memory(t);
        else
            r = kr_str_from_utf8(t, buf, n);
        free(buf);
        mpz_clear(z);
    }
    kr_decref(t, i);
    return r;
}

static KrValue builtins_bin(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return builtins_to_base(t, "bin", args, nargs, 2);
}

static KrValue builtins_oct(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return builtins_to_base(t, "oct", args, nargs, 8);
}

static KrValue builtins_hex(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return builtins_to_base(t, "hex", args, nargs, 16);
}

/* An exact int (not a subclass: their __add__ may be overridden). */
static bool builtins_is_exact_int(KrThread *t, KrValue v)
{
    return kr_is_smallint(v) || kr_is_bool(v) ||
           (kr_is_ptr(v) && kr_as_ptr(v)->type == kr_builtin_type(t, INT));
}

/* An int's value when it fits in int64_t (sum's fast paths). */
static bool builtins_int_fits_i64(KrThread *t, KrValue v, int64_t *out)
{
    if (kr_is_smallint(v)) {
        *out = kr_as_smallint(v);
        return true;
    }
    if (kr_is_bool(v)) {
        *out = v == KR_TRUE;
        return true;
    }
    (void)t;
    KrLong *l = (KrLong *)kr_as_ptr(v);
    if (!mpz_fits_slong_p(l->z))
        return false;
    *out = (int64_t)mpz_get_si(l->z);
    return true;
}

/* sum(): like CPython 3.11, exact ints are added in a machine integer and
 * then exact floats in a double, with plain left-to-right addition (3.12's
 * compensated summation is not in 3.11); anything else goes through `+`.
 * The float stage also takes ints (subclasses included) that fit in int64
 * as (double)value, as CPython does. */
static KrValue builtins_sum(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"iterable", "start"};
    static const KrArgSpec spec = {"sum", names, 2, 1, 1, 2};
    KrValue a[2];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    KrValue it = kr_iter(t, a[0]);
    if (it == KR_ERROR)
        return KR_ERROR;
    KrValue result, item = KR_ABSENT;
    if (a[1] == KR_ABSENT) {
        result = kr_smallint(0);
    } else {
        KrValue start = a[1];
        const char *what = NULL;
        if (kr_is_str(t, start))
            what = "strings [use ''.join(seq) instead]";
        else if (kr_has_flag(t, start, KR_TPFLAG_BYTES_SUBCLASS))
            what = "bytes [use b''.join(seq) instead]";
        else if (kr_type_check(t, start, kr_builtin_type(t, BYTEARRAY)))
            what = "bytearray [use b''.join(seq) instead]";
        if (what) {
            kr_decref(t, it);
            return kr_raise_fmt(t, TYPE_ERROR(t), "sum() can't sum %s", what);
        }
        result = kr_incref(start);
    }

    int64_t acc;
    if (builtins_is_exact_int(t, result) && builtins_int_fits_i64(t, result, &acc)) {
        for (;;) {
            item = kr_next(t, it);
            if (item == KR_ERROR)
                goto fail;
            if (item == KR_ABSENT) {
                kr_decref(t, result);
                kr_decref(t, it);
                return kr_int_from_i64(t, acc);
            }
            int64_t b, sum;
            if (builtins_is_exact_int(t, item) && builtins_int_fits_i64(t, item, &b) &&
                !__builtin_add_overflow(acc, b, &sum)) {
                acc = sum;
                kr_decref(t, item);
                continue;
            }
            /* Not an int, or the sum leaves int64: back to objects. */
            KrValue sofar = kr_int_from_i64(t, acc);
            if (sofar == KR_ERROR) {
                kr_decref(t, item);
                goto fail;
            }
            kr_decref(t, result);
            result = kr_binary_op(t, sofar, item, KR_OP_ADD);
            kr_decref(t, sofar);
            kr_clear(t, &item);
            if (result == KR_ERROR)
                goto fail_noresult;
            break;
        }
    }

    if (kr_is_float(result)) {
        double f = kr_as_float(result);
        for (;;) {
            item = kr_next(t, it);
            if (item == KR_ERROR)
                goto fail;
            if (item == KR_ABSENT) {
                kr_decref(t, it);
                return kr_float(f);
            }
            int64_t b;
            if (kr_is_float(item)) {
                f += kr_as_float(item);
                continue;
            }
            if (kr_is_int(t, item) && builtins_int_fits_i64(t, item, &b)) {
                f += (double)b;
                kr_decref(t, item);
                continue;
            }
            KrValue sofar = kr_float(f);
            result = kr_binary_op(t, sofar, item, KR_OP_ADD);
            kr_clear(t, &item);
            if (result == KR_ERROR)
                goto fail_noresult;
            break;
        }
    }

    for (;;) {
        item = kr_next(t, it);
        if (item == KR_ERROR)
            goto fail;
        if (item == KR_ABSENT)
            break;
        /* Binary `+`, not `+=`: sum([[1]], start) must not extend start. */
        KrValue r = kr_binary_op(t, result, item, KR_OP_ADD);
        kr_decref(t, item);
        kr_decref(t, result);
        result = r;
        if (result == KR_ERROR)
            goto fail_noresult;
    }
    kr_decref(t, it);
    return result;

fail:
    kr_decref(t, result);
fail_noresult:
    kr_decref(t, it);
    return KR_ERROR;
}

/* ------------------------------------------------------------------ */
/* Iteration                                                           */
/* ------------------------------------------------------------------ */

/* all() and any(): stop at the first item whose truth is `stop_on`. */
static KrValue builtins_all_any(KrThread *t, const char *fname, const KrValue *args, size_t nargs, int stop_on)
{
    if (builtins_one_arg(t, fname, nargs) < 0)
        return KR_ERROR;
    KrValue it = kr_iter(t, args[0]);
    if (it == KR_ERROR)
        return KR_ERROR;
    for (;;) {
        KrValue item = kr_next(t, it);
        if (item == KR_ERROR) {
            kr_decref(t, it);
            return KR_ERROR;
        }
        if (item == KR_ABSENT)
            break;
        int truth = kr_truth(t, item);
        kr_decref(t, item);
        if (truth < 0) {
            kr_decref(t, it);
            return KR_ERROR;
        }
        if (truth == stop_on) {
            kr_decref(t, it);
            return kr_bool(stop_on);
        }
    }
    kr_decref(t, it);
    return kr_bool(!stop_on);
}

static KrValue builtins_all(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return builtins_all_any(t, "all", args, nargs, 0);
}

static KrValue builtins_any(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return builtins_all_any(t, "any", args, nargs, 1);
}

static KrValue builtins_iter(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "iter", nargs, 1, 2) < 0)
        return KR_ERROR;
    if (nargs == 1)
        return kr_iter(t, args[0]);
    if (!kr_callable(t, args[0]))
        return kr_raise_fmt(t, TYPE_ERROR(t), "iter(v, w): v must be callable");
    return kr_callable_iter_new(t, args[0], args[1]);
}

/* next() calls the iternext slot itself rather than kr_next: a
 * StopIteration carrying a value (a generator's return) must reach the
 * caller as raised when there is no default. */
static KrValue builtins_next(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "next", nargs, 1, 2) < 0)
        return KR_ERROR;
    KrType *tp = kr_type(t, args[0]);
    if (!tp->iternext)
        return kr_raise_fmt(t, TYPE_ERROR(t), "'%T' object is not an iterator", args[0]);
    KrValue r = tp->iternext(t, args[0]);
    if (r != KR_ABSENT && r != KR_ERROR)
        return r;
    if (nargs > 1) {
        if (r == KR_ERROR) {
            if (!kr_err_matches(t, kr_exc_type(t, StopIteration)))
                return KR_ERROR;
            kr_err_clear(t);
        }
        return kr_incref(args[1]);
    }
    if (r == KR_ERROR)
        return KR_ERROR;
    return kr_raise(t, kr_type_value(kr_exc_type(t, StopIteration)));
}

static KrValue builtins_aiter(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "aiter", nargs) < 0)
        return KR_ERROR;
    KrValue it = kr_call_special(t, args[0], kr_name(t, dunder_aiter), NULL, 0);
    if (it == KR_ABSENT)
        return kr_raise_fmt(t, TYPE_ERROR(t), "'%T' object is not an async iterable", args[0]);
    if (it == KR_ERROR)
        return KR_ERROR;
    if (kr_type_lookup(t, kr_type(t, it), kr_name(t, dunder_anext)) == KR_ABSENT) {
        kr_raise_fmt(t, TYPE_ERROR(t), "aiter() returned not an async iterator of type '%T'", it);
        kr_decref(t, it);
        return KR_ERROR;
    }
    return it;
}

/* ---- anext(aiterator, default) ----
 *
 * The awaitable anext() returns when given a default (CPython's
 * anext_awaitable): it drives the awaitable of __anext__ and turns its
 * StopAsyncIteration into StopIteration(default), which makes `await`
 * evaluate to the default. */
typedef struct KrAnextAwaitable {
    KrObject ob;
    KrValue wrapped;            /* what __anext__ returned */
    KrValue dflt;
} KrAnextAwaitable;

static KrAnextAwaitable *anext_awaitable(KrValue v) { return (KrAnextAwaitable *)kr_as_ptr(v); }

/* The iterator that runs the wrapped awaitable: a generator runs itself
 * (types.coroutine), anything else gives one through __await__ (a
 * coroutine its coroutine_wrapper).  Asked again at every step, as
 * CPython does: the state is in the awaitable, not in the iterator. */
static KrValue anext_awaitable_iter(KrThread *t, KrValue self)
{
    KrValue w = anext_awaitable(self)->wrapped;
    if (kr_type(t, w) == kr_builtin_type(t, GENERATOR))
        return kr_incref(w);
    KrValue it = kr_call_special(t, w, kr_name(t, dunder_await), NULL, 0);
    if (it == KR_ABSENT)
        return kr_raise_fmt(t, TYPE_ERROR(t), "object %T can't be used in 'await' expression", w);
    if (it == KR_ERROR)
        return KR_ERROR;
    KrType *tp = kr_type(t, it);
    const char *bad = NULL;
    if (tp == kr_builtin_type(t, COROUTINE))
        bad = "__await__() returned a coroutine";
    else if (!tp->iternext)
        bad = "__await__() returned non-iterator of type '%T'";
    if (bad) {
        kr_raise_fmt(t, TYPE_ERROR(t), bad, it);
        kr_decref(t, it);
        return KR_ERROR;
    }
    return it;
}

/* After a step failed: StopAsyncIteration becomes StopIteration(default). */
static KrValue anext_awaitable_failed(KrThread *t, KrValue self)
{
    if (!kr_err_matches(t, kr_exc_type(t, StopAsyncIteration)))
        return KR_ERROR;
    /* Built explicitly, so a tuple or exception default is the value
     * itself and not constructor arguments. */
    KrValue args = kr_tuple_pack(t, 1, anext_awaitable(self)->dflt);
    if (args == KR_ERROR)
        return KR_ERROR;
    KrValue exc = kr_exception_new(t, kr_exc_type(t, StopIteration), args);
    kr_decref(t, args);
    if (exc == KR_ERROR)
        return KR_ERROR;
    kr_err_clear(t);
    kr_raise(t, exc);
    kr_decref(t, exc);
    return KR_ERROR;
}

static KrValue anext_awaitable_iternext(KrThread *t, KrValue self)
{
    KrValue it = anext_awaitable_iter(t, self);
    if (it == KR_ERROR)
        return KR_ERROR;
    KrValue r = kr_type(t, it)->iternext(t, it);
    kr_decref(t, it);
    return r == KR_ERROR ? anext_awaitable_failed(t, self) : r;
}

static KrValue anext_awaitable_proxy(KrThread *t, KrValue self, const char *method, const KrValue *args,
                                     size_t nargs)
{
    KrValue it = anext_awaitable_iter(t, self);
    if (it == KR_ERROR)
        return KR_ERROR;
    KrValue name = kr_str_from_cstr(t, method);
    KrValue r = name == KR_ERROR ? KR_ERROR : kr_call_method(t, it, name, args, nargs);
    kr_xdecref(t, name);
    kr_decref(t, it);
    return r == KR_ERROR ? anext_awaitable_failed(t, self) : r;
}

static KrValue anext_awaitable_send(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (builtins_one_arg(t, "send", nargs) < 0)
        return KR_ERROR;
    return anext_awaitable_proxy(t, self, "send", args, 1);
}

static KrValue anext_awaitable_throw(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    return anext_awaitable_proxy(t, self, "throw", args, nargs);
}

/* Arguments go through to the iterator's close(), which refuses them. */
static KrValue anext_awaitable_close(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    return anext_awaitable_proxy(t, self, "close", args, nargs);
}

static KrValue anext_awaitable_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static KrValue anext_awaitable_await(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "__await__", nargs, 0, 0) < 0)
        return KR_ERROR;
    return kr_incref(self);
}

static void anext_awaitable_dealloc(KrThread *t, KrObject *o)
{
    KrAnextAwaitable *a = (KrAnextAwaitable *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &a->wrapped);
    kr_clear(t, &a->dflt);
    kr_free_object(t, o);
}

static void anext_awaitable_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrAnextAwaitable *a = (KrAnextAwaitable *)o;
    if (kr_is_ptr(a->wrapped))
        visit(kr_as_ptr(a->wrapped), arg);
    if (kr_is_ptr(a->dflt))
        visit(kr_as_ptr(a->dflt), arg);
}

static void anext_awaitable_clear(KrThread *t, KrObject *o)
{
    KrAnextAwaitable *a = (KrAnextAwaitable *)o;
    kr_clear(t, &a->wrapped);
    kr_clear(t, &a->dflt);
}

static const KrMethodDef anext_awaitable_methods[] = {
    {"__await__", anext_awaitable_await, 0, "Return an iterator to be used in await expression."},
    {"send", anext_awaitable_send, 0, "send(arg) -> send 'arg' into the wrapped iterator,\nreturn next yielded value or raise StopIteration."},
    {"throw", anext_awaitable_throw, 0, "throw(typ[,val[,tb]]) -> raise exception in the wrapped iterator,\nreturn next yielded value or raise StopIteration."},
    {"close", anext_awaitable_close, 0, "close() -> raise GeneratorExit inside generator."},
    {NULL, NULL, 0, NULL},
};

static void anext_awaitable_fill(KrType *tp)
{
    tp->dealloc = anext_awaitable_dealloc;
    tp->traverse = anext_awaitable_traverse;
    tp->clear = anext_awaitable_clear;
    tp->iter = anext_awaitable_self;
    tp->iternext = anext_awaitable_iternext;
}

/* Registered by a line of objects/types.def:
 *   KR_BUILTIN_TYPE(ANEXT_AWAITABLE, kr_anext_awaitable_spec, OBJECT) */
const KrTypeSpec kr_anext_awaitable_spec = {
    .name = "anext_awaitable",
    .basicsize = sizeof(KrAnextAwaitable),
    .flags = KR_TPFLAG_GC,
    .methods = anext_awaitable_methods,
    .fill = anext_awaitable_fill,
};

/* The anext_awaitable type of this VM, or NULL while types.def does not
 * list it (found by name so this file builds either way). */
static KrType *anext_awaitable_type(KrThread *t)
{
    static const char *const ids[] = {
#define KR_BUILTIN_TYPE(id, spec, base) #id,
#include "objects/types.def"
#undef KR_BUILTIN_TYPE
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (strcmp(ids[i], "ANEXT_AWAITABLE") == 0)
            return t->vm->types[i];
    return NULL;
}

static KrValue builtins_anext(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "anext", nargs, 1, 2) < 0)
        return KR_ERROR;
    KrValue awaitable = kr_call_special(t, args[0], kr_name(t, dunder_anext), NULL, 0);
    if (awaitable == KR_ABSENT)
        return kr_raise_fmt(t, TYPE_ERROR(t), "'%T' object is not an async iterator", args[0]);
    if (awaitable == KR_ERROR || nargs == 1)
        return awaitable;
    KrType *tp = anext_awaitable_type(t);
    if (!tp) {
        kr_decref(t, awaitable);
        return kr_raise_fmt(t, kr_exc_type(t, NotImplementedError), "anext() with a default is not supported yet");
    }
    KrAnextAwaitable *a = (KrAnextAwaitable *)kr_alloc(t, tp, sizeof(KrAnextAwaitable));
    if (!a) {
        kr_decref(t, awaitable);
        return KR_ERROR;
    }
    a->wrapped = awaitable;
    a->dflt = kr_incref(args[1]);
    return kr_ptr(a);
}

static KrValue builtins_len(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "len", nargs) < 0)
        return KR_ERROR;
    int64_t n = kr_len(t, args[0]);
    if (n < 0)
        return KR_ERROR;
    return kr_int_from_i64(t, n);
}

/* min() and max(): `op` is KR_LT for min, KR_GT for max; an item replaces
 * the best so far only when strictly better, so the first of equals wins. */
static KrValue builtins_min_max(KrThread *t, const KrValue *args, size_t nargs, KrValue kwnames, KrCompareOp op)
{
    const char *name = op == KR_LT ? "min" : "max";
    if (nargs == 0)
        return kr_raise_fmt(t, TYPE_ERROR(t), "%s expected at least 1 argument, got 0", name);
    size_t nkw = builtins_nkw(kwnames);
    if (nkw > 2)
        return kr_raise_fmt(t, TYPE_ERROR(t), "%s() takes at most 2 keyword arguments (%zu given)", name, nkw);
    KrValue key = KR_ABSENT, dflt = KR_ABSENT;
    for (size_t i = 0; i < nkw; i++) {
        KrValue kw = builtins_kwname(kwnames, i);
        if (kr_str_equal_cstr(kw, "key"))
            key = args[nargs + i];
        else if (kr_str_equal_cstr(kw, "default"))
            dflt = args[nargs + i];
        else
            return kr_raise_fmt(t, TYPE_ERROR(t), "'%U' is an invalid keyword argument for %s()", kw, name);
    }
    bool positional = nargs > 1;
    if (positional && dflt != KR_ABSENT)
        return kr_raise_fmt(t, TYPE_ERROR(t),
                            "Cannot specify a default for %s() with multiple positional arguments", name);
    if (key == KR_NONE)
        key = KR_ABSENT;

    /* Several arguments are scanned in place: CPython iterates over its
     * argument tuple, which is the same thing. */
    KrValue it = KR_ABSENT;
    if (!positional) {
        it = kr_iter(t, args[0]);
        if (it == KR_ERROR)
            return KR_ERROR;
    }
    KrValue best_item = KR_ABSENT, best_val = KR_ABSENT;
    for (size_t i = 0;; i++) {
        KrValue item;
        if (positional) {
            if (i == nargs)
                break;
            item = kr_incref(args[i]);
        } else {
            item = kr_next(t, it);
            if (item == KR_ERROR)
                goto fail;
            if (item == KR_ABSENT)
                break;
        }
        KrValue val = item;
        if (key != KR_ABSENT) {
            val = kr_call1(t, key, item);
            if (val == KR_ERROR) {
                kr_decref(t, item);
                goto fail;
            }
        } else {
            kr_incref(val);
        }
        if (best_val == KR_ABSENT) {
            best_item = item;
            best_val = val;
            continue;
        }
        int cmp = kr_richcompare_bool(t, val, best_val, op);
        if (cmp > 0) {
            kr_decref(t, best_item);
            kr_decref(t, best_val);
            best_item = item;
            best_val = val;
        } else {
            kr_decref(t, item);
            kr_decref(t, val);
            if (cmp < 0)
                goto fail;
        }
    }
    kr_xdecref(t, it);
    if (best_val == KR_ABSENT) {
        if (dflt != KR_ABSENT)
            return kr_incref(dflt);
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s() arg is an empty sequence", name);
    }
    kr_decref(t, best_val);
    return best_item;

fail:
    kr_xdecref(t, best_item);
    kr_xdecref(t, best_val);
    kr_xdecref(t, it);
    return KR_ERROR;
}

static KrValue builtins_min(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    return builtins_min_max(t, args, nargs, kwnames, KR_LT);
}

static KrValue builtins_max(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    return builtins_min_max(t, args, nargs, kwnames, KR_GT);
}

/* sorted(): a new list, then its own sort method with the keywords as
 * given, so key=/reverse= are checked (and named in messages) by
 * list.sort exactly as CPython does. */
static KrValue builtins_sorted(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    if (kr_check_nargs(t, "sorted", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue list = kr_list_from_iterable(t, args[0]);
    if (list == KR_ERROR)
        return KR_ERROR;
    KrValue sort = kr_getattr_cstr(t, list, "sort");
    if (sort == KR_ERROR) {
        kr_decref(t, list);
        return KR_ERROR;
    }
    KrValue r = kr_call(t, sort, args + 1, 0, builtins_nkw(kwnames) ? kwnames : 0);
    kr_decref(t, sort);
    if (r == KR_ERROR) {
        kr_decref(t, list);
        return KR_ERROR;
    }
    kr_decref(t, r);
    return list;
}

/* ------------------------------------------------------------------ */
/* Strings and representations                                         */
/* ------------------------------------------------------------------ */

static KrValue builtins_repr(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "repr", nargs) < 0)
        return KR_ERROR;
    return kr_repr(t, args[0]);
}

static KrValue builtins_ascii(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "ascii", nargs) < 0)
        return KR_ERROR;
    return kr_ascii(t, args[0]);
}

static KrValue builtins_format(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "format", nargs, 1, 2) < 0)
        return KR_ERROR;
    KrValue spec = nargs > 1 ? args[1] : t->vm->empty_str;
    if (!kr_is_str(t, spec))
        return kr_raise_fmt(t, TYPE_ERROR(t), "format() argument 2 must be str, not %s",
                            spec == KR_NONE ? "None" : kr_typename_of(t, spec));
    return kr_format_value(t, args[0], spec);
}

static KrValue builtins_chr(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "chr", nargs) < 0)
        return KR_ERROR;
    int cp = 0;
    if (builtins_as_c_int(t, args[0], &cp) < 0)
        return KR_ERROR;
    if (cp < 0 || cp > 0x10FFFF)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "chr() arg not in range(0x110000)");
    return kr_str_from_char(t, (uint32_t)cp);
}

static KrValue builtins_ord(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "ord", nargs) < 0)
        return KR_ERROR;
    KrValue c = args[0];
    size_t len;
    if (kr_has_flag(t, c, KR_TPFLAG_BYTES_SUBCLASS)) {
        len = kr_bytes_len(c);
        if (len == 1)
            return kr_smallint(kr_bytes_data(c)[0]);
    } else if (kr_is_str(t, c)) {
        len = kr_as_str(c)->len;
        if (len == 1)
            return kr_smallint(kr_str_char(kr_as_str(c), 0));
    } else if (kr_type_check(t, c, kr_builtin_type(t, BYTEARRAY))) {
        KrByteArray *ba = (KrByteArray *)kr_as_ptr(c);
        len = ba->len;
        if (len == 1)
            return kr_smallint(ba->data[0]);
    } else {
        return kr_raise_fmt(t, TYPE_ERROR(t), "ord() expected string of length 1, but %T found", c);
    }
    return kr_raise_fmt(t, TYPE_ERROR(t), "ord() expected a character, but string of length %zu found", len);
}

/* ------------------------------------------------------------------ */
/* print                                                               */
/* ------------------------------------------------------------------ */

/* The output file of print(file=None): sys.stdout, read from the sys
 * module's dict as CPython does.  Before sys exists (or before the VM has
 * set up its streams: neither stdout nor __stdout__ there) print writes to
 * the C stdout, *out = KR_ABSENT.  Returns 1 when sys.stdout is None
 * (print does nothing), 0 with *out set (a new reference), -1 on error. */
static int print_default_file(KrThread *t, KrValue *out)
{
    *out = KR_ABSENT;
    KrValue sys = t->vm->sys;
    if (!kr_is_ptr(sys) || !kr_type_check(t, sys, kr_builtin_type(t, MODULE)))
        return 0;
    KrValue dict = ((KrModule *)kr_as_ptr(sys))->dict;
    if (!kr_is_dict(t, dict))
        return 0;
    KrValue f = kr_dict_get(t, dict, kr_name(t, stdout));
    if (f == KR_ERROR)
        return -1;
    if (f == KR_ABSENT) {
        KrValue orig = kr_dict_get_cstr(t, dict, "__stdout__");
        if (orig == KR_ERROR)
            return -1;
        if (orig == KR_ABSENT)
            return 0;
        return kr_raise_fmt_int(t, kr_exc_type(t, RuntimeError), "lost sys.stdout");
    }
    if (f == KR_NONE)
        return 1;
    *out = kr_incref(f);
    return 0;
}

/* file.write(str(v)) as CPython's PyFile_WriteObject: the write method is
 * looked up before str() runs, on every call. */
static int print_write(KrThread *t, KrValue file, KrValue v)
{
    if (file == KR_ABSENT) {
        KrValue s = kr_str(t, v);
        if (s == KR_ERROR)
            return -1;
        size_t n;
        const char *utf8 = kr_str_utf8(t, s, &n);
        if (utf8)
            fwrite(utf8, 1, n, stdout);
        kr_decref(t, s);
        return utf8 ? 0 : -1;
    }
    KrValue write = kr_getattr(t, file, kr_name(t, write));
    if (write == KR_ERROR)
        return -1;
    KrValue s = kr_str(t, v);
    if (s == KR_ERROR) {
        kr_decref(t, write);
        return -1;
    }
    KrValue r = kr_call1(t, write, s);
    kr_decref(t, s);
    kr_decref(t, write);
    if (r == KR_ERROR)
        return -1;
    kr_decref(t, r);
    return 0;
}

static int print_write_cstr(KrThread *t, KrValue file, const char *text)
{
    KrValue s = kr_str_from_cstr(t, text);
    if (s == KR_ERROR)
        return -1;
    int r = print_write(t, file, s);
    kr_decref(t, s);
    return r;
}

/* breakpoint(*args, **kws) hands everything to sys.breakpointhook. */
static KrValue builtins_breakpoint(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    KrValue hook = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, "breakpointhook");
    if (hook == KR_ERROR)
        return hook;
    if (hook == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "lost sys.breakpointhook");
    kr_incref(hook);
    KrValue r = kr_call(t, hook, args, nargs, kwnames);
    kr_decref(t, hook);
    return r;
}

static KrValue builtins_print(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    KrValue sep = KR_NONE, end = KR_NONE, file = KR_NONE, flush_arg = KR_ABSENT;
    size_t nkw = builtins_nkw(kwnames);
    for (size_t i = 0; i < nkw; i++) {
        KrValue kw = builtins_kwname(kwnames, i), v = args[nargs + i];
        if (kr_str_equal_cstr(kw, "sep"))
            sep = v;
        else if (kr_str_equal_cstr(kw, "end"))
            end = v;
        else if (kr_str_equal_cstr(kw, "file"))
            file = v;
        else if (kr_str_equal_cstr(kw, "flush"))
            flush_arg = v;
        else
            return kr_raise_fmt(t, TYPE_ERROR(t), "'%U' is an invalid keyword argument for print()", kw);
    }
    int flush = 0;
    if (flush_arg != KR_ABSENT && (flush = kr_truth(t, flush_arg)) < 0)
        return KR_ERROR;

    if (file == KR_NONE) {
        int r = print_default_file(t, &file);
        if (r < 0)
            return KR_ERROR;
        if (r == 1)
            return KR_NONE;
    } else {
        kr_incref(file);
    }
    if (sep != KR_NONE && !kr_is_str(t, sep)) {
        kr_raise_fmt(t, TYPE_ERROR(t), "sep must be None or a string, not %T", sep);
        goto fail;
    }
    if (end != KR_NONE && !kr_is_str(t, end)) {
        kr_raise_fmt(t, TYPE_ERROR(t), "end must be None or a string, not %T", end);
        goto fail;
    }
    for (size_t i = 0; i < nargs; i++) {
        if (i > 0 && (sep == KR_NONE ? print_write_cstr(t, file, " ") : print_write(t, file, sep)) < 0)
            goto fail;
        if (print_write(t, file, args[i]) < 0)
            goto fail;
    }
    if ((end == KR_NONE ? print_write_cstr(t, file, "\n") : print_write(t, file, end)) < 0)
        goto fail;
    if (flush) {
        if (file == KR_ABSENT) {
            fflush(stdout);
        } else {
            KrValue r = kr_call_method(t, file, kr_name(t, flush), NULL, 0);
            if (r == KR_ERROR)
                goto fail;
            kr_decref(t, r);
        }
    }
    kr_xdecref(t, file);
    return KR_NONE;

fail:
    kr_xdecref(t, file);
    return KR_ERROR;
}

/* ------------------------------------------------------------------ */
/* Attributes and introspection                                        */
/* ------------------------------------------------------------------ */

static KrValue builtins_getattr(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "getattr", nargs, 2, 3) < 0 || builtins_check_attr_name(t, args[1]) < 0)
        return KR_ERROR;
    if (nargs == 2)
        return kr_getattr(t, args[0], args[1]);
    KrValue r;
    int found = kr_lookup_attr(t, args[0], args[1], &r);
    if (found < 0)
        return KR_ERROR;
    return found ? r : kr_incref(args[2]);
}

static KrValue builtins_hasattr(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "hasattr", nargs, 2, 2) < 0 || builtins_check_attr_name(t, args[1]) < 0)
        return KR_ERROR;
    KrValue r;
    int found = kr_lookup_attr(t, args[0], args[1], &r);
    if (found < 0)
        return KR_ERROR;
    if (found)
        kr_decref(t, r);
    return kr_bool(found);
}

static KrValue builtins_setattr(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "setattr", nargs, 3, 3) < 0 || builtins_check_attr_name(t, args[1]) < 0)
        return KR_ERROR;
    if (kr_setattr(t, args[0], args[1], args[2]) < 0)
        return KR_ERROR;
    return KR_NONE;
}

static KrValue builtins_delattr(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "delattr", nargs, 2, 2) < 0 || builtins_check_attr_name(t, args[1]) < 0)
        return KR_ERROR;
    if (kr_delattr(t, args[0], args[1]) < 0)
        return KR_ERROR;
    return KR_NONE;
}

/* dir() and vars() without an argument show the caller's locals, which
 * only the VM can reach: they call the module's `locals` (the VM's
 * built-in, which sees the frame of the Python code calling dir()). */
static KrValue builtins_caller_locals(KrThread *t, KrValue module)
{
    KrValue locals = KR_ABSENT;
    if (kr_is_ptr(module) && kr_type_check(t, module, kr_builtin_type(t, MODULE)))
        locals = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(module))->dict, "locals");
    if (locals == KR_ERROR)
        return KR_ERROR;
    if (locals == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, SystemError), "builtins.locals is missing");
    return kr_call0(t, locals);
}

/* A sorted list of the iterable's items (dir's result). */
static KrValue builtins_sorted_list(KrThread *t, KrValue iterable)
{
    KrValue list = kr_list_from_iterable(t, iterable);
    if (list == KR_ERROR)
        return KR_ERROR;
    if (kr_list_sort(t, list, KR_NONE, false) < 0) {
        kr_decref(t, list);
        return KR_ERROR;
    }
    return list;
}

static KrValue builtins_dir(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "dir", nargs, 0, 1) < 0)
        return KR_ERROR;
    KrValue names;
    if (nargs == 0) {
        names = builtins_caller_locals(t, self);
    } else {
        names = kr_call_special(t, args[0], kr_name(t, dunder_dir), NULL, 0);
        if (names == KR_ABSENT)
            return kr_raise_fmt(t, TYPE_ERROR(t), "object does not provide __dir__");
    }
    if (names == KR_ERROR)
        return KR_ERROR;
    KrValue r = builtins_sorted_list(t, names);
    kr_decref(t, names);
    return r;
}

static KrValue builtins_vars(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "vars", nargs, 0, 1) < 0)
        return KR_ERROR;
    if (nargs == 0)
        return builtins_caller_locals(t, self);
    KrValue d;
    int found = kr_lookup_attr(t, args[0], kr_name(t, dunder_dict), &d);
    if (found < 0)
        return KR_ERROR;
    if (!found)
        return kr_raise_fmt(t, TYPE_ERROR(t), "vars() argument must have __dict__ attribute");
    return d;
}

static KrValue builtins_callable(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "callable", nargs) < 0)
        return KR_ERROR;
    return kr_bool(kr_callable(t, args[0]));
}

static KrValue builtins_hash(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "hash", nargs) < 0)
        return KR_ERROR;
    int64_t h = kr_hash(t, args[0]);
    if (h == -1 && kr_err_occurred(t))
        return KR_ERROR;
    return kr_int_from_i64(t, h);
}

/* id(): a heap object's address, as CPython.  Immediates (small ints,
 * floats, None, True...) have no address: their id is their 64-bit
 * encoding, which is stable, equal exactly when `is` holds, and never an
 * address since user-space pointers stay below 2**48; the few encodings
 * below 2**48 (tiny positive floats, 0.0) are moved up by 2**64. */
static KrValue builtins_id(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (builtins_one_arg(t, "id", nargs) < 0)
        return KR_ERROR;
    KrValue v = args[0];
    if (kr_is_ptr(v))
        return kr_int_from_u64(t, (uint64_t)(uintptr_t)kr_as_ptr(v));
    if (v >> KR_TAG_SHIFT)
        return kr_int_from_u64(t, v);
    mpz_t z;
    mpz_init_set_ui(z, 1);
    mpz_mul_2exp(z, z, 64);
    mpz_add_ui(z, z, (unsigned long)v);
    KrValue r = kr_int_from_mpz(t, z);
    mpz_clear(z);
    return r;
}

/* isinstance/issubclass with a tuple: each entry in turn (nested tuples
 * too), under the recursion guard CPython uses.  Single classes, unions
 * and __instancecheck__/__subclasscheck__ are the abstract operation's. */
static int builtins_class_check(KrThread *t, KrValue obj, KrValue cls, bool subclass)
{
    if (!kr_is_tuple(t, cls))
        return subclass ? kr_issubclass(t, obj, cls) : kr_isinstance(t, obj, cls);
    if (kr_enter_recursive_call(t, subclass ? " in __subclasscheck__" : " in __instancecheck__") < 0)
        return -1;
    int r = 0;
    for (size_t i = 0; i < kr_tuple_len(cls) && r == 0; i++)
        r = builtins_class_check(t, obj, kr_tuple_items(cls)[i], subclass);
    kr_leave_recursive_call(t);
    return r;
}

static KrValue builtins_isinstance(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "isinstance", nargs, 2, 2) < 0)
        return KR_ERROR;
    /* The exact-type shortcut CPython takes before anything else. */
    if (kr_is_ptr(args[1]) && kr_type(t, args[0]) == kr_as_type(args[1]))
        return KR_TRUE;
    int r = builtins_class_check(t, args[0], args[1], false);
    return r < 0 ? KR_ERROR : kr_bool(r);
}

static KrValue builtins_issubclass(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "issubclass", nargs, 2, 2) < 0)
        return KR_ERROR;
    int r = builtins_class_check(t, args[0], args[1], true);
    return r < 0 ? KR_ERROR : kr_bool(r);
}

/* ------------------------------------------------------------------ */
/* The module                                                          */
/* ------------------------------------------------------------------ */

static const KrMethodDef builtins_methods[] = {
    {"abs", builtins_abs, 0, DOC_abs},
    {"aiter", builtins_aiter, 0, DOC_aiter},
    {"all", builtins_all, 0, DOC_all},
    {"anext", builtins_anext, 0, DOC_anext},
    {"any", builtins_any, 0, DOC_any},
    {"ascii", builtins_ascii, 0, DOC_ascii},
    {"bin", builtins_bin, 0, DOC_bin},
    {"callable", builtins_callable, 0, DOC_callable},
    {"chr", builtins_chr, 0, DOC_chr},
    {"delattr", builtins_delattr, 0, DOC_delattr},
    {"dir", builtins_dir, 0, DOC_dir},
    {"divmod", builtins_divmod, 0, DOC_divmod},
    {"format", builtins_format, 0, DOC_format},
    {"getattr", builtins_getattr, 0, DOC_getattr},
    {"hasattr", builtins_hasattr, 0, DOC_hasattr},
    {"hash", builtins_hash, 0, DOC_hash},
    {"hex", builtins_hex, 0, DOC_hex},
    {"id", builtins_id, 0, DOC_id},
    {"isinstance", builtins_isinstance, 0, DOC_isinstance},
    {"issubclass", builtins_issubclass, 0, DOC_issubclass},
    {"iter", builtins_iter, 0, DOC_iter},
    {"len", builtins_len, 0, DOC_len},
    {"max", builtins_max, KR_METH_KEYWORDS, DOC_max},
    {"min", builtins_min, KR_METH_KEYWORDS, DOC_min},
    {"next", builtins_next, 0, DOC_next},
    {"oct", builtins_oct, 0, DOC_oct},
    {"ord", builtins_ord, 0, DOC_ord},
    {"pow", builtins_pow, KR_METH_KEYWORDS, DOC_pow},
    {"print", builtins_print, KR_METH_KEYWORDS, DOC_print},
    {"breakpoint", builtins_breakpoint, KR_METH_KEYWORDS, DOC_breakpoint},
    {"repr", builtins_repr, 0, DOC_repr},
    {"round", builtins_round, KR_METH_KEYWORDS, DOC_round},
    {"setattr", builtins_setattr, 0, DOC_setattr},
    {"sorted", builtins_sorted, KR_METH_KEYWORDS, DOC_sorted},
    {"sum", builtins_sum, KR_METH_KEYWORDS, DOC_sum},
    {"vars", builtins_vars, 0, DOC_vars},
    {NULL, NULL, 0, NULL},
};

KrValue kr_builtins_module_new(KrThread *t)
{
    KrValue m = kr_module_new_c(t, "builtins", builtins_methods);
    if (m == KR_ERROR)
        return KR_ERROR;
    static const struct {
        const char *name;
        KrValue value;
    } constants[] = {
        {"None", KR_NONE},
        {"Ellipsis", KR_ELLIPSIS},
        {"NotImplemented", KR_NOTIMPLEMENTED},
        {"False", KR_FALSE},
        {"True", KR_TRUE},
    };
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (kr_module_add(t, m, constants[i].name, constants[i].value) < 0)
            goto fail;
    if (kr_module_add(t, m, "__debug__", kr_bool(t->vm->flag_optimize == 0)) < 0)
        goto fail;
    KrValue doc = kr_str_from_cstr(t, "Built-in functions, exceptions, and other objects.\n\n"
                                      "Noteworthy: None is the `nil' object; Ellipsis represents `...' in slices.");
    if (doc == KR_ERROR)
        goto fail;
    int r = kr_module_add(t, m, "__doc__", doc);
    kr_decref(t, doc);
    if (r < 0)
        goto fail;
    return m;

fail:
    kr_decref(t, m);
    return KR_ERROR;
}
