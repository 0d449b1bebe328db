/* property, classmethod and staticmethod: the descriptors class bodies
 * build with decorators.
 *
 * All three can be subclassed, so instances are allocated for the type
 * being called (which may be a class that adds a __dict__ or __slots__) and
 * their fields start as KR_ABSENT, CPython's NULL: `classmethod.__new__(
 * classmethod)` makes an object __init__ has not filled yet, and every
 * entry point copes with that. */
#include <stddef.h>
#include <string.h>

#include "objects/objects.h"

/* ---- helpers shared by the three types ---- */

/* An instance of `type` with its C fields zeroed: object's allocator sets
 * up what a derived class adds after our fields (its __dict__ slot), so
 * that logic lives in one place. */
static KrObject *descr_alloc(KrThread *t, KrType *type)
{
    KrValue v = kr_builtin_type(t, OBJECT)->new_(t, type, NULL, 0, 0);
    return v == KR_ERROR ? NULL : kr_as_ptr(v);
}

/* The setter of attributes CPython exposes as read-only members. */
static int descr_readonly(KrThread *t, KrValue self, KrValue value)
{
    (void)self;
    (void)value;
    return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "readonly attribute");
}

/* A member slot that may be unset reads as None. */
static KrValue descr_member(KrValue v)
{
    return v == KR_ABSENT ? KR_NONE : kr_incref(v);
}

/* Does v say it is abstract (a true __isabstractmethod__)?  1, 0, -1.
 * Errors other than a missing attribute propagate, as in abc. */
static int descr_is_abstract(KrThread *t, KrValue v)
{
    if (v == KR_ABSENT)
        return 0;
    KrValue flag;
    int r = kr_lookup_attr(t, v, kr_name(t, dunder_isabstractmethod), &flag);
    if (r <= 0)
        return r;
    r = kr_truth(t, flag);
    kr_decref(t, flag);
    return r;
}

static void descr_visit(KrValue v, KrVisitFn visit, void *arg)
{
    if (kr_is_ptr(v))
        visit(kr_as_ptr(v), arg);
}

/* ------------------------------------------------------------------ */
/* property                                                           */
/* ------------------------------------------------------------------ */

static inline KrProperty *prop_of(KrValue v) { return (KrProperty *)kr_as_ptr(v); }

/* The class name error messages show (CPython's PyType_GetQualName): the
 * qualified name of a class, the last dotted part of a built-in's name. */
static KrValue prop_qualname(KrThread *t, KrType *tp)
{
    if ((tp->flags & KR_TPFLAG_HEAPTYPE) && kr_is_str(t, tp->ht_qualname))
        return kr_incref(tp->ht_qualname);
    const char *dot = strrchr(tp->name, '.');
    return kr_str_from_cstr(t, dot ? dot + 1 : tp->name);
}

/* "property 'x' of 'C' object has no setter": the name appears once
 * __set_name__ has told the property what it is called. */
static KrValue prop_missing(KrThread *t, KrProperty *p, KrValue obj, const char *what)
{
    KrValue qual = prop_qualname(t, kr_type(t, obj));
    if (qual == KR_ERROR)
        return KR_ERROR;
    KrType *exc = kr_exc_type(t, AttributeError);
    if (p->name != KR_ABSENT)
        kr_raise_fmt(t, exc, "property %R of %R object has no %s", p->name, qual, what);
    else
        kr_raise_fmt(t, exc, "property of %R object has no %s", qual, what);
    kr_decref(t, qual);
    return KR_ERROR;
}

static KrValue property_descr_get(KrThread *t, KrValue self, KrValue obj, KrValue type)
{
    (void)type;
    if (obj == KR_ABSENT || obj == KR_NONE)
        return kr_incref(self);
    KrProperty *p = prop_of(self);
    if (p->fget == KR_ABSENT)
        return prop_missing(t, p, obj, "getter");
    return kr_call1(t, p->fget, obj);
}

static int property_descr_set(KrThread *t, KrValue self, KrValue obj, KrValue value)
{
    KrProperty *p = prop_of(self);
    bool del = value == KR_ABSENT;
    KrValue fn = del ? p->fdel : p->fset;
    if (fn == KR_ABSENT) {
        prop_missing(t, p, obj, del ? "deleter" : "setter");
        return -1;
    }
    KrValue r = del ? kr_call1(t, fn, obj) : kr_call2(t, fn, obj, value);
    if (r == KR_ERROR)
        return -1;
    kr_decref(t, r);
    return 0;
}

