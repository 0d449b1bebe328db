/* Module objects, and types.SimpleNamespace (an object that is little
 * more than its __dict__, shown as name=value pairs). */
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"

KrValue kr_module_new(KrThread *t, KrValue name)
{
    KrModule *m = (KrModule *)kr_alloc(t, kr_builtin_type(t, MODULE), sizeof(KrModule));
    if (!m)
        return KR_ERROR;
    m->weaklist = KR_ABSENT;
    m->dict = kr_dict_new(t);
    if (m->dict == KR_ERROR) {
        m->dict = KR_ABSENT;
        kr_decref(t, kr_ptr(m));
        return KR_ERROR;
    }
    KrValue mv = kr_ptr(m);
    if (kr_dict_set(t, m->dict, kr_name(t, dunder_name), name) < 0 ||
        kr_dict_set(t, m->dict, kr_name(t, dunder_doc), KR_NONE) < 0 ||
        kr_dict_set(t, m->dict, kr_name(t, dunder_package), KR_NONE) < 0 ||
        kr_dict_set(t, m->dict, kr_name(t, dunder_loader), KR_NONE) < 0 ||
        kr_dict_set(t, m->dict, kr_name(t, dunder_spec), KR_NONE) < 0) {
        kr_decref(t, mv);
        return KR_ERROR;
    }
    return mv;
}

KrValue kr_module_new_c(KrThread *t, const char *name, const KrMethodDef *methods)
{
    KrValue n = kr_str_intern_cstr(t, name);
    if (n == KR_ERROR)
        return n;
    KrValue m = kr_module_new(t, n);
    if (m == KR_ERROR) {
        kr_decref(t, n);
        return m;
    }
    ((KrModule *)kr_as_ptr(m))->methods = methods;
    for (const KrMethodDef *d = methods; d && d->name; d++) {
        /* Module functions are bound to the module (their __self__), and
         * their __module__ is the module's name. */
        KrValue f = kr_builtin_function_new(t, d, m, n);
        if (f == KR_ERROR || kr_module_add(t, m, d->name, f) < 0) {
            kr_xdecref(t, f);
            kr_decref(t, m);
            kr_decref(t, n);
            return KR_ERROR;
        }
        kr_decref(t, f);
    }
    kr_decref(t, n);
    return m;
}

int kr_module_add(KrThread *t, KrValue module, const char *name, KrValue value)
{
    return kr_dict_set_cstr(t, ((KrModule *)kr_as_ptr(module))->dict, name, value);
}

static void module_dealloc(KrThread *t, KrObject *o)
{
    KrModule *m = (KrModule *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &m->dict);
    if (m->free_state)
        m->free_state(m->state);
    kr_free_object(t, o);
}

static void module_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrModule *m = (KrModule *)o;
    if (kr_is_ptr(m->dict))
        visit(kr_as_ptr(m->dict), arg);
}

/* An attribute of an object, or KR_ABSENT when it has none (other
 * errors are returned). */
static KrValue attr_or_absent(KrThread *t, KrValue obj, const char *name)
{
    KrValue v = kr_getattr_cstr(t, obj, name);
    if (v == KR_ERROR && kr_err_matches(t, kr_exc_type(t, AttributeError))) {
        kr_err_clear(t);
        return KR_ABSENT;
    }
    return v;
}

/* importlib's _module_repr_from_spec. */
static KrValue repr_from_spec(KrThread *t, KrValue spec)
{
    KrValue name = attr_or_absent(t, spec, "name"), origin = KR_ERROR, loader = KR_ERROR, r = KR_ERROR;
    if (name == KR_ERROR || name == KR_ABSENT)
        goto done;
    if ((origin = attr_or_absent(t, spec, "origin")) == KR_ERROR || origin == KR_ABSENT)
        goto done;
    if (origin == KR_NONE) {
        if ((loader = attr_or_absent(t, spec, "loader")) == KR_ERROR || loader == KR_ABSENT)
            goto done;
        r = loader == KR_NONE ? kr_format(t, "<module %R>", name) : kr_format(t, "<module %R (%R)>", name, loader);
        goto done;
    }
    KrValue hl = attr_or_absent(t, spec, "has_location");
    if (hl == KR_ERROR || hl == KR_ABSENT)
        goto done;
    int truth = kr_truth(t, hl);
    kr_decref(t, hl);
    if (truth >= 0)
        r = truth ? kr_format(t, "<module %R from %R>", name, origin) : kr_format(t, "<module %R (%S)>", name, origin);
done:
    if (r == KR_ERROR && !kr_err_occurred(t))
        kr_raise_fmt(t, kr_exc_type(t, AttributeError), "module spec is incomplete");
    kr_xdecref(t, name == KR_ERROR ? KR_NONE : name);
    kr_xdecref(t, origin == KR_ERROR ? KR_NONE : origin);
    kr_xdecref(t, loader == KR_ERROR ? KR_NONE : loader);
    return r;
}

