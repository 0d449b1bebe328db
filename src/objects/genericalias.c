/* types.GenericAlias (list[int]) and types.UnionType (int | str): the
 * parameterised forms PEP 585 and PEP 604 give to built-in classes. */
#include <string.h>

#include "objects/objects.h"

typedef struct KrAlias {
    KrObject ob;
    KrValue origin;             /* GenericAlias: the class; Union: unused */
    KrValue args;               /* tuple */
    KrValue params;             /* tuple of type variables; KR_ABSENT until asked for */
} KrAlias;

static KrAlias *as_alias(KrValue v) { return (KrAlias *)kr_as_ptr(v); }

static void alias_dealloc(KrThread *t, KrObject *o)
{
    KrAlias *a = (KrAlias *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &a->origin);
    kr_clear(t, &a->args);
    if (a->params != KR_ABSENT)
        kr_clear(t, &a->params);
    kr_free_object(t, o);
}

static void alias_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrAlias *a = (KrAlias *)o;
    if (kr_is_ptr(a->origin))
        visit(kr_as_ptr(a->origin), arg);
    if (kr_is_ptr(a->args))
        visit(kr_as_ptr(a->args), arg);
    if (a->params != KR_ABSENT && kr_is_ptr(a->params))
        visit(kr_as_ptr(a->params), arg);
}

/* How typing shows one argument: classes by qualified name, ... as
 * "...", everything else by repr. */
static int append_arg_repr(KrThread *t, KrStrBuilder *b, KrValue v)
{
    if (v == KR_ELLIPSIS)
        return kr_sb_append_ascii(t, b, "...", 3);
    if (kr_has_flag(t, v, KR_TPFLAG_TYPE_SUBCLASS)) {
        KrValue mod = kr_getattr(t, v, kr_name(t, dunder_module));
        KrValue qn = mod == KR_ERROR ? KR_ERROR : kr_getattr(t, v, kr_name(t, dunder_qualname));
        if (mod != KR_ERROR && qn != KR_ERROR && kr_is_str(t, mod) && kr_is_str(t, qn)) {
            int r = 0;
            if (!kr_str_equal_cstr(mod, "builtins")) {
                r |= kr_sb_append_str(t, b, mod);
                r |= kr_sb_append_char(t, b, '.');
            }
            r |= kr_sb_append_str(t, b, qn);
            kr_decref(t, mod);
            kr_decref(t, qn);
            return r;
        }
        kr_xdecref(t, mod);
        kr_xdecref(t, qn);
        kr_err_clear(t);
    }
    KrValue r = kr_repr(t, v);
    if (r == KR_ERROR)
        return -1;
    int st = kr_sb_append_str(t, b, r);
    kr_decref(t, r);
    return st;
}

static KrValue alias_repr(KrThread *t, KrValue self)
{
    KrAlias *a = as_alias(self);
    KrStrBuilder b;
    kr_sb_init(&b);
    int st = append_arg_repr(t, &b, a->origin);
    st |= kr_sb_append_char(t, &b, '[');
    size_t n = kr_tuple_len(a->args);
    if (n == 0)
        st |= kr_sb_append_ascii(t, &b, "()", 2);
    for (size_t i = 0; i < n && st == 0; i++) {
        if (i)
            st |= kr_sb_append_ascii(t, &b, ", ", 2);
        KrValue arg = kr_tuple_items(a->args)[i];
        if (kr_is_list(t, arg)) {
            st |= kr_sb_append_char(t, &b, '[');
            for (size_t j = 0; j < kr_as_list(arg)->len && st == 0; j++) {
                if (j)
                    st |= kr_sb_append_ascii(t, &b, ", ", 2);
                st |= append_arg_repr(t, &b, kr_as_list(arg)->items[j]);
            }
            st |= kr_sb_append_char(t, &b, ']');
        } else {
            st |= append_arg_repr(t, &b, arg);
        }
    }
    st |= kr_sb_append_char(t, &b, ']');
    if (st) {
        kr_sb_discard(&b);
        return KR_ERROR;
    }
    return kr_sb_finish(t, &b);
}