static KrValue property_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs,
                            KrValue kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    KrProperty *p = (KrProperty *)descr_alloc(t, type);
    if (!p)
        return KR_ERROR;
    p->fget = p->fset = p->fdel = p->doc = p->name = KR_ABSENT;
    return kr_ptr(p);
}

static const char *const property_arg_names[] = {"fget", "fset", "fdel", "doc"};
static const KrArgSpec property_args = {
    .fname = "property", .names = property_arg_names, .nnames = 4,
    .npositional_only = 0, .nrequired = 0, .nkw_only_start = 4,
};

/* property(fget=None, fset=None, fdel=None, doc=None).  Called again on a
 * live property it starts over: the name set by __set_name__ is dropped. */
static int property_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                         KrValue kwnames)
{
    KrValue a[4];
    /* property() keeps PyArg_ParseTupleAndKeywords's messages. */
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nkw && nargs + nkw > 4)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "property() takes at most 4 %sarguments (%zu given)",
                                nargs == 0 ? "keyword " : "", nargs + nkw);
    for (size_t k = 0; k < nkw; k++) {
        KrValue kn = kr_tuple_items(kwnames)[k];
        bool known = false;
        for (int i = 0; i < 4 && !known; i++)
            known = kr_str_equal_cstr(kn, property_arg_names[i]);
        if (!known)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for property()", kn);
    }
    if (kr_parse_args(t, &property_args, args, nargs, kwnames, a) < 0)
        return -1;
    KrProperty *p = prop_of(self);
    for (int i = 0; i < 3; i++)
        if (a[i] == KR_NONE)
            a[i] = KR_ABSENT;
    kr_assign(t, &p->fget, a[0]);
    kr_assign(t, &p->fset, a[1]);
    kr_assign(t, &p->fdel, a[2]);
    kr_assign(t, &p->doc, a[3]);
    kr_clear(t, &p->name);
    p->getter_doc = false;

    if ((a[3] != KR_ABSENT && a[3] != KR_NONE) || p->fget == KR_ABSENT)
        return 0;
    /* No doc given: the getter's docstring becomes the property's. */
    KrValue doc;
    int r = kr_lookup_attr(t, p->fget, kr_name(t, dunder_doc), &doc);
    if (r <= 0)
        return r;
    if (kr_type(t, self) == kr_builtin_type(t, PROPERTY)) {
        kr_assign(t, &p->doc, doc);
    } else {
        /* In a subclass, the class's own __doc__ (None when it has no
         * docstring) is found before property's __doc__ member, so the doc
         * goes in the instance dict where it wins.  3.11 does this only
         * for a doc taken from the getter, and fails when the subclass
         * has no __dict__. */
        r = kr_setattr(t, self, kr_name(t, dunder_doc), doc);
        if (r < 0) {
            kr_decref(t, doc);
            return -1;
        }
    }
    kr_decref(t, doc);
    p->getter_doc = true;
    return 0;
}

/* getter()/setter()/deleter(): a copy made by calling the property's own
 * type, with one function replaced (KR_ABSENT for the ones kept). */
static KrValue property_copy(KrThread *t, KrValue self, KrValue get, KrValue set, KrValue del)
{
    KrProperty *p = prop_of(self);
    if (get == KR_ABSENT || get == KR_NONE)
        get = p->fget == KR_ABSENT ? KR_NONE : p->fget;
    if (set == KR_ABSENT || set == KR_NONE)
        set = p->fset == KR_ABSENT ? KR_NONE : p->fset;
    if (del == KR_ABSENT || del == KR_NONE)
        del = p->fdel == KR_ABSENT ? KR_NONE : p->fdel;
    KrValue doc;
    if (p->getter_doc && get != KR_NONE)
        doc = KR_NONE;          /* the new getter's docstring is used */
    else
        doc = p->doc == KR_ABSENT ? KR_NONE : p->doc;
    KrValue args[4] = {get, set, del, doc};
    KrValue r = kr_call(t, kr_type_value(kr_type(t, self)), args, 4, 0);
    if (r == KR_ERROR)
        return r;
    if (kr_type_check(t, r, kr_builtin_type(t, PROPERTY))) {
        KrProperty *np = prop_of(r);
        kr_assign(t, &np->name, p->name);
    }
    return r;
}

static int property_one_arg(KrThread *t, const char *method, size_t nargs)
{
    if (nargs == 1)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                            "property.%s() takes exactly one argument (%zu given)", method, nargs);
}

