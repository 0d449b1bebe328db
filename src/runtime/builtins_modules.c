/* Built-in modules written in C that the standard library's Python
 * modules import: _abc (the machinery of abc.ABCMeta) and _operator (the
 * parts of operator whose pure-Python fallbacks behave differently). */
#include <math.h>
#include <string.h>

#include "runtime/runtime.h"

/* ---- _abc ----
 * Each ABC keeps its state in cls._abc_impl, a list
 * [registry, cache, negative_cache, negative_cache_version]: the classes
 * registered with it, the classes known to be virtual subclasses, those
 * known not to be, and the invalidation counter the negative cache
 * belongs to.  The sets hold classes strongly (CPython holds weak
 * references), which only keeps classes alive longer. */

enum { ABC_REGISTRY, ABC_CACHE, ABC_NEGATIVE, ABC_VERSION, ABC_NSLOTS };

static KrValue abc_impl(KrThread *t, KrValue cls)
{
    KrValue name = kr_str_intern_cstr(t, "_abc_impl");
    KrValue impl = kr_getattr(t, cls, name);
    kr_decref(t, name);
    if (impl == KR_ERROR)
        return impl;
    if (!kr_is_list(t, impl) || kr_as_list(impl)->len != ABC_NSLOTS) {
        kr_decref(t, impl);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "_abc_impl is set to a wrong type");
    }
    return impl;
}

static KrValue impl_slot(KrValue impl, int i) { return kr_as_list(impl)->items[i]; }

static int impl_replace(KrThread *t, KrValue impl, int i, KrValue v)
{
    if (v == KR_ERROR)
        return -1;
    KrValue old = kr_as_list(impl)->items[i];
    kr_as_list(impl)->items[i] = v;
    kr_decref(t, old);
    return 0;
}

static KrValue abc_get_cache_token(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_cache_token", nargs, 0, 0) < 0)
        return KR_ERROR;
    return kr_int_from_i64(t, t->vm->abc_invalidation_counter);
}

/* Is value's __isabstractmethod__ true?  1, 0 or -1. */
static int is_abstract(KrThread *t, KrValue value)
{
    KrValue flag;
    int r = kr_lookup_attr(t, value, kr_name(t, dunder_isabstractmethod), &flag);
    if (r <= 0)
        return r;
    r = kr_truth(t, flag);
    kr_decref(t, flag);
    return r;
}

/* The abstract names of a new ABC: its own abstract attributes and the
 * inherited abstract names it has not overridden. */
static KrValue compute_abstracts(KrThread *t, KrValue cls)
{
    KrValue names = kr_set_new(t, KR_ABSENT);
    if (names == KR_ERROR)
        return names;
    /* A copy: __isabstractmethod__ may run code that changes the class. */
    KrValue ns = kr_dict_copy(t, kr_as_type(cls)->dict);
    if (ns == KR_ERROR)
        goto fail;
    size_t pos = 0;
    KrValue k, v;
    while (kr_dict_next(ns, &pos, &k, &v)) {
        int r = is_abstract(t, v);
        if (r < 0 || (r && kr_set_add_value(t, names, k) < 0)) {
            kr_decref(t, ns);
            goto fail;
        }
    }
    kr_decref(t, ns);
    KrValue bases = kr_as_type(cls)->bases;
    for (size_t i = 0; i < kr_tuple_len(bases); i++) {
        KrValue base_abstracts;
        int r = kr_lookup_attr(t, kr_tuple_items(bases)[i], kr_name(t, dunder_abstractmethods), &base_abstracts);
        if (r < 0)
            goto fail;
        if (!r)
            continue;
        KrValue it = kr_iter(t, base_abstracts);
        kr_decref(t, base_abstracts);
        if (it == KR_ERROR)
            goto fail;
        KrValue name;
        while ((name = kr_next(t, it)) != KR_ABSENT && name != KR_ERROR) {
            KrValue value;
            int has = kr_lookup_attr(t, cls, name, &value);
            int ab = has <= 0 ? has : is_abstract(t, value);
            if (has > 0)
                kr_decref(t, value);
            if (ab < 0 || (ab && kr_set_add_value(t, names, name) < 0)) {
                kr_decref(t, name);
                name = KR_ERROR;
                break;
            }
            kr_decref(t, name);
        }
        kr_decref(t, it);
        if (name == KR_ERROR)
            goto fail;
    }
    KrValue frozen = kr_frozenset_new(t, names);
    kr_decref(t, names);
    return frozen;
fail:
    kr_decref(t, names);
    return KR_ERROR;
}

