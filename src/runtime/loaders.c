/* The objects the import system hangs on modules: ModuleSpec (__spec__),
 * SourceFileLoader (__loader__ of modules read from .py files) and
 * BuiltinImporter (the loader of sys, builtins and `-c` programs).  In
 * CPython these are Python classes of importlib; here they are small C
 * types with the attributes and methods programs look at. */
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"

/* Instances of both classes are little more than a __dict__. */
typedef struct KrDictObject {
    KrObject ob;
    KrValue dict;
    bool has_location; /* ModuleSpec only */
} KrDictObject;

static KrValue dictobj_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    KrDictObject *o = (KrDictObject *)kr_alloc(t, type, type->basicsize);
    if (!o)
        return KR_ERROR;
    o->dict = kr_dict_new(t);
    if (o->dict == KR_ERROR) {
        o->dict = KR_ABSENT;
        kr_decref(t, kr_ptr(o));
        return KR_ERROR;
    }
    return kr_ptr(o);
}

static void dictobj_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_clear(t, &((KrDictObject *)o)->dict);
    kr_free_object(t, o);
}

static void dictobj_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrValue d = ((KrDictObject *)o)->dict;
    if (kr_is_ptr(d))
        visit(kr_as_ptr(d), arg);
}

static KrValue dict_attr(KrThread *t, KrValue self, const char *name)
{
    KrValue v = kr_dict_get_cstr(t, ((KrDictObject *)kr_as_ptr(self))->dict, name);
    return v == KR_ABSENT ? KR_NONE : v;
}

static KrValue dictobj_get_dict(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(((KrDictObject *)kr_as_ptr(self))->dict);
}

/* ---- ModuleSpec ---- */

static int spec_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"name", "loader", "origin", "loader_state", "is_package"};
    static const KrArgSpec spec = {"ModuleSpec", names, 5, 0, 2, 2};
    KrValue a[5];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return -1;
    for (int i = 2; i < 5; i++)
        if (a[i] == KR_ABSENT)
            a[i] = KR_NONE;
    KrValue d = ((KrDictObject *)kr_as_ptr(self))->dict;
    KrValue locations = KR_NONE;
    if (a[4] != KR_NONE) {
        int truth = kr_truth(t, a[4]);
        if (truth < 0)
            return -1;
        if (truth && (locations = kr_list_new(t, 0)) == KR_ERROR)
            return -1;
    }
    int ok = kr_dict_set_cstr(t, d, "name", a[0]) | kr_dict_set_cstr(t, d, "loader", a[1]) |
             kr_dict_set_cstr(t, d, "origin", a[2]) | kr_dict_set_cstr(t, d, "loader_state", a[3]) |
             kr_dict_set_cstr(t, d, "submodule_search_locations", locations) |
             kr_dict_set_cstr(t, d, "cached", KR_NONE);
    kr_decref(t, locations);
    return ok ? -1 : 0;
}

static KrValue spec_repr(KrThread *t, KrValue self)
{
    KrValue origin = dict_attr(t, self, "origin"), locs = dict_attr(t, self, "submodule_search_locations");
    if (origin == KR_ERROR || locs == KR_ERROR)
        return KR_ERROR;
    KrValue base = kr_format(t, "%s(name=%R, loader=%R", kr_type(t, self)->name, dict_attr(t, self, "name"),
                             dict_attr(t, self, "loader"));
    if (base == KR_ERROR)
        return base;
    KrValue o = origin == KR_NONE ? kr_str_from_cstr(t, "") : kr_format(t, ", origin=%R", origin);
    KrValue l = locs == KR_NONE ? kr_str_from_cstr(t, "") : kr_format(t, ", submodule_search_locations=%R", locs);
    KrValue r = o == KR_ERROR || l == KR_ERROR ? KR_ERROR : kr_format(t, "%U%U%U)", base, o, l);
    kr_decref(t, base);
    kr_xdecref(t, o);
    kr_xdecref(t, l);
    return r;
}