/* The type variables among args, in order of first appearance: an
 * argument with __typing_subst__ is one, and an argument that is itself
 * generic contributes its own __parameters__.  Classes are skipped. */
static KrValue collect_params(KrThread *t, KrValue args)
{
    KrValue list = kr_list_new(t, 0);
    if (list == KR_ERROR)
        return list;
    KrValue subst_name = kr_str_intern_cstr(t, "__typing_subst__");
    for (size_t i = 0; i < kr_tuple_len(args); i++) {
        KrValue arg = kr_tuple_items(args)[i];
        if (kr_has_flag(t, arg, KR_TPFLAG_TYPE_SUBCLASS))
            continue;
        KrValue f;
        int r = kr_lookup_attr(t, arg, subst_name, &f);
        if (r < 0)
            goto fail;
        if (r) {
            kr_decref(t, f);
            int has = kr_contains(t, list, arg);
            if (has < 0 || (!has && kr_list_append(t, list, arg) < 0))
                goto fail;
            continue;
        }
        KrValue sub;
        r = kr_lookup_attr(t, arg, kr_name(t, dunder_parameters), &sub);
        if (r < 0)
            goto fail;
        if (!r)
            continue;
        if (kr_is_tuple(t, sub)) {
            for (size_t j = 0; j < kr_tuple_len(sub); j++) {
                KrValue p = kr_tuple_items(sub)[j];
                int has = kr_contains(t, list, p);
                if (has < 0 || (!has && kr_list_append(t, list, p) < 0)) {
                    kr_decref(t, sub);
                    goto fail;
                }
            }
        }
        kr_decref(t, sub);
    }
    kr_decref(t, subst_name);
    KrValue tup = kr_tuple_from(t, kr_as_list(list)->items, kr_as_list(list)->len);
    kr_decref(t, list);
    return tup;
fail:
    kr_decref(t, subst_name);
    kr_decref(t, list);
    return KR_ERROR;
}

static KrValue alias_make(KrThread *t, KrType *type, KrValue origin, KrValue args)
{
    KrAlias *a = (KrAlias *)kr_alloc(t, type, sizeof(KrAlias));
    if (!a)
        return KR_ERROR;
    a->origin = kr_incref(origin);
    a->params = KR_ABSENT;
    a->args = kr_is_tuple(t, args) ? kr_incref(args) : kr_tuple_pack(t, 1, args);
    if (a->args == KR_ERROR) {
        a->args = KR_NONE;
        kr_decref(t, kr_ptr(a));
        return KR_ERROR;
    }
    return kr_ptr(a);
}

KrValue kr_generic_alias_new(KrThread *t, KrValue origin, KrValue args)
{
    return alias_make(t, kr_builtin_type(t, GENERIC_ALIAS), origin, args);
}

KrValue kr_class_getitem_alias(KrThread *t, KrValue cls, const KrValue *args, size_t nargs)
{
    (void)nargs;
    return kr_generic_alias_new(t, cls, args[0]);
}

static KrValue alias_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (kr_no_kwargs(t, "GenericAlias", kwnames) < 0 || kr_check_nargs(t, "GenericAlias", nargs, 2, 2) < 0)
        return KR_ERROR;
    return alias_make(t, type, args[0], args[1]);
}

static KrValue alias_call(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrValue r = kr_call(t, as_alias(self)->origin, args, nargs, kwnames);
    if (r != KR_ERROR) {
        KrValue orig = kr_str_intern_cstr(t, "__orig_class__");
        if (kr_setattr(t, r, orig, self) < 0)
            kr_err_clear(t);
        kr_decref(t, orig);
    }
    return r;
}

static KrValue alias_getattr(KrThread *t, KrValue self, KrValue name)
{
    /* Everything but the alias's own attributes comes from the origin, so
     * list[int].__name__ is 'list'. */
    static const char *const own[] = {"__origin__", "__args__", "__parameters__", "__class__", "__mro_entries__",
                                      "__reduce_ex__", "__reduce__", "__copy__", "__deepcopy__", "__unpacked__",
                                      "__typing_unpacked_tuple_args__", "__dir__", NULL};
    for (int i = 0; own[i]; i++)
        if (kr_str_equal_cstr(name, own[i]))
            return kr_generic_getattr(t, self, name);
    return kr_getattr(t, as_alias(self)->origin, name);
}