static KrValue abc_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "_abc_init", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue cls = args[0];
    if (!kr_has_flag(t, cls, KR_TPFLAG_TYPE_SUBCLASS))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "_abc_init() argument must be a class, not %T", cls);
    KrValue abstracts = compute_abstracts(t, cls);
    if (abstracts == KR_ERROR)
        return abstracts;
    int st = kr_setattr(t, cls, kr_name(t, dunder_abstractmethods), abstracts);
    kr_decref(t, abstracts);
    if (st < 0)
        return KR_ERROR;
    KrValue impl = kr_list_new(t, 0);
    if (impl == KR_ERROR)
        return impl;
    for (int i = 0; i < ABC_VERSION; i++) {
        KrValue s = kr_set_new(t, KR_ABSENT);
        if (s == KR_ERROR || kr_list_append(t, impl, s) < 0) {
            kr_xdecref(t, s == KR_ERROR ? KR_NONE : s);
            kr_decref(t, impl);
            return KR_ERROR;
        }
        kr_decref(t, s);
    }
    KrValue version = kr_int_from_i64(t, t->vm->abc_invalidation_counter);
    if (version == KR_ERROR || kr_list_append(t, impl, version) < 0) {
        kr_xdecref(t, version == KR_ERROR ? KR_NONE : version);
        kr_decref(t, impl);
        return KR_ERROR;
    }
    kr_decref(t, version);
    KrValue name = kr_str_intern_cstr(t, "_abc_impl");
    st = kr_setattr(t, cls, name, impl);
    kr_decref(t, name);
    kr_decref(t, impl);
    if (st < 0)
        return KR_ERROR;
    /* collections.abc passes pattern-matching flags this way; Krait's
     * match statement does not read them, but the key must not linger. */
    KrValue flags_name = kr_str_intern_cstr(t, "__abc_tpflags__");
    KrValue dict = kr_as_type(cls)->dict;
    if (kr_dict_get(t, dict, flags_name) != KR_ABSENT && kr_dict_del(t, dict, flags_name) < 0) {
        kr_decref(t, flags_name);
        return KR_ERROR;
    }
    kr_decref(t, flags_name);
    return KR_NONE;
}

static KrValue abc_register(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "_abc_register", nargs, 2, 2) < 0)
        return KR_ERROR;
    KrValue cls = args[0], sub = args[1];
    if (!kr_has_flag(t, sub, KR_TPFLAG_TYPE_SUBCLASS))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "Can only register classes");
    int r = kr_issubclass(t, sub, cls);
    if (r < 0)
        return KR_ERROR;
    if (r)
        return kr_incref(sub);
    r = kr_issubclass(t, cls, sub);
    if (r < 0)
        return KR_ERROR;
    if (r)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "Refusing to create an inheritance cycle");
    KrValue impl = abc_impl(t, cls);
    if (impl == KR_ERROR)
        return impl;
    r = kr_set_add_value(t, impl_slot(impl, ABC_REGISTRY), sub);
    kr_decref(t, impl);
    if (r < 0)
        return KR_ERROR;
    t->vm->abc_invalidation_counter++;
    return kr_incref(sub);
}

static KrValue abc_subclasscheck_impl(KrThread *t, KrValue cls, KrValue sub);

/* cls.__subclasscheck__(c) as a truth value: 1, 0 or -1. */
static int call_subclasscheck(KrThread *t, KrValue cls, KrValue c)
{
    KrValue r = kr_call_method(t, cls, kr_name(t, dunder_subclasscheck), &c, 1);
    if (r == KR_ERROR)
        return -1;
    int b = kr_truth(t, r);
    kr_decref(t, r);
    return b;
}

static KrValue abc_instancecheck(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "_abc_instancecheck", nargs, 2, 2) < 0)
        return KR_ERROR;
    KrValue cls = args[0], inst = args[1];
    KrValue impl = abc_impl(t, cls);
    if (impl == KR_ERROR)
        return impl;
    KrValue sub = kr_getattr(t, inst, kr_name(t, dunder_class));
    if (sub == KR_ERROR) {
        kr_decref(t, impl);
        return sub;
    }
    KrValue result = KR_ERROR;
    int r = kr_set_contains_value(t, impl_slot(impl, ABC_CACHE), sub);
    if (r != 0) {
        result = r < 0 ? KR_ERROR : KR_TRUE;
        goto done;
    }
    KrValue subtype = kr_type_value(kr_type(t, inst));
    if (subtype == sub) {
        int64_t version;
        if (kr_as_ssize(t, impl_slot(impl, ABC_VERSION), &version) < 0)
            goto done;
        if (version == t->vm->abc_invalidation_counter) {
            r = kr_set_contains_value(t, impl_slot(impl, ABC_NEGATIVE), sub);
            if (r != 0) {
                result = r < 0 ? KR_ERROR : KR_FALSE;
                goto done;
            }
        }
        result = kr_call_method(t, cls, kr_name(t, dunder_subclasscheck), &sub, 1);
        goto done;
    }
    r = call_subclasscheck(t, cls, sub);
    if (r == 0)
        r = call_subclasscheck(t, cls, subtype);
    result = r < 0 ? KR_ERROR : kr_bool(r);
done:
    kr_decref(t, sub);
    kr_decref(t, impl);
    return result;
}

static KrValue abc_subclasscheck(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "_abc_subclasscheck", nargs, 2, 2) < 0)
        return KR_ERROR;
    if (!kr_has_flag(t, args[1], KR_TPFLAG_TYPE_SUBCLASS))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "issubclass() arg 1 must be a class");
    return abc_subclasscheck_impl(t, args[0], args[1]);
}

/* Any class c in the iterable `classes` with issubclass(sub, c)?
 * 1, 0 or -1. */
static int any_superclass(KrThread *t, KrValue classes, KrValue sub)
{
    KrValue it = kr_iter(t, classes);
    if (it == KR_ERROR)
        return -1;
    int found = 0;
    KrValue c;
    while (!found && (c = kr_next(t, it)) != KR_ABSENT) {
        if (c == KR_ERROR) {
            found = -1;
            break;
        }
        found = kr_issubclass(t, sub, c);
        kr_decref(t, c);
    }
    kr_decref(t, it);
    return found;
}