static KrValue spec_get_parent(KrThread *t, KrValue self)
{
    KrValue name = dict_attr(t, self, "name"), locs = dict_attr(t, self, "submodule_search_locations");
    if (name == KR_ERROR || locs == KR_ERROR)
        return KR_ERROR;
    if (!kr_is_str(t, name) || locs != KR_NONE)
        return kr_incref(name);
    KrStr *s = kr_as_str(name);
    size_t dot = s->len;
    while (dot > 0 && kr_str_char(s, dot - 1) != '.')
        dot--;
    return dot ? kr_str_substr(t, name, 0, dot - 1) : kr_str_from_cstr(t, "");
}

static KrValue spec_get_has_location(KrThread *t, KrValue self)
{
    (void)t;
    return kr_bool(((KrDictObject *)kr_as_ptr(self))->has_location);
}

static int spec_set_has_location(KrThread *t, KrValue self, KrValue value)
{
    int truth = value == KR_ABSENT ? 0 : kr_truth(t, value);
    if (truth < 0)
        return -1;
    ((KrDictObject *)kr_as_ptr(self))->has_location = truth;
    return 0;
}

static const KrGetSetDef spec_getsets[] = {
    {"parent", spec_get_parent, NULL, "The name of the module's parent."},
    {"has_location", spec_get_has_location, spec_set_has_location, NULL},
    {"__dict__", dictobj_get_dict, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void spec_fill(KrType *tp)
{
    tp->dealloc = dictobj_dealloc;
    tp->traverse = dictobj_traverse;
    tp->new_ = dictobj_new;
    tp->init = spec_init;
    tp->repr = spec_repr;
    tp->dictoffset = offsetof(KrDictObject, dict);
}

const KrTypeSpec kr_module_spec_spec = {
    .name = "_frozen_importlib.ModuleSpec",
    .basicsize = sizeof(KrDictObject),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .getsets = spec_getsets,
    .fill = spec_fill,
    .doc = "The specification for a module, used for loading.",
};

/* ---- SourceFileLoader ---- */

static int sfl_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"fullname", "path"};
    static const KrArgSpec spec = {"SourceFileLoader", names, 2, 0, 2, 2};
    KrValue a[2];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return -1;
    KrValue d = ((KrDictObject *)kr_as_ptr(self))->dict;
    return kr_dict_set_cstr(t, d, "name", a[0]) | kr_dict_set_cstr(t, d, "path", a[1]) ? -1 : 0;
}

static KrValue sfl_get_filename(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_filename", nargs, 0, 1) < 0)
        return KR_ERROR;
    return kr_incref(dict_attr(t, self, "path"));
}

static KrValue sfl_is_package(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "is_package", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue path = dict_attr(t, self, "path");
    const char *p = kr_is_str(t, path) ? kr_str_utf8(t, path, NULL) : NULL;
    if (!p)
        return KR_FALSE;
    const char *base = strrchr(p, '/');
    return kr_bool(strcmp(base ? base + 1 : p, "__init__.py") == 0);
}

static KrValue sfl_get_source(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_source", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue path = dict_attr(t, self, "path");
    const char *p = kr_is_str(t, path) ? kr_str_utf8(t, path, NULL) : NULL;
    if (!p)
        return KR_ERROR;
    FILE *f = fopen(p, "rb");
    if (!f)
        return kr_raise_fmt(t, kr_exc_type(t, ImportError), "source not available through get_data()");
    KrStrBuilder b;
    kr_sb_init(&b);
    char buf[8192];
    size_t n;
    int st = 0;
    while (st == 0 && (n = fread(buf, 1, sizeof buf, f)) > 0)
        st = kr_sb_append_utf8(t, &b, buf, n);
    fclose(f);
    if (st < 0) {
        kr_sb_discard(&b);
        return KR_ERROR;
    }
    return kr_sb_finish(t, &b);
}

static KrValue return_none(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return KR_NONE;
}

