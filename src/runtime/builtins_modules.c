/* Built-in modules written in C that the standard library's Python
 * modules import: _abc (the machinery of abc.ABCMeta) and _operator (the
 * parts of operator whose pure-Python fallbacks behave differently). */
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

/* ---- the table import consults ---- */

static const struct {
    const char *name;
    const KrMethodDef *methods;
    const char *doc;
} builtin_modules[] = {
    {"_abc", abc_methods, "Module contains faster C implementation of abc.ABCMeta"},
    {"_operator", operator_methods, "Operator interface.\n\nThis module exports a set of functions implemented in C "
                                    "corresponding\nto the intrinsic operators of Python.  For example, "
                                    "operator.add(x, y)\nis equivalent to the expression x+y.  The function names "
                                    "are those\nused for special methods; variants without leading and trailing\n'__' "
                                    "are also provided for convenience."},
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