static KrValue abc_subclasscheck_impl(KrThread *t, KrValue cls, KrValue sub)
{
    KrValue impl = abc_impl(t, cls);
    if (impl == KR_ERROR)
        return impl;
    KrValue cache = impl_slot(impl, ABC_CACHE);
    KrValue result = KR_ERROR;
    int r = kr_set_contains_value(t, cache, sub);
    if (r != 0) {
        result = r < 0 ? KR_ERROR : KR_TRUE;
        goto done;
    }
    int64_t version;
    if (kr_as_ssize(t, impl_slot(impl, ABC_VERSION), &version) < 0)
        goto done;
    if (version < t->vm->abc_invalidation_counter) {
        if (impl_replace(t, impl, ABC_NEGATIVE, kr_set_new(t, KR_ABSENT)) < 0 ||
            impl_replace(t, impl, ABC_VERSION, kr_int_from_i64(t, t->vm->abc_invalidation_counter)) < 0)
            goto done;
    } else {
        r = kr_set_contains_value(t, impl_slot(impl, ABC_NEGATIVE), sub);
        if (r != 0) {
            result = r < 0 ? KR_ERROR : KR_FALSE;
            goto done;
        }
    }
    /* 1. the subclass hook */
    KrValue hook = kr_str_intern_cstr(t, "__subclasshook__");
    KrValue ok = hook == KR_ERROR ? KR_ERROR : kr_call_method(t, cls, hook, &sub, 1);
    kr_xdecref(t, hook == KR_ERROR ? KR_NONE : hook);
    if (ok == KR_ERROR)
        goto done;
    if (ok != KR_NOTIMPLEMENTED) {
        if (ok != KR_TRUE && ok != KR_FALSE) {
            kr_decref(t, ok);
            kr_raise_fmt(t, kr_exc_type(t, AssertionError), "__subclasshook__ must return either False, True, or NotImplemented");
            goto done;
        }
        if (kr_set_add_value(t, ok == KR_TRUE ? cache : impl_slot(impl, ABC_NEGATIVE), sub) < 0)
            goto done;
        result = ok;
        goto done;
    }
    /* 2. a direct subclass */
    KrValue mro;
    r = kr_lookup_attr(t, sub, kr_name(t, dunder_mro), &mro);
    if (r < 0)
        goto done;
    if (r) {
        int in = 0;
        if (kr_is_tuple(t, mro))
            for (size_t i = 0; i < kr_tuple_len(mro) && !in; i++)
                in = kr_tuple_items(mro)[i] == cls;
        kr_decref(t, mro);
        if (in) {
            if (kr_set_add_value(t, cache, sub) < 0)
                goto done;
            result = KR_TRUE;
            goto done;
        }
    }
    /* 3. a subclass of a registered class */
    r = any_superclass(t, impl_slot(impl, ABC_REGISTRY), sub);
    if (r == 0) {
        /* 4. a subclass of a subclass (recursively) */
        KrValue subs_name = kr_str_intern_cstr(t, "__subclasses__");
        KrValue subs = subs_name == KR_ERROR ? KR_ERROR : kr_call_method(t, cls, subs_name, NULL, 0);
        kr_xdecref(t, subs_name == KR_ERROR ? KR_NONE : subs_name);
        if (subs == KR_ERROR)
            goto done;
        r = any_superclass(t, subs, sub);
        kr_decref(t, subs);
    }
    if (r < 0)
        goto done;
    if (kr_set_add_value(t, r ? cache : impl_slot(impl, ABC_NEGATIVE), sub) < 0)
        goto done;
    result = kr_bool(r);
done:
    kr_decref(t, impl);
    return result;
}

static KrValue abc_get_dump(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "_get_dump", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue impl = abc_impl(t, args[0]);
    if (impl == KR_ERROR)
        return impl;
    KrValue parts[ABC_NSLOTS];
    int ok = 0;
    for (int i = 0; i < ABC_NSLOTS; i++) {
        parts[i] = i == ABC_VERSION ? kr_incref(impl_slot(impl, i)) : kr_set_new(t, impl_slot(impl, i));
        if (parts[i] == KR_ERROR)
            ok = -1;
    }
    kr_decref(t, impl);
    KrValue r = ok < 0 ? KR_ERROR : kr_tuple_from(t, parts, ABC_NSLOTS);
    for (int i = 0; i < ABC_NSLOTS; i++)
        if (parts[i] != KR_ERROR)
            kr_decref(t, parts[i]);
    return r;
}

static KrValue abc_reset(KrThread *t, const char *fname, const KrValue *args, size_t nargs, bool registry)
{
    if (kr_check_nargs(t, fname, nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue impl = abc_impl(t, args[0]);
    if (impl == KR_ERROR)
        return impl;
    int st = registry ? impl_replace(t, impl, ABC_REGISTRY, kr_set_new(t, KR_ABSENT))
                      : impl_replace(t, impl, ABC_CACHE, kr_set_new(t, KR_ABSENT)) |
                            impl_replace(t, impl, ABC_NEGATIVE, kr_set_new(t, KR_ABSENT));
    kr_decref(t, impl);
    return st < 0 ? KR_ERROR : KR_NONE;
}

static KrValue abc_reset_registry(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return abc_reset(t, "_reset_registry", args, nargs, true);
}

static KrValue abc_reset_caches(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return abc_reset(t, "_reset_caches", args, nargs, false);
}

static const KrMethodDef abc_methods[] = {
    {"get_cache_token", abc_get_cache_token, 0, "Returns the current ABC cache token."},
    {"_abc_init", abc_init, 0, "Internal ABC helper for class set-up. Should be never used outside abc module."},
    {"_abc_register", abc_register, 0, "Internal ABC helper for subclasss registration. Should be never used outside abc module."},
    {"_abc_instancecheck", abc_instancecheck, 0, "Internal ABC helper for instance checks. Should be never used outside abc module."},
    {"_abc_subclasscheck", abc_subclasscheck, 0, "Internal ABC helper for subclasss checks. Should be never used outside abc module."},
    {"_get_dump", abc_get_dump, 0, "Internal ABC helper for cache and registry debugging."},
    {"_reset_registry", abc_reset_registry, 0, "Internal ABC helper to reset registry of a given class."},
    {"_reset_caches", abc_reset_caches, 0, "Internal ABC helper to reset both caches of a given class."},
    {NULL, NULL, 0, NULL},
};

/* ---- _operator ---- */

static KrValue op_index(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "index", nargs, 1, 1) < 0)
        return KR_ERROR;
    return kr_index(t, args[0]);
}