static KrValue property_getter(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                               KrValue kwnames)
{
    (void)kwnames;
    if (property_one_arg(t, "getter", nargs) < 0)
        return KR_ERROR;
    return property_copy(t, self, args[0], KR_ABSENT, KR_ABSENT);
}

static KrValue property_setter(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                               KrValue kwnames)
{
    (void)kwnames;
    if (property_one_arg(t, "setter", nargs) < 0)
        return KR_ERROR;
    return property_copy(t, self, KR_ABSENT, args[0], KR_ABSENT);
}

static KrValue property_deleter(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                KrValue kwnames)
{
    (void)kwnames;
    if (property_one_arg(t, "deleter", nargs) < 0)
        return KR_ERROR;
    return property_copy(t, self, KR_ABSENT, KR_ABSENT, args[0]);
}

static KrValue property_set_name(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                 KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 2)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                            "__set_name__() takes 2 positional arguments but %zu were given", nargs);
    kr_assign(t, &prop_of(self)->name, args[1]);
    return KR_NONE;
}

static KrValue property_get_fget(KrThread *t, KrValue self) { (void)t; return descr_member(prop_of(self)->fget); }
static KrValue property_get_fset(KrThread *t, KrValue self) { (void)t; return descr_member(prop_of(self)->fset); }
static KrValue property_get_fdel(KrThread *t, KrValue self) { (void)t; return descr_member(prop_of(self)->fdel); }
static KrValue property_get_doc(KrThread *t, KrValue self) { (void)t; return descr_member(prop_of(self)->doc); }

static int property_set_doc(KrThread *t, KrValue self, KrValue value)
{
    /* A writable member: deleting leaves it unset (reads as None). */
    kr_assign(t, &prop_of(self)->doc, value);
    return 0;
}

static KrValue property_get_abstract(KrThread *t, KrValue self)
{
    KrProperty *p = prop_of(self);
    KrValue fns[3] = {p->fget, p->fset, p->fdel};
    for (int i = 0; i < 3; i++) {
        int r = descr_is_abstract(t, fns[i]);
        if (r < 0)
            return KR_ERROR;
        if (r)
            return KR_TRUE;
    }
    return KR_FALSE;
}

static void property_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrProperty *p = (KrProperty *)o;
    descr_visit(p->fget, visit, arg);
    descr_visit(p->fset, visit, arg);
    descr_visit(p->fdel, visit, arg);
    descr_visit(p->doc, visit, arg);
    descr_visit(p->name, visit, arg);
}

static void property_clear(KrThread *t, KrObject *o)
{
    KrProperty *p = (KrProperty *)o;
    kr_clear(t, &p->fget);
    kr_clear(t, &p->fset);
    kr_clear(t, &p->fdel);
    kr_clear(t, &p->doc);
    kr_clear(t, &p->name);
}

static void property_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    property_clear(t, o);
    kr_free_object(t, o);
}