static KrValue alias_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if ((op != KR_EQ && op != KR_NE) || kr_type(t, b) != kr_type(t, a))
        return KR_NOTIMPLEMENTED;
    int eq = kr_eq(t, as_alias(a)->origin, as_alias(b)->origin);
    if (eq > 0)
        eq = kr_eq(t, as_alias(a)->args, as_alias(b)->args);
    if (eq < 0)
        return KR_ERROR;
    return kr_bool(op == KR_EQ ? eq : !eq);
}

static int64_t alias_hash(KrThread *t, KrValue self)
{
    int64_t a = kr_hash(t, as_alias(self)->origin);
    if (a == -1)
        return -1;
    int64_t b = kr_hash(t, as_alias(self)->args);
    if (b == -1)
        return -1;
    int64_t h = a ^ b;
    return h == -1 ? -2 : h;
}

static KrValue alias_get_origin(KrThread *t, KrValue self) { (void)t; return kr_incref(as_alias(self)->origin); }
static KrValue alias_get_args(KrThread *t, KrValue self) { (void)t; return kr_incref(as_alias(self)->args); }
static KrValue alias_get_params(KrThread *t, KrValue self)
{
    KrAlias *a = as_alias(self);
    if (a->params == KR_ABSENT) {
        KrValue p = collect_params(t, a->args);
        if (p == KR_ERROR)
            return p;
        a->params = p;
    }
    return kr_incref(a->params);
}

static KrValue alias_get_unpacked(KrThread *t, KrValue self) { (void)t, (void)self; return KR_FALSE; }

static KrValue alias_no_check(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "isinstance() argument 2 cannot be a parameterized generic");
}

static KrValue alias_no_subcheck(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "issubclass() argument 2 cannot be a parameterized generic");
}

/* Substitute a value for the type variable p: the argument itself when it
 * is p, or arg[...] of its own parameters when it is generic. */
static KrValue subst_arg(KrThread *t, KrValue arg, KrValue params, const KrValue *vals)
{
    for (size_t i = 0; i < kr_tuple_len(params); i++)
        if (kr_tuple_items(params)[i] == arg)
            return kr_incref(vals[i]);
    if (kr_has_flag(t, arg, KR_TPFLAG_TYPE_SUBCLASS))
        return kr_incref(arg);
    KrValue sub;
    int r = kr_lookup_attr(t, arg, kr_name(t, dunder_parameters), &sub);
    if (r < 0)
        return KR_ERROR;
    if (!r)
        return kr_incref(arg);
    if (!kr_is_tuple(t, sub) || kr_tuple_len(sub) == 0) {
        kr_decref(t, sub);
        return kr_incref(arg);
    }
    size_t n = kr_tuple_len(sub);
    KrValue key = kr_tuple_new(t, n);
    if (key == KR_ERROR) {
        kr_decref(t, sub);
        return key;
    }
    for (size_t j = 0; j < n; j++) {
        KrValue v = kr_tuple_items(sub)[j];
        for (size_t i = 0; i < kr_tuple_len(params); i++)
            if (kr_tuple_items(params)[i] == v)
                v = vals[i];
        kr_tuple_items(key)[j] = kr_incref(v);
    }
    kr_decref(t, sub);
    KrValue res = kr_getitem(t, arg, n == 1 ? kr_tuple_items(key)[0] : key);
    kr_decref(t, key);
    return res;
}