static const KrMethodDef operator_methods[] = {
    {"index", op_index, 0, "Same as a.__index__()"},
    {NULL, NULL, 0, NULL},
};


/* ---- math ---- */

#define MATH_PI 3.141592653589793238462643383279502884
#define MATH_E 2.718281828459045235360287471352662498

static KrValue math_domain_error(KrThread *t)
{
    return kr_raise_fmt(t, kr_exc_type(t, ValueError), "math domain error");
}

/* A float result r of f(x): NaN from a non-NaN argument is a domain error,
 * an infinity from a finite one overflow (or a domain error for a pole). */
static KrValue math_result(KrThread *t, double x, double r, bool can_overflow)
{
    if (isnan(r) && !isnan(x))
        return math_domain_error(t);
    if (isinf(r) && isfinite(x)) {
        if (can_overflow)
            return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "math range error");
        return math_domain_error(t);
    }
    return kr_float(r);
}

/* The check of a one-argument (METH_O) math function. */
static int math_one(KrThread *t, const char *fname, size_t nargs)
{
    if (nargs == 1)
        return 0;
    kr_raise_fmt(t, kr_exc_type(t, TypeError), "math.%s() takes exactly one argument (%zu given)", fname, nargs);
    return -1;
}

typedef struct {
    const char *name;
    double (*fn)(double);
    bool can_overflow;
} MathFn1;

static const MathFn1 math_fn1[] = {
    {"sqrt", sqrt, false}, {"exp", exp, true}, {"expm1", expm1, true}, {"sin", sin, false},
    {"cos", cos, false}, {"tan", tan, false}, {"asin", asin, false}, {"acos", acos, false},
    {"atan", atan, false}, {"sinh", sinh, true}, {"cosh", cosh, true}, {"tanh", tanh, false},
    {"asinh", asinh, false}, {"acosh", acosh, false}, {"atanh", atanh, false}, {"fabs", fabs, false},
    {"log1p", log1p, false}, {"erf", erf, false}, {"erfc", erfc, false}, {"cbrt", cbrt, false},
    {"exp2", exp2, true},
};

static KrValue math_apply1(KrThread *t, int which, const KrValue *args, size_t nargs)
{
    const MathFn1 *f = &math_fn1[which];
    if (math_one(t, f->name, nargs) < 0)
        return KR_ERROR;
    double x;
    if (kr_as_double(t, args[0], &x) < 0)
        return KR_ERROR;
    if ((which == 6 || which == 7) && isinf(x))   /* sin, cos, tan of an infinity */
        return math_domain_error(t);
    return math_result(t, x, f->fn(x), f->can_overflow);
}

#define MATH1(i, cname)                                                                                             \
    static KrValue cname(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)           \
    {                                                                                                               \
        (void)self, (void)kwnames;                                                                                  \
        return math_apply1(t, i, args, nargs);                                                                      \
    }
MATH1(0, m_sqrt) MATH1(1, m_exp) MATH1(2, m_expm1) MATH1(3, m_sin) MATH1(4, m_cos) MATH1(5, m_tan)
MATH1(6, m_asin) MATH1(7, m_acos) MATH1(8, m_atan) MATH1(9, m_sinh) MATH1(10, m_cosh) MATH1(11, m_tanh)
MATH1(12, m_asinh) MATH1(13, m_acosh) MATH1(14, m_atanh) MATH1(15, m_fabs) MATH1(16, m_log1p)
MATH1(17, m_erf) MATH1(18, m_erfc) MATH1(19, m_cbrt) MATH1(20, m_exp2)

/* floor/ceil: an int as is, a float rounded, else the type's __floor__ /
 * __ceil__, else the value as a float. */
static KrValue math_round_to_int(KrThread *t, const char *fname, const char *dunder, KrValue x, double (*fn)(double))
{
    if (kr_is_float(x))
        return kr_int_from_double(t, fn(kr_float_value(x)));
    if (kr_is_int(t, x) && kr_type(t, x) == kr_builtin_type(t, INT))
        return kr_incref(x);
    KrValue name = kr_str_intern_cstr(t, dunder);
    if (name == KR_ERROR)
        return name;
    KrValue meth = kr_type_lookup(t, kr_type(t, x), name);
    if (meth != KR_ABSENT && meth != KR_ERROR) {
        KrValue r = kr_call_method(t, x, name, NULL, 0);
        kr_decref(t, name);
        return r;
    }
    kr_decref(t, name);
    (void)fname;
    double d;
    if (kr_as_double(t, x, &d) < 0)
        return KR_ERROR;
    return kr_int_from_double(t, fn(d));
}

static KrValue m_floor(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (math_one(t, "floor", nargs) < 0)
        return KR_ERROR;
    return math_round_to_int(t, "floor", "__floor__", args[0], floor);
}