static const KrMethodDef property_methods[] = {
    {"getter", property_getter, 0, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", property_setter, 0, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", property_deleter, 0, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", property_set_name, 0, "Method to set name of a property."},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef property_getsets[] = {
    {"fget", property_get_fget, descr_readonly, NULL},
    {"fset", property_get_fset, descr_readonly, NULL},
    {"fdel", property_get_fdel, descr_readonly, NULL},
    {"__doc__", property_get_doc, property_set_doc, NULL},
    {"__isabstractmethod__", property_get_abstract, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void property_fill(KrType *tp)
{
    tp->dealloc = property_dealloc;
    tp->traverse = property_traverse;
    tp->clear = property_clear;
    tp->new_ = property_new;
    tp->init = property_init;
    tp->descr_get = property_descr_get;
    tp->descr_set = property_descr_set;
}

const KrTypeSpec kr_property_spec = {
    .name = "property",
    .basicsize = sizeof(KrProperty),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .methods = property_methods,
    .getsets = property_getsets,
    .fill = property_fill,
    .doc = "Property attribute.\n\n"
           "  fget\n    function to be used for getting an attribute value\n"
           "  fset\n    function to be used for setting an attribute value\n"
           "  fdel\n    function to be used for del'ing an attribute\n"
           "  doc\n    docstring\n\n"
           "Typical use is to define a managed attribute x:\n\n"
           "class C(object):\n"
           "    def getx(self): return self._x\n"
           "    def setx(self, value): self._x = value\n"
           "    def delx(self): del self._x\n"
           "    x = property(getx, setx, delx, \"I'm the 'x' property.\")\n\n"
           "Decorators make defining new properties or modifying existing ones easy:\n\n"
           "class C(object):\n"
           "    @property\n"
           "    def x(self):\n"
           "        \"I am the 'x' property.\"\n"
           "        return self._x\n"
           "    @x.setter\n"
           "    def x(self, value):\n"
           "        self._x = value\n"
           "    @x.deleter\n"
           "    def x(self):\n"
           "        del self._x",
};

/* ------------------------------------------------------------------ */
/* classmethod and staticmethod                                       */
/* ------------------------------------------------------------------ */

static inline KrStaticOrClassMethod *scm_of(KrValue v) { return (KrStaticOrClassMethod *)kr_as_ptr(v); }

static KrValue scm_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    KrStaticOrClassMethod *m = (KrStaticOrClassMethod *)descr_alloc(t, type);
    if (!m)
        return KR_ERROR;
    m->callable = KR_ABSENT;
    m->dict = KR_ABSENT;
    return kr_ptr(m);
}

/* The attributes functools.wraps would copy (WRAPPER_ASSIGNMENTS), so the
 * wrapper looks like the function: they land in the wrapper's __dict__. */
static int scm_wraps(KrThread *t, KrValue self, KrValue wrapped)
{
    static const KrNameId names[] = {
        KR_N_dunder_module, KR_N_dunder_name, KR_N_dunder_qualname, KR_N_dunder_doc,
        KR_N_dunder_annotations,
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        KrValue name = t->vm->names[names[i]];
        KrValue v;
        int r = kr_lookup_attr(t, wrapped, name, &v);
        if (r < 0)
            return -1;
        if (r == 0)
            continue;
        r = kr_setattr(t, self, name, v);
        kr_decref(t, v);
        if (r < 0)
            return -1;
    }
    return 0;
}

static int scm_init(KrThread *t, const char *fname, KrValue self, const KrValue *args, size_t nargs,
                    KrValue kwnames)
{
    if (kr_no_kwargs(t, fname, kwnames) < 0 || kr_check_nargs(t, fname, nargs, 1, 1) < 0)
        return -1;
    kr_assign(t, &scm_of(self)->callable, args[0]);
    return scm_wraps(t, self, args[0]);
}

static int classmethod_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return scm_init(t, "classmethod", self, args, nargs, kwnames);
}

static int staticmethod_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return scm_init(t, "staticmethod", self, args, nargs, kwnames);
}

static KrValue scm_uninitialized(KrThread *t, const char *what)
{
    return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "uninitialized %s object", what);
}

/* A class method binds to the class: the owner, or the instance's type.
 * When the wrapped object is itself a descriptor it is asked to bind to
 * the class instead (3.9-3.12 chaining: classmethod(property(f)) makes a
 * class property). */
static KrValue classmethod_descr_get(KrThread *t, KrValue self, KrValue obj, KrValue type)
{
    KrStaticOrClassMethod *m = scm_of(self);
    if (m->callable == KR_ABSENT)
        return scm_uninitialized(t, "classmethod");
    if (type == KR_ABSENT || type == KR_NONE) {
        if (obj == KR_ABSENT || obj == KR_NONE)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__get__(None, None) is invalid");
        type = kr_type_value(kr_type(t, obj));
    }
    KrType *ct = kr_type(t, m->callable);
    if (ct->descr_get)
        return ct->descr_get(t, m->callable, type, type);
    return kr_method_new(t, m->callable, type);
}

static KrValue staticmethod_descr_get(KrThread *t, KrValue self, KrValue obj, KrValue type)
{
    (void)obj;
    (void)type;
    KrStaticOrClassMethod *m = scm_of(self);
    if (m->callable == KR_ABSENT)
        return scm_uninitialized(t, "staticmethod");
    return kr_incref(m->callable);
}

/* staticmethod objects are callable since 3.10. */
static KrValue staticmethod_call(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                 KrValue kwnames)
{
    KrStaticOrClassMethod *m = scm_of(self);
    if (m->callable == KR_ABSENT)
        return scm_uninitialized(t, "staticmethod");
    return kr_call(t, m->callable, args, nargs, kwnames);
}

static KrValue scm_repr(KrThread *t, KrValue self)
{
    /* Subclasses show the base's name too, as in CPython. */
    KrStaticOrClassMethod *m = scm_of(self);
    const char *name = kr_type_check(t, self, kr_builtin_type(t, CLASSMETHOD)) ? "classmethod" : "staticmethod";
    if (m->callable == KR_ABSENT)
        return kr_format(t, "<%s(<NULL>)>", name);
    return kr_format(t, "<%s(%R)>", name, m->callable);
}