/* list[T][int]: the alias with its type variables replaced. */
static KrValue alias_getitem(KrThread *t, KrValue self, KrValue item)
{
    KrAlias *a = as_alias(self);
    KrValue params = alias_get_params(t, self);
    if (params == KR_ERROR)
        return params;
    size_t np = kr_tuple_len(params);
    if (np == 0) {
        kr_decref(t, params);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%R is not a generic class", self);
    }
    const KrValue *vals = kr_is_tuple(t, item) ? kr_tuple_items(item) : &item;
    size_t nv = kr_is_tuple(t, item) ? kr_tuple_len(item) : 1;
    if (nv != np) {
        kr_decref(t, params);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "Too %s arguments for %R; actual %zu, expected %zu",
                            nv > np ? "many" : "few", self, nv, np);
    }
    size_t n = kr_tuple_len(a->args);
    KrValue newargs = kr_tuple_new(t, n);
    if (newargs == KR_ERROR) {
        kr_decref(t, params);
        return newargs;
    }
    for (size_t i = 0; i < n; i++) {
        KrValue v = subst_arg(t, kr_tuple_items(a->args)[i], params, vals);
        if (v == KR_ERROR) {
            kr_decref(t, params);
            kr_decref(t, newargs);
            return v;
        }
        kr_tuple_items(newargs)[i] = v;
    }
    kr_decref(t, params);
    KrValue r = alias_make(t, kr_type(t, self), a->origin, newargs);
    kr_decref(t, newargs);
    return r;
}

static KrValue alias_mro_entries(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    return kr_tuple_pack(t, 1, as_alias(self)->origin);
}

/* dir(list[int]): the origin's names and the alias's own. */
static KrValue alias_dir(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    KrValue names = kr_call_special(t, as_alias(self)->origin, kr_name(t, dunder_dir), NULL, 0);
    if (names == KR_ERROR)
        return names;
    KrValue list = kr_list_from_iterable(t, names);
    kr_decref(t, names);
    if (list == KR_ERROR)
        return list;
    static const char *const own[] = {"__origin__", "__args__", "__parameters__", "__mro_entries__",
                                      "__reduce_ex__", "__reduce__", "__copy__", "__deepcopy__", "__unpacked__",
                                      "__typing_unpacked_tuple_args__", NULL};
    for (int i = 0; own[i]; i++) {
        KrValue n = kr_str_intern_cstr(t, own[i]);
        int has = n == KR_ERROR ? -1 : kr_contains(t, list, n);
        if (has < 0 || (!has && kr_list_append(t, list, n) < 0)) {
            kr_xdecref(t, n == KR_ERROR ? KR_NONE : n);
            kr_decref(t, list);
            return KR_ERROR;
        }
        kr_decref(t, n);
    }
    return list;
}