static KrValue m_ceil(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (math_one(t, "ceil", nargs) < 0)
        return KR_ERROR;
    return math_round_to_int(t, "ceil", "__ceil__", args[0], ceil);
}

static KrValue m_trunc(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (math_one(t, "trunc", nargs) < 0)
        return KR_ERROR;
    if (kr_is_float(args[0]))
        return kr_int_from_double(t, trunc(kr_float_value(args[0])));
    KrValue name = kr_str_intern_cstr(t, "__trunc__");
    if (name == KR_ERROR)
        return name;
    KrValue meth = kr_type_lookup(t, kr_type(t, args[0]), name);
    KrValue r;
    if (meth == KR_ABSENT || meth == KR_ERROR)
        r = kr_raise_fmt(t, kr_exc_type(t, TypeError), "type %s doesn't define __trunc__ method",
                         kr_type_name(kr_type(t, args[0])));
    else
        r = kr_call_method(t, args[0], name, NULL, 0);
    kr_decref(t, name);
    return r;
}

static int math_two_doubles(KrThread *t, const char *fname, const KrValue *args, size_t nargs, double *a, double *b)
{
    if (kr_check_nargs(t, fname, nargs, 2, 2) < 0)
        return -1;
    return kr_as_double(t, args[0], a) < 0 || kr_as_double(t, args[1], b) < 0 ? -1 : 0;
}

static KrValue m_atan2(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double y, x;
    if (math_two_doubles(t, "atan2", args, nargs, &y, &x) < 0)
        return KR_ERROR;
    return kr_float(atan2(y, x));
}

static KrValue m_copysign(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double x, y;
    if (math_two_doubles(t, "copysign", args, nargs, &x, &y) < 0)
        return KR_ERROR;
    return kr_float(copysign(x, y));
}

static KrValue m_fmod(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double x, y;
    if (math_two_doubles(t, "fmod", args, nargs, &x, &y) < 0)
        return KR_ERROR;
    if (isinf(y) && isfinite(x))
        return kr_float(x);
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y))
        return math_domain_error(t);
    return kr_float(r);
}

static KrValue m_pow(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double x, y;
    if (math_two_doubles(t, "pow", args, nargs, &x, &y) < 0)
        return KR_ERROR;
    if (x == 0.0 && y < 0 && isfinite(y))
        return math_domain_error(t);
    double r = pow(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y))
        return math_domain_error(t);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "math range error");
    return kr_float(r);
}

static KrValue m_hypot(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double acc = 0.0;
    bool inf = false, nan_seen = false;
    for (size_t i = 0; i < nargs; i++) {
        double v;
        if (kr_as_double(t, args[i], &v) < 0)
            return KR_ERROR;
        if (isinf(v))
            inf = true;
        else if (isnan(v))
            nan_seen = true;
        else
            acc = hypot(acc, v);
    }
    return kr_float(inf ? INFINITY : nan_seen ? NAN : acc);
}

/* v.bit_length() for an int v: 0 or -1. */
static int int_bit_length(KrThread *t, KrValue v, int64_t *out)
{
    KrValue name = kr_str_intern_cstr(t, "bit_length");
    KrValue bits = name == KR_ERROR ? KR_ERROR : kr_call_method(t, v, name, NULL, 0);
    kr_xdecref(t, name == KR_ERROR ? KR_NONE : name);
    if (bits == KR_ERROR)
        return -1;
    int st = kr_as_ssize(t, bits, out);
    kr_decref(t, bits);
    return st;
}

/* log of x (an int of any size or a number), with the domain check. */
static int math_log_of(KrThread *t, KrValue x, double (*fn)(double), double *out)
{
    double d;
    if (kr_is_int(t, x)) {
        int sign = kr_richcompare_bool(t, x, kr_smallint(0), KR_GT);
        if (sign < 0)
            return -1;
        if (!sign) {
            math_domain_error(t);
            return -1;
        }
        if (kr_as_double(t, x, &d) < 0) {
            if (!kr_err_matches(t, kr_exc_type(t, OverflowError)))
                return -1;
            kr_err_clear(t);
            /* Too big for a double: log(x) = log(x >> k) + k*log(2). */
            int64_t nb;
            if (int_bit_length(t, x, &nb) < 0)
                return -1;
            int64_t k = nb - 60;
            KrValue shifted = kr_binary_op(t, x, kr_smallint(k), KR_OP_RSHIFT);
            if (shifted == KR_ERROR)
                return -1;
            double m = kr_int_as_double_unchecked(t, shifted);
            kr_decref(t, shifted);
            *out = fn(m) + (double)k * fn(2.0);
            return 0;
        }
    } else if (kr_as_double(t, x, &d) < 0) {
        return -1;
    }
    if (isnan(d)) {
        *out = d;
        return 0;
    }
    if (d <= 0) {
        math_domain_error(t);
        return -1;
    }
    *out = fn(d);
    return 0;
}

static KrValue m_log(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "log", nargs, 1, 2) < 0)
        return KR_ERROR;
    double num, den;
    if (math_log_of(t, args[0], log, &num) < 0)
        return KR_ERROR;
    if (nargs == 1)
        return kr_float(num);
    if (math_log_of(t, args[1], log, &den) < 0)
        return KR_ERROR;
    if (den == 0.0)
        return kr_raise_fmt(t, kr_exc_type(t, ZeroDivisionError), "float division by zero");
    return kr_float(num / den);
}

static KrValue m_log2(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double r;
    if (math_one(t, "log2", nargs) < 0 || math_log_of(t, args[0], log2, &r) < 0)
        return KR_ERROR;
    return kr_float(r);
}