/* ModuleType.__repr__, as importlib's _module_repr: the spec's view, or the
 * loader's module_repr, or the name and file. */
static KrValue module_repr(KrThread *t, KrValue self)
{
    KrValue loader = attr_or_absent(t, self, "__loader__");
    if (loader == KR_ERROR)
        return loader;
    KrValue spec = attr_or_absent(t, self, "__spec__");
    if (spec == KR_ERROR) {
        kr_decref(t, loader);
        return spec;
    }
    if (spec != KR_ABSENT) {
        int truth = kr_truth(t, spec);
        if (truth != 0) {
            KrValue r = truth < 0 ? KR_ERROR : repr_from_spec(t, spec);
            kr_decref(t, spec);
            kr_decref(t, loader);
            return r;
        }
        kr_decref(t, spec);
    }
    if (loader != KR_ABSENT && loader != KR_NONE) {
        KrValue mr = attr_or_absent(t, loader, "module_repr");
        if (mr == KR_ERROR)
            kr_err_clear(t);
        else if (mr != KR_ABSENT) {
            KrValue r = kr_call1(t, mr, self);
            kr_decref(t, mr);
            if (r != KR_ERROR) {
                kr_decref(t, loader);
                return r;
            }
            kr_err_clear(t);
        }
    }
    KrValue name = attr_or_absent(t, self, "__name__");
    if (name == KR_ERROR) {
        kr_decref(t, loader);
        return name;
    }
    if (name == KR_ABSENT)
        name = kr_str_from_cstr(t, "?");
    KrValue file = attr_or_absent(t, self, "__file__"), r;
    if (file == KR_ERROR)
        r = KR_ERROR;
    else if (file != KR_ABSENT)
        r = kr_format(t, "<module %R from %R>", name, file);
    else if (loader == KR_ABSENT || loader == KR_NONE)
        r = kr_format(t, "<module %R>", name);
    else
        r = kr_format(t, "<module %R (%R)>", name, loader);
    kr_xdecref(t, file == KR_ERROR ? KR_NONE : file);
    kr_decref(t, name);
    kr_decref(t, loader);
    return r;
}

static KrValue module_getattr(KrThread *t, KrValue self, KrValue name)
{
    KrValue r = kr_generic_getattr(t, self, name);
    if (r != KR_ERROR || !kr_err_matches(t, kr_exc_type(t, AttributeError)))
        return r;
    KrModule *m = (KrModule *)kr_as_ptr(self);
    /* PEP 562: a module-level __getattr__. */
    KrValue ga = kr_dict_get(t, m->dict, kr_name(t, dunder_getattr));
    if (ga != KR_ABSENT && ga != KR_ERROR) {
        kr_err_clear(t);
        return kr_call1(t, ga, name);
    }
    KrValue mname = kr_dict_get(t, m->dict, kr_name(t, dunder_name));
    if (mname != KR_ABSENT && mname != KR_ERROR && kr_is_str(t, mname)) {
        kr_err_clear(t);
        return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "module '%U' has no attribute '%U'", mname, name);
    }
    kr_err_clear(t);
    return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "module has no attribute '%U'", name);
}

static KrValue module_get_dict(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(((KrModule *)kr_as_ptr(self))->dict);
}

static const KrGetSetDef module_getsets[] = {
    {"__dict__", module_get_dict, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static KrValue module_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    KrModule *m = (KrModule *)kr_alloc(t, type, type->basicsize);
    if (!m)
        return KR_ERROR;
    m->weaklist = KR_ABSENT;
    m->dict = kr_dict_new(t);
    if (m->dict == KR_ERROR) {
        m->dict = KR_ABSENT;
        kr_decref(t, kr_ptr(m));
        return KR_ERROR;
    }
    return kr_ptr(m);
}

static int module_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"name", "doc"};
    static const KrArgSpec spec = {"module", names, 2, 0, 1, 2};
    KrValue a[2];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return -1;
    if (!kr_is_str(t, a[0]))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "module.__init__() argument 'name' must be str, not %T", a[0]);
    KrValue d = ((KrModule *)kr_as_ptr(self))->dict;
    if (kr_dict_set(t, d, kr_name(t, dunder_name), a[0]) < 0 ||
        kr_dict_set(t, d, kr_name(t, dunder_doc), a[1] == KR_ABSENT ? KR_NONE : a[1]) < 0 ||
        kr_dict_set(t, d, kr_name(t, dunder_package), KR_NONE) < 0 ||
        kr_dict_set(t, d, kr_name(t, dunder_loader), KR_NONE) < 0 ||
        kr_dict_set(t, d, kr_name(t, dunder_spec), KR_NONE) < 0)
        return -1;
    return 0;
}