static const KrMethodDef alias_methods[] = {
    {"__dir__", alias_dir, 0, NULL},
    {"__mro_entries__", alias_mro_entries, 0, NULL},
    {"__instancecheck__", alias_no_check, 0, NULL},
    {"__subclasscheck__", alias_no_subcheck, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef alias_getsets[] = {
    {"__origin__", alias_get_origin, NULL, NULL},
    {"__args__", alias_get_args, NULL, NULL},
    {"__parameters__", alias_get_params, NULL, NULL},
    {"__unpacked__", alias_get_unpacked, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static KrValue union_or(KrThread *t, KrValue a, KrValue b);

static void alias_fill(KrType *tp)
{
    tp->dealloc = alias_dealloc;
    tp->traverse = alias_traverse;
    tp->repr = alias_repr;
    tp->new_ = alias_new;
    tp->call = alias_call;
    tp->getattr = alias_getattr;
    tp->compare = alias_compare;
    tp->hash = alias_hash;
    tp->getitem = alias_getitem;
    tp->binary[KR_OP_OR] = union_or;
}

const KrTypeSpec kr_generic_alias_spec = {
    .name = "types.GenericAlias",
    .basicsize = sizeof(KrAlias),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = alias_methods,
    .getsets = alias_getsets,
    .fill = alias_fill,
    .doc = "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).",
};

/* ---- X | Y ---- */

static bool unionable(KrThread *t, KrValue v)
{
    return v == KR_NONE || kr_has_flag(t, v, KR_TPFLAG_TYPE_SUBCLASS) ||
           kr_type(t, v) == kr_builtin_type(t, GENERIC_ALIAS) || kr_type(t, v) == kr_builtin_type(t, UNION);
}

static int union_add(KrThread *t, KrValue list, KrValue v)
{
    if (v == KR_NONE)
        v = kr_ptr(kr_builtin_type(t, NONE));
    if (kr_type(t, v) == kr_builtin_type(t, UNION)) {
        KrValue args = as_alias(v)->args;
        for (size_t i = 0; i < kr_tuple_len(args); i++)
            if (union_add(t, list, kr_tuple_items(args)[i]) < 0)
                return -1;
        return 0;
    }
    for (size_t i = 0; i < kr_as_list(list)->len; i++) {
        int eq = kr_eq(t, kr_as_list(list)->items[i], v);
        if (eq != 0)
            return eq < 0 ? -1 : 0;
    }
    return kr_list_append(t, list, v);
}

KrValue kr_union_new(KrThread *t, KrValue a, KrValue b)
{
    if (!unionable(t, a) || !unionable(t, b))
        return KR_NOTIMPLEMENTED;
    KrValue list = kr_list_new(t, 0);
    if (list == KR_ERROR)
        return list;
    if (union_add(t, list, a) < 0 || union_add(t, list, b) < 0) {
        kr_decref(t, list);
        return KR_ERROR;
    }
    if (kr_as_list(list)->len == 1) {
        KrValue only = kr_incref(kr_as_list(list)->items[0]);
        kr_decref(t, list);
        return only;
    }
    KrValue args = kr_tuple_from(t, kr_as_list(list)->items, kr_as_list(list)->len);
    kr_decref(t, list);
    if (args == KR_ERROR)
        return args;
    KrValue r = alias_make(t, kr_builtin_type(t, UNION), KR_NONE, args);
    kr_decref(t, args);
    return r;
}

static KrValue union_or(KrThread *t, KrValue a, KrValue b) { return kr_union_new(t, a, b); }

static KrValue union_repr(KrThread *t, KrValue self)
{
    KrValue args = as_alias(self)->args;
    KrStrBuilder b;
    kr_sb_init(&b);
    int st = 0;
    for (size_t i = 0; i < kr_tuple_len(args) && st == 0; i++) {
        if (i)
            st |= kr_sb_append_ascii(t, &b, " | ", 3);
        KrValue v = kr_tuple_items(args)[i];
        if (v == kr_ptr(kr_builtin_type(t, NONE)))
            st |= kr_sb_append_ascii(t, &b, "None", 4);
        else
            st |= append_arg_repr(t, &b, v);
    }
    if (st) {
        kr_sb_discard(&b);
        return KR_ERROR;
    }
    return kr_sb_finish(t, &b);
}

static KrValue union_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if ((op != KR_EQ && op != KR_NE) || kr_type(t, b) != kr_type(t, a))
        return KR_NOTIMPLEMENTED;
    KrValue sa = kr_frozenset_new(t, as_alias(a)->args);
    KrValue sb = kr_frozenset_new(t, as_alias(b)->args);
    KrValue r = (sa == KR_ERROR || sb == KR_ERROR) ? KR_ERROR : kr_richcompare(t, sa, sb, op);
    kr_xdecref(t, sa);
    kr_xdecref(t, sb);
    return r;
}

static int64_t union_hash(KrThread *t, KrValue self)
{
    KrValue s = kr_frozenset_new(t, as_alias(self)->args);
    if (s == KR_ERROR)
        return -1;
    int64_t h = kr_hash(t, s);
    kr_decref(t, s);
    return h;
}

static const KrGetSetDef union_getsets[] = {
    {"__args__", alias_get_args, NULL, NULL},
    {"__parameters__", alias_get_params, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void union_fill(KrType *tp)
{
    tp->dealloc = alias_dealloc;
    tp->traverse = alias_traverse;
    tp->repr = union_repr;
    tp->compare = union_compare;
    tp->hash = union_hash;
    tp->binary[KR_OP_OR] = union_or;
}

const KrTypeSpec kr_union_spec = {
    .name = "types.UnionType",
    .basicsize = sizeof(KrAlias),
    .flags = KR_TPFLAG_GC,
    .getsets = union_getsets,
    .fill = union_fill,
    .doc = "Represent a PEP 604 union type\n\nE.g. for int | str",
};