static KrValue m_log10(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double r;
    if (math_one(t, "log10", nargs) < 0 || math_log_of(t, args[0], log10, &r) < 0)
        return KR_ERROR;
    return kr_float(r);
}

static KrValue math_pred(KrThread *t, const char *fname, const KrValue *args, size_t nargs, int which)
{
    if (math_one(t, fname, nargs) < 0)
        return KR_ERROR;
    double x;
    if (kr_as_double(t, args[0], &x) < 0)
        return KR_ERROR;
    return kr_bool(which == 0 ? isnan(x) : which == 1 ? isinf(x) : isfinite(x));
}

static KrValue m_isnan(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return math_pred(t, "isnan", args, nargs, 0);
}

static KrValue m_isinf(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return math_pred(t, "isinf", args, nargs, 1);
}

static KrValue m_isfinite(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    return math_pred(t, "isfinite", args, nargs, 2);
}

static KrValue m_degrees(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double x;
    if (math_one(t, "degrees", nargs) < 0 || kr_as_double(t, args[0], &x) < 0)
        return KR_ERROR;
    return kr_float(x * (180.0 / MATH_PI));
}

static KrValue m_radians(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double x;
    if (math_one(t, "radians", nargs) < 0 || kr_as_double(t, args[0], &x) < 0)
        return KR_ERROR;
    return kr_float(x * (MATH_PI / 180.0));
}

static KrValue m_modf(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double x, ip;
    if (math_one(t, "modf", nargs) < 0 || kr_as_double(t, args[0], &x) < 0)
        return KR_ERROR;
    if (isinf(x))
        return kr_tuple_pack(t, 2, kr_float(copysign(0.0, x)), kr_float(x));
    double fp = modf(x, &ip);
    return kr_tuple_pack(t, 2, kr_float(fp), kr_float(ip));
}

static KrValue m_frexp(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double x;
    if (math_one(t, "frexp", nargs) < 0 || kr_as_double(t, args[0], &x) < 0)
        return KR_ERROR;
    int e = 0;
    double m = (isnan(x) || isinf(x) || x == 0.0) ? x : frexp(x, &e);
    return kr_tuple_pack(t, 2, kr_float(m), kr_smallint(e));
}

static KrValue m_ldexp(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    double x;
    if (kr_check_nargs(t, "ldexp", nargs, 2, 2) < 0 || kr_as_double(t, args[0], &x) < 0)
        return KR_ERROR;
    if (!kr_is_int(t, args[1]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "Expected an int as second argument to ldexp.");
    int64_t e;
    if (kr_as_ssize_clamped(t, args[1], &e) < 0)
        return KR_ERROR;
    if (e > 100000)
        e = 100000;
    if (e < -100000)
        e = -100000;
    double r = ldexp(x, (int)e);
    if (isinf(r) && isfinite(x))
        return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "math range error");
    return kr_float(r);
}

static KrValue m_isclose(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
    static const KrArgSpec spec = {"isclose", names, 4, 0, 2, 2};
    KrValue a[4];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    double x, y, rel = 1e-09, abs_tol = 0.0;
    if (kr_as_double(t, a[0], &x) < 0 || kr_as_double(t, a[1], &y) < 0 ||
        (a[2] != KR_ABSENT && kr_as_double(t, a[2], &rel) < 0) ||
        (a[3] != KR_ABSENT && kr_as_double(t, a[3], &abs_tol) < 0))
        return KR_ERROR;
    if (rel < 0.0 || abs_tol < 0.0)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "tolerances must be non-negative");
    if (x == y)
        return KR_TRUE;
    if (isinf(x) || isinf(y))
        return KR_FALSE;
    double diff = fabs(y - x);
    return kr_bool((diff <= fabs(rel * y)) || (diff <= fabs(rel * x)) || (diff <= abs_tol));
}

static KrValue m_gcd(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    KrValue acc = kr_smallint(0);
    for (size_t i = 0; i < nargs; i++) {
        KrValue b = kr_index(t, args[i]);
        if (b == KR_ERROR) {
            kr_decref(t, acc);
            return b;
        }
        /* Euclid on absolute values. */
        KrValue x = kr_absolute(t, acc), y = kr_absolute(t, b);
        kr_decref(t, acc);
        kr_decref(t, b);
        if (x == KR_ERROR || y == KR_ERROR) {
            kr_xdecref(t, x == KR_ERROR ? KR_NONE : x);
            kr_xdecref(t, y == KR_ERROR ? KR_NONE : y);
            return KR_ERROR;
        }
        for (;;) {
            int z = kr_truth(t, y);
            if (z <= 0) {
                kr_decref(t, y);
                if (z < 0) {
                    kr_decref(t, x);
                    return KR_ERROR;
                }
                break;
            }
            KrValue r = kr_binary_op(t, x, y, KR_OP_MOD);
            kr_decref(t, x);
            if (r == KR_ERROR) {
                kr_decref(t, y);
                return r;
            }
            x = y;
            y = r;
        }
        acc = x;
    }
    return acc;
}