static const KrMethodDef sfl_methods[] = {
    {"get_filename", sfl_get_filename, 0, NULL},
    {"is_package", sfl_is_package, 0, NULL},
    {"get_source", sfl_get_source, 0, NULL},
    {"create_module", return_none, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef sfl_getsets[] = {
    {"__dict__", dictobj_get_dict, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void sfl_fill(KrType *tp)
{
    tp->dealloc = dictobj_dealloc;
    tp->traverse = dictobj_traverse;
    tp->new_ = dictobj_new;
    tp->init = sfl_init;
    tp->dictoffset = offsetof(KrDictObject, dict);
}

const KrTypeSpec kr_source_file_loader_spec = {
    .name = "_frozen_importlib_external.SourceFileLoader",
    .basicsize = sizeof(KrDictObject),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = sfl_methods,
    .getsets = sfl_getsets,
    .fill = sfl_fill,
    .doc = "Concrete implementation of SourceLoader using the file system.",
};

/* ---- BuiltinImporter: the class itself is the loader ---- */

static KrValue bi_module_repr(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "module_repr", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue name = kr_getattr(t, args[0], kr_name(t, dunder_name));
    if (name == KR_ERROR)
        return name;
    KrValue r = kr_format(t, "<module %R (built-in)>", name);
    kr_decref(t, name);
    return r;
}

static KrValue bi_false(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return KR_FALSE;
}

static KrValue bi_find_spec(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "find_spec", nargs, 1, 3) < 0)
        return KR_ERROR;
    KrValue names = kr_getattr_cstr(t, t->vm->sys, "builtin_module_names");
    if (names == KR_ERROR)
        return names;
    int found = kr_contains(t, names, args[0]);
    kr_decref(t, names);
    if (found <= 0)
        return found < 0 ? KR_ERROR : KR_NONE;
    return kr_module_spec_new(t, args[0], self, "built-in", false);
}

static const KrMethodDef bi_methods[] = {
    {"module_repr", bi_module_repr, KR_METH_STATIC, "Return repr for the module."},
    {"find_spec", bi_find_spec, KR_METH_CLASS, NULL},
    {"is_package", bi_false, KR_METH_CLASS, "Return False as built-in modules are never packages."},
    {"get_code", return_none, KR_METH_CLASS, "Return None as built-in modules do not have code objects."},
    {"get_source", return_none, KR_METH_CLASS, "Return None as built-in modules do not have source code."},
    {"create_module", return_none, KR_METH_CLASS, NULL},
    {"exec_module", return_none, KR_METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

const KrTypeSpec kr_builtin_importer_spec = {
    .name = "_frozen_importlib.BuiltinImporter",
    .basicsize = sizeof(KrObject),
    .flags = KR_TPFLAG_BASETYPE,
    .methods = bi_methods,
    .doc = "Meta path import for built-in modules.",
};

/* ---- helpers for the import system ---- */

KrValue kr_module_spec_new(KrThread *t, KrValue name, KrValue loader, const char *origin, bool has_location)
{
    KrValue args[3] = {name, loader, KR_NONE};
    if (origin && (args[2] = kr_str_from_cstr(t, origin)) == KR_ERROR)
        return KR_ERROR;
    KrValue kw = kr_tuple_pack(t, 1, kr_str_intern_cstr(t, "origin"));
    KrValue spec = kw == KR_ERROR ? KR_ERROR : kr_call(t, kr_ptr(kr_builtin_type(t, MODULE_SPEC)), args, 2, kw);
    kr_xdecref(t, kw == KR_ERROR ? KR_NONE : kw);
    kr_decref(t, args[2]);
    if (spec != KR_ERROR)
        ((KrDictObject *)kr_as_ptr(spec))->has_location = has_location;
    return spec;
}

KrValue kr_source_loader_new(KrThread *t, KrValue name, KrValue path)
{
    KrValue args[2] = {name, path};
    return kr_call(t, kr_ptr(kr_builtin_type(t, SOURCE_FILE_LOADER)), args, 2, 0);
}

int kr_module_set_builtin_spec(KrThread *t, KrValue module)
{
    KrValue d = ((KrModule *)kr_as_ptr(module))->dict;
    KrValue loader = kr_ptr(kr_builtin_type(t, BUILTIN_IMPORTER));
    KrValue name = kr_dict_get(t, d, kr_name(t, dunder_name));
    if (name == KR_ERROR || name == KR_ABSENT)
        return -1;
    KrValue spec = kr_module_spec_new(t, name, loader, "built-in", false);
    if (spec == KR_ERROR)
        return -1;
    int r = kr_dict_set(t, d, kr_name(t, dunder_loader), loader) | kr_dict_set(t, d, kr_name(t, dunder_spec), spec) |
            kr_dict_set(t, d, kr_name(t, dunder_package), t->vm->empty_str);
    kr_decref(t, spec);
    return r ? -1 : 0;
}