static KrValue module_dir(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    KrValue d = ((KrModule *)kr_as_ptr(self))->dict;
    KrValue f = kr_dict_get(t, d, kr_name(t, dunder_dir));
    if (f != KR_ABSENT && f != KR_ERROR)
        return kr_call0(t, f);
    return kr_dict_keys_list(t, d);
}

static const KrMethodDef module_methods[] = {
    {"__dir__", module_dir, 0, "__dir__() -> list\nspecialized dir() implementation"},
    {NULL, NULL, 0, NULL},
};

static void module_fill(KrType *tp)
{
    tp->dealloc = module_dealloc;
    tp->traverse = module_traverse;
    tp->repr = module_repr;
    tp->getattr = module_getattr;
    tp->new_ = module_new;
    tp->init = module_init;
    tp->dictoffset = offsetof(KrModule, dict);
    tp->weaklistoffset = offsetof(KrModule, weaklist);
}

const KrTypeSpec kr_module_spec = {
    .name = "module",
    .basicsize = sizeof(KrModule),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = module_methods,
    .getsets = module_getsets,
    .fill = module_fill,
    .doc = "Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.",
};

/* ---- types.SimpleNamespace ---- */

typedef struct KrNamespace {
    KrObject ob;
    KrValue dict;
} KrNamespace;

static KrValue ns_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    KrNamespace *n = (KrNamespace *)kr_alloc(t, type, type->basicsize);
    if (!n)
        return KR_ERROR;
    n->dict = kr_dict_new(t);
    if (n->dict == KR_ERROR) {
        n->dict = KR_ABSENT;
        kr_decref(t, kr_ptr(n));
        return KR_ERROR;
    }
    return kr_ptr(n);
}

static int ns_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (nargs)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "no positional arguments expected");
    KrValue d = ((KrNamespace *)kr_as_ptr(self))->dict;
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++)
        if (kr_dict_set(t, d, kr_tuple_items(kwnames)[i], args[nargs + i]) < 0)
            return -1;
    return 0;
}

static void ns_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_clear(t, &((KrNamespace *)o)->dict);
    kr_free_object(t, o);
}

static void ns_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrValue d = ((KrNamespace *)o)->dict;
    if (kr_is_ptr(d))
        visit(kr_as_ptr(d), arg);
}

static KrValue ns_repr(KrThread *t, KrValue self)
{
    KrValue d = ((KrNamespace *)kr_as_ptr(self))->dict;
    const char *name = kr_type(t, self) == kr_builtin_type(t, NAMESPACE) ? "namespace" : kr_typename_of(t, self);
    int r = kr_repr_enter(t, self);
    if (r < 0)
        return KR_ERROR;
    if (r > 0)
        return kr_format(t, "%s(...)", name);
    KrStrBuilder b;
    kr_sb_init(&b);
    kr_sb_append_utf8(t, &b, name, strlen(name));
    kr_sb_append_char(t, &b, '(');
    size_t pos = 0;
    KrValue k, v;
    bool first = true;
    while (kr_dict_next(d, &pos, &k, &v)) {
        if (!kr_is_str(t, k))
            continue;
        if (!first)
            kr_sb_append_ascii(t, &b, ", ", 2);
        first = false;
        kr_sb_append_str(t, &b, k);
        kr_sb_append_char(t, &b, '=');
        KrValue rv = kr_repr(t, v);
        if (rv == KR_ERROR) {
            kr_sb_discard(&b);
            kr_repr_leave(t, self);
            return KR_ERROR;
        }
        kr_sb_append_str(t, &b, rv);
        kr_decref(t, rv);
    }
    kr_sb_append_char(t, &b, ')');
    kr_repr_leave(t, self);
    return kr_sb_finish(t, &b);
}

static KrValue ns_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if ((op != KR_EQ && op != KR_NE) || !kr_type_check(t, b, kr_builtin_type(t, NAMESPACE)))
        return KR_NOTIMPLEMENTED;
    return kr_richcompare(t, ((KrNamespace *)kr_as_ptr(a))->dict, ((KrNamespace *)kr_as_ptr(b))->dict, op);
}

static void ns_fill(KrType *tp)
{
    tp->dealloc = ns_dealloc;
    tp->traverse = ns_traverse;
    tp->new_ = ns_new;
    tp->init = ns_init;
    tp->repr = ns_repr;
    tp->compare = ns_compare;
    tp->hash = kr_hash_not_implemented;
    tp->dictoffset = offsetof(KrNamespace, dict);
}

static KrValue ns_get_dict(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(((KrNamespace *)kr_as_ptr(self))->dict);
}

static const KrGetSetDef ns_getsets[] = {
    {"__dict__", ns_get_dict, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

const KrTypeSpec kr_namespace_spec = {
    .name = "types.SimpleNamespace",
    .basicsize = sizeof(KrNamespace),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .getsets = ns_getsets,
    .fill = ns_fill,
    .doc = "A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)",
};