static KrValue m_factorial(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (math_one(t, "factorial", nargs) < 0)
        return KR_ERROR;
    if (kr_is_float(args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'float' object cannot be interpreted as an integer");
    KrValue n = kr_index(t, args[0]);
    if (n == KR_ERROR)
        return n;
    int64_t v;
    int st = kr_as_ssize(t, n, &v);
    kr_decref(t, n);
    if (st < 0) {
        if (kr_err_matches(t, kr_exc_type(t, OverflowError))) {
            kr_err_clear(t);
            return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "factorial() argument should not exceed %ld",
                                (long)INT64_MAX);
        }
        return KR_ERROR;
    }
    if (v < 0)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "factorial() not defined for negative values");
    KrValue acc = kr_smallint(1);
    for (int64_t i = 2; i <= v; i++) {
        KrValue next = kr_binary_op(t, acc, kr_smallint(i), KR_OP_MUL);
        kr_decref(t, acc);
        if (next == KR_ERROR)
            return next;
        acc = next;
    }
    return acc;
}

static KrValue m_isqrt(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (math_one(t, "isqrt", nargs) < 0)
        return KR_ERROR;
    KrValue n = kr_index(t, args[0]);
    if (n == KR_ERROR)
        return n;
    int neg = kr_richcompare_bool(t, n, kr_smallint(0), KR_LT);
    if (neg) {
        kr_decref(t, n);
        return neg < 0 ? KR_ERROR : kr_raise_fmt(t, kr_exc_type(t, ValueError), "isqrt() argument must be nonnegative");
    }
    if (kr_truth(t, n) == 0)
        return n;
    /* Newton's iteration from above: x = (x + n // x) // 2 until it stops
     * decreasing, starting at 2 ** ceil(bits / 2). */
    int64_t nb;
    if (int_bit_length(t, n, &nb) < 0) {
        kr_decref(t, n);
        return KR_ERROR;
    }
    KrValue x = kr_binary_op(t, kr_smallint(1), kr_smallint((nb + 1) / 2), KR_OP_LSHIFT);
    for (;;) {
        if (x == KR_ERROR)
            break;
        KrValue q = kr_binary_op(t, n, x, KR_OP_FLOORDIV);
        KrValue s = q == KR_ERROR ? KR_ERROR : kr_binary_op(t, x, q, KR_OP_ADD);
        KrValue y = s == KR_ERROR ? KR_ERROR : kr_binary_op(t, s, kr_smallint(1), KR_OP_RSHIFT);
        kr_xdecref(t, q == KR_ERROR ? KR_NONE : q);
        kr_xdecref(t, s == KR_ERROR ? KR_NONE : s);
        if (y == KR_ERROR) {
            kr_decref(t, x);
            x = KR_ERROR;
            break;
        }
        int lt = kr_richcompare_bool(t, y, x, KR_LT);
        if (lt <= 0) {
            kr_decref(t, y);
            if (lt < 0) {
                kr_decref(t, x);
                x = KR_ERROR;
            }
            break;
        }
        kr_decref(t, x);
        x = y;
    }
    kr_decref(t, n);
    return x;
}

static KrValue m_prod(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"iterable", "start"};
    static const KrArgSpec spec = {"prod", names, 2, 1, 1, 1};
    KrValue a[2];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    KrValue it = kr_iter(t, a[0]);
    if (it == KR_ERROR)
        return it;
    KrValue acc = a[1] == KR_ABSENT ? kr_smallint(1) : kr_incref(a[1]);
    KrValue v;
    while ((v = kr_next(t, it)) != KR_ABSENT) {
        if (v == KR_ERROR) {
            kr_decref(t, acc);
            acc = KR_ERROR;
            break;
        }
        KrValue next = kr_binary_op(t, acc, v, KR_OP_MUL);
        kr_decref(t, v);
        kr_decref(t, acc);
        acc = next;
        if (acc == KR_ERROR)
            break;
    }
    kr_decref(t, it);
    return acc;
}

static KrValue m_fsum(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (math_one(t, "fsum", nargs) < 0)
        return KR_ERROR;
    KrValue it = kr_iter(t, args[0]);
    if (it == KR_ERROR)
        return it;
    /* Neumaier's compensated sum: exact enough for the common cases. */
    double sum = 0.0, comp = 0.0, special = 0.0;
    bool has_special = false;
    KrValue v;
    while ((v = kr_next(t, it)) != KR_ABSENT) {
        double x;
        if (v == KR_ERROR || kr_as_double(t, v, &x) < 0) {
            kr_xdecref(t, v == KR_ERROR ? KR_NONE : v);
            kr_decref(t, it);
            return KR_ERROR;
        }
        kr_decref(t, v);
        if (!isfinite(x)) {
            special = has_special ? special + x : x;
            has_special = true;
            continue;
        }
        double s = sum + x;
        comp += fabs(sum) >= fabs(x) ? (sum - s) + x : (x - s) + sum;
        sum = s;
    }
    kr_decref(t, it);
    if (has_special) {
        if (isnan(special))
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "-inf + inf in fsum");
        return kr_float(special);
    }
    return kr_float(sum + comp);
}