static KrValue scm_get_func(KrThread *t, KrValue self)
{
    (void)t;
    return descr_member(scm_of(self)->callable);
}

static KrValue scm_get_abstract(KrThread *t, KrValue self)
{
    int r = descr_is_abstract(t, scm_of(self)->callable);
    return r < 0 ? KR_ERROR : kr_bool(r);
}

static KrValue scm_get_dict(KrThread *t, KrValue self)
{
    KrStaticOrClassMethod *m = scm_of(self);
    if (m->dict == KR_ABSENT) {
        KrValue d = kr_dict_new(t);
        if (d == KR_ERROR)
            return d;
        m->dict = d;
    }
    return kr_incref(m->dict);
}

static int scm_set_dict(KrThread *t, KrValue self, KrValue value)
{
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "cannot delete __dict__");
    if (!kr_is_dict(t, value))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "__dict__ must be set to a dictionary, not a '%T'", value);
    kr_assign(t, &scm_of(self)->dict, value);
    return 0;
}

static void scm_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrStaticOrClassMethod *m = (KrStaticOrClassMethod *)o;
    descr_visit(m->callable, visit, arg);
    descr_visit(m->dict, visit, arg);
}

static void scm_clear(KrThread *t, KrObject *o)
{
    KrStaticOrClassMethod *m = (KrStaticOrClassMethod *)o;
    kr_clear(t, &m->callable);
    kr_clear(t, &m->dict);
}

static void scm_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    scm_clear(t, o);
    kr_free_object(t, o);
}

static const KrGetSetDef scm_getsets[] = {
    {"__func__", scm_get_func, descr_readonly, NULL},
    {"__wrapped__", scm_get_func, descr_readonly, NULL},
    {"__isabstractmethod__", scm_get_abstract, NULL, NULL},
    {"__dict__", scm_get_dict, scm_set_dict, NULL},
    {NULL, NULL, NULL, NULL},
};

static void scm_fill(KrType *tp)
{
    tp->dealloc = scm_dealloc;
    tp->traverse = scm_traverse;
    tp->clear = scm_clear;
    tp->new_ = scm_new;
    tp->repr = scm_repr;
    tp->dictoffset = offsetof(KrStaticOrClassMethod, dict);
}

static void classmethod_fill(KrType *tp)
{
    scm_fill(tp);
    tp->init = classmethod_init;
    tp->descr_get = classmethod_descr_get;
}

static void staticmethod_fill(KrType *tp)
{
    scm_fill(tp);
    tp->init = staticmethod_init;
    tp->descr_get = staticmethod_descr_get;
    tp->call = staticmethod_call;
}

const KrTypeSpec kr_classmethod_spec = {
    .name = "classmethod",
    .basicsize = sizeof(KrStaticOrClassMethod),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .getsets = scm_getsets,
    .fill = classmethod_fill,
    .doc = "classmethod(function) -> method\n\n"
           "Convert a function to be a class method.\n\n"
           "A class method receives the class as implicit first argument,\n"
           "just like an instance method receives the instance.\n"
           "To declare a class method, use this idiom:\n\n"
           "  class C:\n"
           "      @classmethod\n"
           "      def f(cls, arg1, arg2, ...):\n"
           "          ...\n\n"
           "It can be called either on the class (e.g. C.f()) or on an instance\n"
           "(e.g. C().f()).  The instance is ignored except for its class.\n"
           "If a class method is called for a derived class, the derived class\n"
           "object is passed as the implied first argument.\n\n"
           "Class methods are different than C++ or Java static methods.\n"
           "If you want those, see the staticmethod builtin.",
};

const KrTypeSpec kr_staticmethod_spec = {
    .name = "staticmethod",
    .basicsize = sizeof(KrStaticOrClassMethod),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .getsets = scm_getsets,
    .fill = staticmethod_fill,
    .doc = "staticmethod(function) -> method\n\n"
           "Convert a function to be a static method.\n\n"
           "A static method does not receive an implicit first argument.\n"
           "To declare a static method, use this idiom:\n\n"
           "     class C:\n"
           "         @staticmethod\n"
           "         def f(arg1, arg2, ...):\n"
           "             ...\n\n"
           "It can be called either on the class (e.g. C.f()) or on an instance\n"
           "(e.g. C().f()). Both the class and the instance are ignored, and\n"
           "neither is passed implicitly as the first argument to the method.\n\n"
           "Static methods in Python are similar to those found in Java or C++.\n"
           "For a more advanced concept, see the classmethod builtin.",
};
