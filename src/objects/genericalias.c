/* types.GenericAlias (list[int]) and types.UnionType (int | str): the
 * parameterised forms PEP 585 and PEP 604 give to built-in classes. */
#include <string.h>

#include "objects/objects.h"

typedef struct KrAlias {
    KrObject ob;
    KrValue origin;             /* GenericAlias: the class; Union: unused */
    KrValue args;               /* tuple */
} KrAlias;

static KrAlias *as_alias(KrValue v) { return (KrAlias *)kr_as_ptr(v); }

static void alias_dealloc(KrThread *t, KrObject *o)
{
    KrAlias *a = (KrAlias *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &a->origin);
    kr_clear(t, &a->args);
    kr_free_object(t, o);
}

static void alias_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrAlias *a = (KrAlias *)o;
    if (kr_is_ptr(a->origin))
        visit(kr_as_ptr(a->origin), arg);
    if (kr_is_ptr(a->args))
        visit(kr_as_ptr(a->args), arg);
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

static KrValue alias_make(KrThread *t, KrType *type, KrValue origin, KrValue args)
{
    KrAlias *a = (KrAlias *)kr_alloc(t, type, sizeof(KrAlias));
    if (!a)
        return KR_ERROR;
    a->origin = kr_incref(origin);
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
    /* Everything but the alias's own attributes comes from the origin. */
    static const char *const own[] = {"__origin__", "__args__", "__parameters__", "__class__", "__mro_entries__",
                                      "__reduce__", "__copy__", "__deepcopy__", "__unpacked__", "__typing_unpacked_tuple_args__", NULL};
    bool is_own = false;
    for (int i = 0; own[i]; i++)
        if (kr_str_equal_cstr(name, own[i]))
            is_own = true;
    KrStr *s = kr_as_str(name);
    bool dunder = s->len > 4 && kr_str_char(s, 0) == '_' && kr_str_char(s, 1) == '_';
    if (!is_own && !dunder)
        return kr_getattr(t, as_alias(self)->origin, name);
    return kr_generic_getattr(t, self, name);
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
static KrValue alias_get_params(KrThread *t, KrValue self) { (void)self; return kr_incref(t->vm->empty_tuple); }

static KrValue alias_mro_entries(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    return kr_tuple_pack(t, 1, as_alias(self)->origin);
}

static const KrMethodDef alias_methods[] = {
    {"__mro_entries__", alias_mro_entries, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef alias_getsets[] = {
    {"__origin__", alias_get_origin, NULL, NULL},
    {"__args__", alias_get_args, NULL, NULL},
    {"__parameters__", alias_get_params, NULL, NULL},
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