static const KrMethodDef math_methods[] = {
    {"sqrt", m_sqrt, 0, "Return the square root of x."},
    {"exp", m_exp, 0, "Return e raised to the power of x."},
    {"expm1", m_expm1, 0, "Return exp(x)-1."},
    {"sin", m_sin, 0, "Return the sine of x (measured in radians)."},
    {"cos", m_cos, 0, "Return the cosine of x (measured in radians)."},
    {"tan", m_tan, 0, "Return the tangent of x (measured in radians)."},
    {"asin", m_asin, 0, "Return the arc sine (measured in radians) of x."},
    {"acos", m_acos, 0, "Return the arc cosine (measured in radians) of x."},
    {"atan", m_atan, 0, "Return the arc tangent (measured in radians) of x."},
    {"sinh", m_sinh, 0, "Return the hyperbolic sine of x."},
    {"cosh", m_cosh, 0, "Return the hyperbolic cosine of x."},
    {"tanh", m_tanh, 0, "Return the hyperbolic tangent of x."},
    {"asinh", m_asinh, 0, "Return the inverse hyperbolic sine of x."},
    {"acosh", m_acosh, 0, "Return the inverse hyperbolic cosine of x."},
    {"atanh", m_atanh, 0, "Return the inverse hyperbolic tangent of x."},
    {"fabs", m_fabs, 0, "Return the absolute value of the float x."},
    {"log1p", m_log1p, 0, "Return the natural logarithm of 1+x (base e)."},
    {"erf", m_erf, 0, "Error function at x."},
    {"erfc", m_erfc, 0, "Complementary error function at x."},
    {"cbrt", m_cbrt, 0, "Return the cube root of x."},
    {"exp2", m_exp2, 0, "Return 2 raised to the power of x."},
    {"floor", m_floor, 0, "Return the floor of x as an Integral."},
    {"ceil", m_ceil, 0, "Return the ceiling of x as an Integral."},
    {"trunc", m_trunc, 0, "Truncates the Real x to the nearest Integral toward 0."},
    {"atan2", m_atan2, 0, "Return the arc tangent (measured in radians) of y/x."},
    {"copysign", m_copysign, 0, "Return a float with the magnitude (absolute value) of x but the sign of y."},
    {"fmod", m_fmod, 0, "Return fmod(x, y), according to platform C."},
    {"pow", m_pow, 0, "Return x**y (x to the power of y)."},
    {"hypot", m_hypot, 0, "Multidimensional Euclidean distance from the origin to a point."},
    {"log", m_log, 0, "log(x, [base=math.e])\nReturn the logarithm of x to the given base."},
    {"log2", m_log2, 0, "Return the base 2 logarithm of x."},
    {"log10", m_log10, 0, "Return the base 10 logarithm of x."},
    {"isnan", m_isnan, 0, "Return True if x is a NaN (not a number), and False otherwise."},
    {"isinf", m_isinf, 0, "Return True if x is a positive or negative infinity, and False otherwise."},
    {"isfinite", m_isfinite, 0, "Return True if x is neither an infinity nor a NaN, and False otherwise."},
    {"degrees", m_degrees, 0, "Convert angle x from radians to degrees."},
    {"radians", m_radians, 0, "Convert angle x from degrees to radians."},
    {"modf", m_modf, 0, "Return the fractional and integer parts of x."},
    {"frexp", m_frexp, 0, "Return the mantissa and exponent of x, as pair (m, e)."},
    {"ldexp", m_ldexp, 0, "Return x * (2**i)."},
    {"isclose", m_isclose, KR_METH_KEYWORDS, "Determine whether two floating point numbers are close in value."},
    {"gcd", m_gcd, 0, "Greatest Common Divisor."},
    {"factorial", m_factorial, 0, "Find x!."},
    {"isqrt", m_isqrt, 0, "Return the integer part of the square root of the input."},
    {"prod", m_prod, KR_METH_KEYWORDS, "Calculate the product of all the elements in the input iterable."},
    {"fsum", m_fsum, 0, "Return an accurate floating point sum of values in the iterable seq."},
    {NULL, NULL, 0, NULL},
};

static int math_add_constants(KrThread *t, KrValue m)
{
    return kr_module_add(t, m, "pi", kr_float(MATH_PI)) | kr_module_add(t, m, "e", kr_float(MATH_E)) |
           kr_module_add(t, m, "tau", kr_float(2 * MATH_PI)) | kr_module_add(t, m, "inf", kr_float(INFINITY)) |
           kr_module_add(t, m, "nan", kr_float(NAN));
}

/* ---- the table import consults ---- */

static const struct {
    const char *name;
    const KrMethodDef *methods;
    const char *doc;
    int (*init)(KrThread *t, KrValue m);
} builtin_modules[] = {
    {"_abc", abc_methods, "Module contains faster C implementation of abc.ABCMeta", NULL},
    {"math", math_methods, "This module provides access to the mathematical functions\ndefined by the C standard.", math_add_constants},
    {"_operator", operator_methods, "Operator interface.\n\nThis module exports a set of functions implemented in C "
                                    "corresponding\nto the intrinsic operators of Python.  For example, "
                                    "operator.add(x, y)\nis equivalent to the expression x+y.  The function names "
                                    "are those\nused for special methods; variants without leading and trailing\n'__' "
                                    "are also provided for convenience.", NULL},
};

KrValue kr_builtin_module_create(KrThread *t, KrValue name)
{
    for (size_t i = 0; i < sizeof builtin_modules / sizeof builtin_modules[0]; i++) {
        if (!kr_str_equal_cstr(name, builtin_modules[i].name))
            continue;
        KrValue m = kr_module_new_c(t, builtin_modules[i].name, builtin_modules[i].methods);
        if (m == KR_ERROR)
            return m;
        KrValue doc = kr_str_from_cstr(t, builtin_modules[i].doc);
        if (doc == KR_ERROR || kr_module_add(t, m, "__doc__", doc) < 0 ||
            (builtin_modules[i].init && builtin_modules[i].init(t, m) < 0) ||
            kr_dict_set(t, t->vm->modules, name, m) < 0) {
            kr_xdecref(t, doc == KR_ERROR ? KR_NONE : doc);
            kr_decref(t, m);
            return KR_ERROR;
        }
        kr_decref(t, doc);
        return m;
    }
    return KR_ABSENT;
}
