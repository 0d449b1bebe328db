/* Functions and attributes written in C, as Python sees them: built-in
 * functions and methods, bound methods, and the descriptors that put C
 * methods, C-computed attributes, __slots__ members and C slots
 * (wrapper descriptors) into type dicts. */
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"
#include "objects/typeslots.h"

static KrValue type_error(KrThread *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kr_raise_vfmt(t, kr_exc_type(t, TypeError), fmt, ap);
    va_end(ap);
    return KR_ERROR;
}

/* Calls a C method with CPython's "takes no keyword arguments" check. */
static KrValue call_def(KrThread *t, KrType *owner, const KrMethodDef *def, KrValue self, const KrValue *args,
                        size_t nargs, KrValue kwnames)
{
    if (!(def->flags & KR_METH_KEYWORDS) && kwnames && kr_tuple_len(kwnames) > 0) {
        if (owner)
            return type_error(t, "%s.%s() takes no keyword arguments", kr_type_name(owner), def->name);
        return type_error(t, "%s() takes no keyword arguments", def->name);
    }
    return def->fn(t, self, args, nargs, kwnames);
}

/* ---- builtin_function_or_method ---- */

KrValue kr_builtin_function_new(KrThread *t, const KrMethodDef *def, KrValue self, KrValue module)
{
    KrBuiltinFunction *f = (KrBuiltinFunction *)kr_alloc(t, kr_builtin_type(t, BUILTIN_FUNCTION),
                                                         sizeof(KrBuiltinFunction));
    if (!f)
        return KR_ERROR;
    f->def = def;
    f->self = kr_incref(self);
    f->module = kr_incref(module);
    f->qualname_prefix = KR_ABSENT;
    return kr_ptr(f);
}

static void builtin_dealloc(KrThread *t, KrObject *o)
{
    KrBuiltinFunction *f = (KrBuiltinFunction *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &f->self);
    kr_clear(t, &f->module);
    kr_clear(t, &f->qualname_prefix);
    kr_free_object(t, o);
}

static void builtin_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrBuiltinFunction *f = (KrBuiltinFunction *)o;
    if (kr_is_ptr(f->self))
        visit(kr_as_ptr(f->self), arg);
    if (kr_is_ptr(f->module))
        visit(kr_as_ptr(f->module), arg);
}

static bool builtin_is_method(KrThread *t, KrBuiltinFunction *f)
{
    return f->self != KR_ABSENT && !kr_is_none(f->self) &&
           kr_type(t, f->self) != kr_builtin_type(t, MODULE);
}

static KrValue builtin_call(KrThread *t, KrValue callable, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrBuiltinFunction *f = (KrBuiltinFunction *)kr_as_ptr(callable);
    KrValue self = f->self == KR_ABSENT ? KR_NONE : f->self;
    KrType *owner = NULL;
    if (builtin_is_method(t, f))
        owner = kr_has_flag(t, f->self, KR_TPFLAG_TYPE_SUBCLASS) ? kr_as_type(f->self) : kr_type(t, f->self);
    return call_def(t, owner, f->def, self, args, nargs, kwnames);
}

static KrValue builtin_repr(KrThread *t, KrValue self)
{
    KrBuiltinFunction *f = (KrBuiltinFunction *)kr_as_ptr(self);
    if (!builtin_is_method(t, f))
        return kr_format(t, "<built-in function %s>", f->def->name);
    if (kr_has_flag(t, f->self, KR_TPFLAG_TYPE_SUBCLASS) && (f->def->flags & KR_METH_CLASS))
        return kr_format(t, "<built-in method %s of type object at %p>", f->def->name, (void *)kr_as_ptr(f->self));
    if (kr_is_ptr(f->self))
        return kr_format(t, "<built-in method %s of %T object at %p>", f->def->name, f->self,
                         (void *)kr_as_ptr(f->self));
    return kr_format(t, "<built-in method %s of %T object>", f->def->name, f->self);
}

static KrValue builtin_get_name(KrThread *t, KrValue self)
{
    return kr_str_from_cstr(t, ((KrBuiltinFunction *)kr_as_ptr(self))->def->name);
}

static KrValue builtin_get_qualname(KrThread *t, KrValue self)
{
    KrBuiltinFunction *f = (KrBuiltinFunction *)kr_as_ptr(self);
    if (!builtin_is_method(t, f))
        return kr_str_from_cstr(t, f->def->name);
    KrType *owner = kr_has_flag(t, f->self, KR_TPFLAG_TYPE_SUBCLASS) ? kr_as_type(f->self) : kr_type(t, f->self);
    return kr_format(t, "%s.%s", kr_type_name(owner), f->def->name);
}

static KrValue builtin_get_self(KrThread *t, KrValue self)
{
    (void)t;
    KrBuiltinFunction *f = (KrBuiltinFunction *)kr_as_ptr(self);
    return f->self == KR_ABSENT ? KR_NONE : kr_incref(f->self);
}

static KrValue builtin_get_module(KrThread *t, KrValue self)
{
    (void)t;
    KrBuiltinFunction *f = (KrBuiltinFunction *)kr_as_ptr(self);
    return f->module == KR_ABSENT ? KR_NONE : kr_incref(f->module);
}

static int builtin_set_module(KrThread *t, KrValue self, KrValue value)
{
    KrBuiltinFunction *f = (KrBuiltinFunction *)kr_as_ptr(self);
    kr_assign(t, &f->module, value == KR_ABSENT ? KR_NONE : value);
    return 0;
}

/* CPython's internal docstrings may start with a signature,
 * "name(sig)\n--\n\n": it becomes __text_signature__ and the rest
 * __doc__.  Returns the end of the signature's ")" or NULL. */
static const char *doc_signature_end(const char *doc)
{
    if (!doc)
        return NULL;
    const char *p = doc;
    while (*p && *p != '(' && *p != '\n' && *p != ' ')
        p++;
    if (*p != '(' || p == doc)
        return NULL;
    const char *end = strstr(p, ")\n--\n\n");
    if (!end)
        return NULL;
    const char *nl = strchr(p, '\n');
    /* The marker must end the signature's own lines: no blank line inside. */
    for (const char *q = nl; q && q < end; q = strchr(q + 1, '\n'))
        if (q[1] == '\n')
            return NULL;
    return end + 1;
}

static KrValue doc_strip_signature(KrThread *t, const char *doc)
{
    const char *end = doc_signature_end(doc);
    if (end)
        doc = end + 5;
    if (!doc || !*doc)
        return KR_NONE;
    return kr_str_from_cstr(t, doc);
}

static KrValue doc_of(KrThread *t, const char *doc)
{
    return doc_strip_signature(t, doc);
}

static KrValue text_signature_of(KrThread *t, const char *doc)
{
    const char *end = doc_signature_end(doc);
    if (!end)
        return KR_NONE;
    const char *start = strchr(doc, '(');
    return kr_str_from_utf8(t, start, (size_t)(end - start));
}

static KrValue builtin_get_doc(KrThread *t, KrValue self)
{
    return doc_of(t, ((KrBuiltinFunction *)kr_as_ptr(self))->def->doc);
}

static KrValue builtin_get_text_signature(KrThread *t, KrValue self)
{
    return text_signature_of(t, ((KrBuiltinFunction *)kr_as_ptr(self))->def->doc);
}

static KrValue get_none(KrThread *t, KrValue self)
{
    (void)t, (void)self;
    return KR_NONE;
}

static KrValue builtin_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if ((op != KR_EQ && op != KR_NE) || kr_type(t, b) != kr_builtin_type(t, BUILTIN_FUNCTION))
        return KR_NOTIMPLEMENTED;
    KrBuiltinFunction *x = (KrBuiltinFunction *)kr_as_ptr(a), *y = (KrBuiltinFunction *)kr_as_ptr(b);
    bool eq = x->def == y->def && x->self == y->self;
    return kr_bool(op == KR_EQ ? eq : !eq);
}

static int64_t builtin_hash(KrThread *t, KrValue self)
{
    KrBuiltinFunction *f = (KrBuiltinFunction *)kr_as_ptr(self);
    int64_t h = (int64_t)(uintptr_t)f->def;
    if (f->self != KR_ABSENT) {
        int64_t hs = kr_is_ptr(f->self) ? (int64_t)(uintptr_t)kr_as_ptr(f->self) : (int64_t)f->self;
        h ^= hs;
    }
    (void)t;
    return h == -1 ? -2 : h;
}

static const KrGetSetDef builtin_getsets[] = {
    {"__name__", builtin_get_name, NULL, NULL},
    {"__qualname__", builtin_get_qualname, NULL, NULL},
    {"__self__", builtin_get_self, NULL, NULL},
    {"__module__", builtin_get_module, builtin_set_module, NULL},
    {"__doc__", builtin_get_doc, NULL, NULL},
    {"__text_signature__", builtin_get_text_signature, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void builtin_fill(KrType *tp)
{
    tp->dealloc = builtin_dealloc;
    tp->traverse = builtin_traverse;
    tp->call = builtin_call;
    tp->repr = builtin_repr;
    tp->compare = builtin_compare;
    tp->hash = builtin_hash;
}

const KrTypeSpec kr_builtin_function_spec = {
    .name = "builtin_function_or_method",
    .basicsize = sizeof(KrBuiltinFunction),
    .flags = KR_TPFLAG_GC,
    .getsets = builtin_getsets,
    .fill = builtin_fill,
};

/* ---- T.__new__ for built-in types ---- */

static KrValue new_wrapper_fn(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrType *type = kr_as_type(self);
    if (nargs < 1)
        return type_error(t, "%s.__new__(): not enough arguments", type->name);
    KrValue arg0 = args[0];
    if (!kr_has_flag(t, arg0, KR_TPFLAG_TYPE_SUBCLASS))
        return type_error(t, "%s.__new__(X): X is not a type object (%T)", type->name, arg0);
    KrType *sub = kr_as_type(arg0);
    if (!kr_is_subtype(sub, type))
        return type_error(t, "%s.__new__(%s): %s is not a subtype of %s", type->name, sub->name, sub->name,
                          type->name);
    /* Refuse object.__new__(int): the layout would be wrong. */
    KrType *staticbase = sub;
    while (staticbase && (staticbase->flags & KR_TPFLAG_HEAPTYPE))
        staticbase = staticbase->base;
    if (staticbase && staticbase->new_ != type->new_ && kr_is_subtype(staticbase, type) && staticbase != type)
        return type_error(t, "%s.__new__(%s) is not safe, use %s.__new__()", type->name, sub->name,
                          staticbase->name);
    return type->new_(t, sub, args + 1, nargs - 1, kwnames);
}

static const KrMethodDef new_wrapper_def = {
    "__new__", new_wrapper_fn, KR_METH_KEYWORDS,
    "Create and return a new object.  See help(type) for accurate signature.",
};

KrValue kr_new_wrapper_new(KrThread *t, KrType *type)
{
    return kr_builtin_function_new(t, &new_wrapper_def, kr_ptr(type), KR_ABSENT);
}

/* ---- bound methods ---- */

KrValue kr_method_new(KrThread *t, KrValue func, KrValue self)
{
    KrMethod *m = (KrMethod *)kr_alloc(t, kr_builtin_type(t, METHOD), sizeof(KrMethod));
    if (!m)
        return KR_ERROR;
    m->func = kr_incref(func);
    m->self = kr_incref(self);
    return kr_ptr(m);
}

static void method_dealloc(KrThread *t, KrObject *o)
{
    KrMethod *m = (KrMethod *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &m->func);
    kr_clear(t, &m->self);
    kr_free_object(t, o);
}

static void method_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrMethod *m = (KrMethod *)o;
    if (kr_is_ptr(m->func))
        visit(kr_as_ptr(m->func), arg);
    if (kr_is_ptr(m->self))
        visit(kr_as_ptr(m->self), arg);
}

static KrValue method_call(KrThread *t, KrValue callable, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrMethod *m = (KrMethod *)kr_as_ptr(callable);
    size_t total = nargs + (kwnames ? kr_tuple_len(kwnames) : 0);
    KrValue stack[12];
    KrValue *argv = total + 1 <= 12 ? stack : malloc((total + 1) * sizeof(KrValue));
    if (!argv)
        return kr_no_memory(t);
    argv[0] = m->self;
    if (total)  /* args may be NULL then */
        memcpy(argv + 1, args, total * sizeof(KrValue));
    KrValue func = kr_incref(m->func), self = kr_incref(m->self);
    KrValue r = kr_call(t, func, argv, nargs + 1, kwnames);
    kr_decref(t, func);
    kr_decref(t, self);
    if (argv != stack)
        free(argv);
    return r;
}

static KrValue method_repr(KrThread *t, KrValue self)
{
    KrMethod *m = (KrMethod *)kr_as_ptr(self);
    KrValue name;
    int r = kr_lookup_attr(t, m->func, kr_name(t, dunder_qualname), &name);
    if (r == 0)
        r = kr_lookup_attr(t, m->func, kr_name(t, dunder_name), &name);
    if (r < 0)
        return KR_ERROR;
    if (r == 0 || !kr_is_str(t, name)) {
        if (r)
            kr_decref(t, name);
        name = kr_str_from_cstr(t, "?");
    }
    KrValue s = kr_format(t, "<bound method %U of %R>", name, m->self);
    kr_decref(t, name);
    return s;
}

static KrValue method_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if ((op != KR_EQ && op != KR_NE) || kr_type(t, b) != kr_builtin_type(t, METHOD))
        return KR_NOTIMPLEMENTED;
    KrMethod *x = (KrMethod *)kr_as_ptr(a), *y = (KrMethod *)kr_as_ptr(b);
    bool eq = x->self == y->self;
    if (eq) {
        int e = kr_eq(t, x->func, y->func);
        if (e < 0)
            return KR_ERROR;
        eq = e;
    }
    return kr_bool(op == KR_EQ ? eq : !eq);
}

static int64_t method_hash(KrThread *t, KrValue self)
{
    KrMethod *m = (KrMethod *)kr_as_ptr(self);
    int64_t a = kr_hash(t, m->func);
    if (a == -1)
        return -1;
    int64_t b = kr_is_ptr(m->self) ? (int64_t)(uintptr_t)kr_as_ptr(m->self) : (int64_t)m->self;
    int64_t h = a ^ b;
    return h == -1 ? -2 : h;
}

/* Attributes not found on the method come from its function. */
static KrValue method_getattr(KrThread *t, KrValue self, KrValue name)
{
    KrType *tp = kr_type(t, self);
    KrValue descr = kr_type_lookup(t, tp, name);
    if (descr != KR_ABSENT) {
        KrDescrGetFn get = kr_type(t, descr)->descr_get;
        if (get)
            return get(t, descr, self, kr_ptr(tp));
        return kr_incref(descr);
    }
    return kr_getattr(t, ((KrMethod *)kr_as_ptr(self))->func, name);
}

static KrValue method_get_func(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrMethod *)kr_as_ptr(self))->func); }
static KrValue method_get_self(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrMethod *)kr_as_ptr(self))->self); }
static KrValue method_get_doc(KrThread *t, KrValue self)
{
    return kr_getattr(t, ((KrMethod *)kr_as_ptr(self))->func, kr_name(t, dunder_doc));
}

static KrValue method_descr_get_self(KrThread *t, KrValue descr, KrValue obj, KrValue type)
{
    (void)t, (void)obj, (void)type;
    return kr_incref(descr);
}

static const KrGetSetDef method_getsets[] = {
    {"__func__", method_get_func, NULL, NULL},
    {"__self__", method_get_self, NULL, NULL},
    {"__doc__", method_get_doc, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static KrValue method_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    KrMethod *m = (KrMethod *)kr_as_ptr(self);
    KrValue getattr_fn = kr_dict_get_cstr(t, t->vm->builtins_dict, "getattr");
    if (getattr_fn == KR_ERROR || getattr_fn == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "getattr is not available");
    KrValue name = kr_getattr(t, m->func, kr_name(t, dunder_name));
    if (name == KR_ERROR)
        return name;
    KrValue inner = kr_tuple_pack(t, 2, m->self, name);
    kr_decref(t, name);
    if (inner == KR_ERROR)
        return inner;
    KrValue r = kr_tuple_pack(t, 2, getattr_fn, inner);
    kr_decref(t, inner);
    return r;
}

static const KrMethodDef method_methods[] = {
    {"__reduce__", method_reduce, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static KrValue method_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type;
    if (kr_no_kwargs(t, "method", kwnames) < 0 || kr_check_nargs(t, "method", nargs, 2, 2) < 0)
        return KR_ERROR;
    if (!kr_callable(t, args[0]))
        return type_error(t, "first argument must be callable");
    if (kr_is_none(args[1]))
        return type_error(t, "instance must not be None");
    return kr_method_new(t, args[0], args[1]);
}

static void method_fill(KrType *tp)
{
    tp->dealloc = method_dealloc;
    tp->traverse = method_traverse;
    tp->call = method_call;
    tp->repr = method_repr;
    tp->compare = method_compare;
    tp->hash = method_hash;
    tp->getattr = method_getattr;
    tp->descr_get = method_descr_get_self;
    tp->new_ = method_new;
}

const KrTypeSpec kr_method_spec = {
    .name = "method",
    .basicsize = sizeof(KrMethod),
    .flags = KR_TPFLAG_GC,
    .methods = method_methods,
    .getsets = method_getsets,
    .fill = method_fill,
    .doc = "method(function, instance)\n\nCreate a bound instance method object.",
};

/* ---- method descriptors (list.append as found in list's dict) ---- */

KrValue kr_method_descr_new(KrThread *t, KrType *owner, const KrMethodDef *def)
{
    KrType *dt = (def->flags & KR_METH_CLASS) ? kr_builtin_type(t, CLASSMETHOD_DESCRIPTOR)
                                              : kr_builtin_type(t, METHOD_DESCRIPTOR);
    if (def->flags & KR_METH_STATIC) {
        /* A staticmethod wrapping a built-in function, as CPython does. */
        KrValue f = kr_builtin_function_new(t, def, KR_ABSENT, KR_ABSENT);
        if (f == KR_ERROR)
            return f;
        KrValue sm = kr_call1(t, kr_ptr(kr_builtin_type(t, STATICMETHOD)), f);
        kr_decref(t, f);
        return sm;
    }
    KrMethodDescr *d = (KrMethodDescr *)kr_alloc(t, dt, sizeof(KrMethodDescr));
    if (!d)
        return KR_ERROR;
    d->owner = owner;
    d->def = def;
    return kr_ptr(d);
}

static KrValue descr_check(KrThread *t, KrType *owner, const char *name, KrValue obj)
{
    if (!kr_type_check(t, obj, owner))
        return type_error(t, "descriptor '%s' for '%s' objects doesn't apply to a '%T' object", name,
                          kr_type_name(owner), obj);
    return KR_NONE;
}

static KrValue method_descr_get(KrThread *t, KrValue descr, KrValue obj, KrValue type)
{
    (void)type;
    KrMethodDescr *d = (KrMethodDescr *)kr_as_ptr(descr);
    if (obj == KR_ABSENT)
        return kr_incref(descr);
    if (descr_check(t, d->owner, d->def->name, obj) == KR_ERROR)
        return KR_ERROR;
    return kr_builtin_function_new(t, d->def, obj, KR_ABSENT);
}

static KrValue method_descr_call(KrThread *t, KrValue callable, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrMethodDescr *d = (KrMethodDescr *)kr_as_ptr(callable);
    if (nargs < 1)
        return type_error(t, "unbound method %s.%s() needs an argument", kr_type_name(d->owner), d->def->name);
    if (descr_check(t, d->owner, d->def->name, args[0]) == KR_ERROR)
        return KR_ERROR;
    return call_def(t, d->owner, d->def, args[0], args + 1, nargs - 1, kwnames);
}

static KrValue method_descr_repr(KrThread *t, KrValue self)
{
    KrMethodDescr *d = (KrMethodDescr *)kr_as_ptr(self);
    return kr_format(t, "<method '%s' of '%s' objects>", d->def->name, kr_type_name(d->owner));
}

static KrValue descr_get_name(KrThread *t, KrValue self)
{
    return kr_str_from_cstr(t, ((KrMethodDescr *)kr_as_ptr(self))->def->name);
}

static KrValue descr_get_qualname(KrThread *t, KrValue self)
{
    KrMethodDescr *d = (KrMethodDescr *)kr_as_ptr(self);
    return kr_format(t, "%s.%s", kr_type_name(d->owner), d->def->name);
}

static KrValue descr_get_objclass(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(kr_ptr(((KrMethodDescr *)kr_as_ptr(self))->owner));
}

static KrValue descr_get_doc(KrThread *t, KrValue self)
{
    return doc_of(t, ((KrMethodDescr *)kr_as_ptr(self))->def->doc);
}

static KrValue descr_get_text_signature(KrThread *t, KrValue self)
{
    return text_signature_of(t, ((KrMethodDescr *)kr_as_ptr(self))->def->doc);
}

static const KrGetSetDef method_descr_getsets[] = {
    {"__name__", descr_get_name, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL},
    {"__objclass__", descr_get_objclass, NULL, NULL},
    {"__doc__", descr_get_doc, NULL, NULL},
    {"__text_signature__", descr_get_text_signature, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void method_descr_fill(KrType *tp)
{
    tp->descr_get = method_descr_get;
    tp->call = method_descr_call;
    tp->repr = method_descr_repr;
}

const KrTypeSpec kr_method_descriptor_spec = {
    .name = "method_descriptor",
    .basicsize = sizeof(KrMethodDescr),
    .getsets = method_descr_getsets,
    .fill = method_descr_fill,
};

/* dict.fromkeys and friends: bound to the class. */
static KrValue classmethod_descr_get(KrThread *t, KrValue descr, KrValue obj, KrValue type)
{
    KrMethodDescr *d = (KrMethodDescr *)kr_as_ptr(descr);
    if (type == KR_ABSENT || kr_is_none(type))
        type = kr_ptr(kr_type(t, obj));
    if (!kr_has_flag(t, type, KR_TPFLAG_TYPE_SUBCLASS) || !kr_is_subtype(kr_as_type(type), d->owner))
        return type_error(t, "descriptor '%s' for type '%s' doesn't apply to type '%s'", d->def->name,
                          kr_type_name(d->owner), kr_type_name(kr_as_type(type)));
    return kr_builtin_function_new(t, d->def, type, KR_ABSENT);
}

static KrValue classmethod_descr_call(KrThread *t, KrValue callable, const KrValue *args, size_t nargs,
                                      KrValue kwnames)
{
    KrMethodDescr *d = (KrMethodDescr *)kr_as_ptr(callable);
    if (nargs < 1)
        return type_error(t, "descriptor '%s' of '%s' object needs an argument", d->def->name,
                          kr_type_name(d->owner));
    if (!kr_has_flag(t, args[0], KR_TPFLAG_TYPE_SUBCLASS))
        return type_error(t, "descriptor '%s' for type '%s' needs a type, not a '%T' as arg 2", d->def->name,
                          kr_type_name(d->owner), args[0]);
    return call_def(t, d->owner, d->def, args[0], args + 1, nargs - 1, kwnames);
}

static void classmethod_descr_fill(KrType *tp)
{
    tp->descr_get = classmethod_descr_get;
    tp->call = classmethod_descr_call;
    tp->repr = method_descr_repr;
}

const KrTypeSpec kr_classmethod_descriptor_spec = {
    .name = "classmethod_descriptor",
    .basicsize = sizeof(KrMethodDescr),
    .getsets = method_descr_getsets,
    .fill = classmethod_descr_fill,
};

/* ---- wrapper descriptors: C slots as dunders ---- */

KrValue kr_wrapper_descr_new(KrThread *t, KrType *owner, const SlotDef *slot)
{
    KrWrapperDescr *d = (KrWrapperDescr *)kr_alloc(t, kr_builtin_type(t, WRAPPER_DESCRIPTOR), sizeof(KrWrapperDescr));
    if (!d)
        return KR_ERROR;
    d->owner = owner;
    d->slot = slot;
    return kr_ptr(d);
}

static const char *slot_name(KrThread *t, const SlotDef *s)
{
    return kr_as_str(t->vm->names[s->name])->utf8;
}

static int want_args(KrThread *t, const SlotDef *s, size_t nargs, size_t n)
{
    if (nargs == n)
        return 0;
    const char *name = slot_name(t, s);
    if (n == 0)
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected 0 arguments, got %zu", nargs);
    else if (n == 1)
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected 1 argument, got %zu", nargs);
    else
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected %zu arguments, got %zu", n, nargs);
    (void)name;
    return -1;
}

static KrValue int_result(KrThread *t, int r)
{
    (void)t;
    return r < 0 ? KR_ERROR : kr_bool(r);
}

static KrValue none_result(int r) { return r < 0 ? KR_ERROR : KR_NONE; }

KrValue kr_wrapper_call(KrThread *t, KrType *owner, const SlotDef *s, KrValue self, const KrValue *args, size_t nargs,
                        KrValue kwnames)
{
    bool kw_ok = s->kind == SLOT_CALL || s->kind == SLOT_INIT;
    if (!kw_ok && kwnames && kr_tuple_len(kwnames) > 0)
        return type_error(t, "wrapper %s() takes no keyword arguments", slot_name(t, s));
    /* seq.__mul__(x) wraps CPython's sq_repeat: x must be an index, and
     * x's own __rmul__ gets no say. */
    if ((s->kind == SLOT_BINARY || s->kind == SLOT_RBINARY || s->kind == SLOT_INPLACE) && s->op == KR_OP_MUL &&
        nargs == 1 && kr_seq_is_repeat_slot(t, owner->binary[KR_OP_MUL]) && !kr_is_int(t, args[0]) &&
        !kr_type(t, args[0])->index)
        return type_error(t, "'%T' object cannot be interpreted as an integer", args[0]);
    switch (s->kind) {
    case SLOT_REPR:
        if (want_args(t, s, nargs, 0) < 0) return KR_ERROR;
        return owner->repr(t, self);
    case SLOT_STR:
        if (want_args(t, s, nargs, 0) < 0) return KR_ERROR;
        return owner->str(t, self);
    case SLOT_HASH: {
        if (want_args(t, s, nargs, 0) < 0) return KR_ERROR;
        int64_t h = owner->hash(t, self);
        return h == -1 ? KR_ERROR : kr_int_from_i64(t, h);
    }
    case SLOT_CALL:
        return owner->call(t, self, args, nargs, kwnames);
    case SLOT_ITER:
        if (want_args(t, s, nargs, 0) < 0) return KR_ERROR;
        return owner->iter(t, self);
    case SLOT_NEXT: {
        if (want_args(t, s, nargs, 0) < 0) return KR_ERROR;
        KrValue r = owner->iternext(t, self);
        if (r == KR_ABSENT)
            return kr_raise(t, kr_ptr(kr_exc_type(t, StopIteration)));
        return r;
    }
    case SLOT_INIT:
        return none_result(owner->init(t, self, args, nargs, kwnames));
    case SLOT_GETATTRIBUTE:
    case SLOT_GETATTR:
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        if (!kr_is_str(t, args[0]))
            return type_error(t, "attribute name must be string, not '%T'", args[0]);
        return owner->getattr(t, self, args[0]);
    case SLOT_SETATTR:
        if (want_args(t, s, nargs, 2) < 0) return KR_ERROR;
        if (!kr_is_str(t, args[0]))
            return type_error(t, "attribute name must be string, not '%T'", args[0]);
        return none_result(owner->setattr(t, self, args[0], args[1]));
    case SLOT_DELATTR:
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        if (!kr_is_str(t, args[0]))
            return type_error(t, "attribute name must be string, not '%T'", args[0]);
        return none_result(owner->setattr(t, self, args[0], KR_ABSENT));
    case SLOT_GET: {
        if (nargs < 1 || nargs > 2)
            return type_error(t, "expected 1 or 2 arguments, got %zu", nargs);
        KrValue obj = kr_is_none(args[0]) ? KR_ABSENT : args[0];
        KrValue type = nargs > 1 ? args[1] : KR_ABSENT;
        if (obj == KR_ABSENT && (type == KR_ABSENT || kr_is_none(type)))
            return type_error(t, "__get__(None, None) is invalid");
        return owner->descr_get(t, self, obj, type);
    }
    case SLOT_SET:
        if (want_args(t, s, nargs, 2) < 0) return KR_ERROR;
        return none_result(owner->descr_set(t, self, args[0], args[1]));
    case SLOT_DELETE:
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        return none_result(owner->descr_set(t, self, args[0], KR_ABSENT));
    case SLOT_COMPARE:
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        return owner->compare(t, self, args[0], (KrCompareOp)s->op);
    case SLOT_BINARY:
        if (s->op == KR_OP_POW && owner->pow3 && nargs == 2 && !kr_is_none(args[1]))
            return owner->pow3(t, self, args[0], args[1]);
        if (s->op == KR_OP_POW && nargs == 2 && kr_is_none(args[1]))
            nargs = 1;
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        return owner->binary[s->op](t, self, args[0]);
    case SLOT_RBINARY:
        if (s->op == KR_OP_POW && nargs == 2 && kr_is_none(args[1]))
            nargs = 1;
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        return owner->binary[s->op](t, args[0], self);
    case SLOT_INPLACE:
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        return owner->inplace[s->op](t, self, args[0]);
    case SLOT_NEG: if (want_args(t, s, nargs, 0) < 0) return KR_ERROR; return owner->neg(t, self);
    case SLOT_POS: if (want_args(t, s, nargs, 0) < 0) return KR_ERROR; return owner->pos(t, self);
    case SLOT_INVERT: if (want_args(t, s, nargs, 0) < 0) return KR_ERROR; return owner->invert(t, self);
    case SLOT_ABS: if (want_args(t, s, nargs, 0) < 0) return KR_ERROR; return owner->abs(t, self);
    case SLOT_BOOL: if (want_args(t, s, nargs, 0) < 0) return KR_ERROR; return int_result(t, owner->truth(t, self));
    case SLOT_INT: if (want_args(t, s, nargs, 0) < 0) return KR_ERROR; return owner->to_int(t, self);
    case SLOT_FLOAT: if (want_args(t, s, nargs, 0) < 0) return KR_ERROR; return owner->to_float(t, self);
    case SLOT_INDEX: if (want_args(t, s, nargs, 0) < 0) return KR_ERROR; return owner->index(t, self);
    case SLOT_LEN: {
        if (want_args(t, s, nargs, 0) < 0) return KR_ERROR;
        int64_t n = owner->len(t, self);
        return n < 0 ? KR_ERROR : kr_int_from_i64(t, n);
    }
    case SLOT_GETITEM:
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        return owner->getitem(t, self, args[0]);
    case SLOT_SETITEM:
        if (want_args(t, s, nargs, 2) < 0) return KR_ERROR;
        return none_result(owner->setitem(t, self, args[0], args[1]));
    case SLOT_DELITEM:
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        return none_result(owner->setitem(t, self, args[0], KR_ABSENT));
    case SLOT_CONTAINS:
        if (want_args(t, s, nargs, 1) < 0) return KR_ERROR;
        return int_result(t, owner->contains(t, self, args[0]));
    case SLOT_DEL:
        if (want_args(t, s, nargs, 0) < 0) return KR_ERROR;
        return owner->finalize(t, self);
    }
    return type_error(t, "bad slot wrapper");
}

typedef struct KrMethodWrapper {
    KrObject ob;
    KrValue descr, self;
} KrMethodWrapper;

static KrValue wrapper_descr_get(KrThread *t, KrValue descr, KrValue obj, KrValue type)
{
    (void)type;
    KrWrapperDescr *d = (KrWrapperDescr *)kr_as_ptr(descr);
    if (obj == KR_ABSENT)
        return kr_incref(descr);
    if (descr_check(t, d->owner, slot_name(t, d->slot), obj) == KR_ERROR)
        return KR_ERROR;
    KrMethodWrapper *w = (KrMethodWrapper *)kr_alloc(t, kr_builtin_type(t, METHOD_WRAPPER), sizeof(KrMethodWrapper));
    if (!w)
        return KR_ERROR;
    w->descr = kr_incref(descr);
    w->self = kr_incref(obj);
    return kr_ptr(w);
}

static KrValue wrapper_descr_call(KrThread *t, KrValue callable, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrWrapperDescr *d = (KrWrapperDescr *)kr_as_ptr(callable);
    if (nargs < 1)
        return type_error(t, "descriptor '%s' of '%s' object needs an argument", slot_name(t, d->slot),
                          kr_type_name(d->owner));
    /* Calling a slot wrapper words the check differently from __get__. */
    if (!kr_type_check(t, args[0], d->owner))
        return type_error(t, "descriptor '%s' requires a '%s' object but received a '%T'", slot_name(t, d->slot),
                          kr_type_name(d->owner), args[0]);
    return kr_wrapper_call(t, d->owner, d->slot, args[0], args + 1, nargs - 1, kwnames);
}

static KrValue wrapper_descr_repr(KrThread *t, KrValue self)
{
    KrWrapperDescr *d = (KrWrapperDescr *)kr_as_ptr(self);
    return kr_format(t, "<slot wrapper '%s' of '%s' objects>", slot_name(t, d->slot), kr_type_name(d->owner));
}

static KrValue wrapper_get_name(KrThread *t, KrValue self)
{
    return kr_incref(t->vm->names[((KrWrapperDescr *)kr_as_ptr(self))->slot->name]);
}

static KrValue wrapper_get_qualname(KrThread *t, KrValue self)
{
    KrWrapperDescr *d = (KrWrapperDescr *)kr_as_ptr(self);
    return kr_format(t, "%s.%s", kr_type_name(d->owner), slot_name(t, d->slot));
}

static KrValue wrapper_get_objclass(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(kr_ptr(((KrWrapperDescr *)kr_as_ptr(self))->owner));
}

static const KrGetSetDef wrapper_descr_getsets[] = {
    {"__name__", wrapper_get_name, NULL, NULL},
    {"__qualname__", wrapper_get_qualname, NULL, NULL},
    {"__objclass__", wrapper_get_objclass, NULL, NULL},
    {"__doc__", get_none, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void wrapper_descr_fill(KrType *tp)
{
    tp->descr_get = wrapper_descr_get;
    tp->call = wrapper_descr_call;
    tp->repr = wrapper_descr_repr;
}

const KrTypeSpec kr_wrapper_descriptor_spec = {
    .name = "wrapper_descriptor",
    .basicsize = sizeof(KrWrapperDescr),
    .getsets = wrapper_descr_getsets,
    .fill = wrapper_descr_fill,
};

static void method_wrapper_dealloc(KrThread *t, KrObject *o)
{
    KrMethodWrapper *w = (KrMethodWrapper *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &w->descr);
    kr_clear(t, &w->self);
    kr_free_object(t, o);
}

static void method_wrapper_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrMethodWrapper *w = (KrMethodWrapper *)o;
    if (kr_is_ptr(w->self))
        visit(kr_as_ptr(w->self), arg);
    if (kr_is_ptr(w->descr))
        visit(kr_as_ptr(w->descr), arg);
}

static KrValue method_wrapper_call(KrThread *t, KrValue callable, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrMethodWrapper *w = (KrMethodWrapper *)kr_as_ptr(callable);
    KrWrapperDescr *d = (KrWrapperDescr *)kr_as_ptr(w->descr);
    return kr_wrapper_call(t, d->owner, d->slot, w->self, args, nargs, kwnames);
}

static KrValue method_wrapper_repr(KrThread *t, KrValue self)
{
    KrMethodWrapper *w = (KrMethodWrapper *)kr_as_ptr(self);
    KrWrapperDescr *d = (KrWrapperDescr *)kr_as_ptr(w->descr);
    if (kr_is_ptr(w->self))
        return kr_format(t, "<method-wrapper '%s' of %T object at %p>", slot_name(t, d->slot), w->self,
                         (void *)kr_as_ptr(w->self));
    return kr_format(t, "<method-wrapper '%s' of %T object>", slot_name(t, d->slot), w->self);
}

static KrValue method_wrapper_get_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(((KrMethodWrapper *)kr_as_ptr(self))->self);
}

static KrValue method_wrapper_get_name(KrThread *t, KrValue self)
{
    return wrapper_get_name(t, ((KrMethodWrapper *)kr_as_ptr(self))->descr);
}

static KrValue method_wrapper_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if ((op != KR_EQ && op != KR_NE) || kr_type(t, b) != kr_type(t, a))
        return KR_NOTIMPLEMENTED;
    KrMethodWrapper *x = (KrMethodWrapper *)kr_as_ptr(a), *y = (KrMethodWrapper *)kr_as_ptr(b);
    bool eq = x->descr == y->descr && x->self == y->self;
    return kr_bool(op == KR_EQ ? eq : !eq);
}

static const KrGetSetDef method_wrapper_getsets[] = {
    {"__self__", method_wrapper_get_self, NULL, NULL},
    {"__name__", method_wrapper_get_name, NULL, NULL},
    {"__doc__", get_none, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void method_wrapper_fill(KrType *tp)
{
    tp->dealloc = method_wrapper_dealloc;
    tp->traverse = method_wrapper_traverse;
    tp->call = method_wrapper_call;
    tp->repr = method_wrapper_repr;
    tp->compare = method_wrapper_compare;
}

const KrTypeSpec kr_method_wrapper_spec = {
    .name = "method-wrapper",
    .basicsize = sizeof(KrMethodWrapper),
    .flags = KR_TPFLAG_GC,
    .getsets = method_wrapper_getsets,
    .fill = method_wrapper_fill,
};

/* ---- getset descriptors ---- */

KrValue kr_getset_descr_new(KrThread *t, KrType *owner, const KrGetSetDef *def)
{
    KrGetSetDescr *d = (KrGetSetDescr *)kr_alloc(t, kr_builtin_type(t, GETSET_DESCRIPTOR), sizeof(KrGetSetDescr));
    if (!d)
        return KR_ERROR;
    d->owner = owner;
    d->def = def;
    return kr_ptr(d);
}

static KrValue getset_get(KrThread *t, KrValue descr, KrValue obj, KrValue type)
{
    (void)type;
    KrGetSetDescr *d = (KrGetSetDescr *)kr_as_ptr(descr);
    if (obj == KR_ABSENT)
        return kr_incref(descr);
    if (descr_check(t, d->owner, d->def->name, obj) == KR_ERROR)
        return KR_ERROR;
    if (!d->def->get)
        return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "attribute '%s' of '%s' objects is not readable",
                            d->def->name, kr_type_name(d->owner));
    return d->def->get(t, obj);
}

static int getset_set(KrThread *t, KrValue descr, KrValue obj, KrValue value)
{
    KrGetSetDescr *d = (KrGetSetDescr *)kr_as_ptr(descr);
    if (descr_check(t, d->owner, d->def->name, obj) == KR_ERROR)
        return -1;
    if (!d->def->set)
        return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "attribute '%s' of '%s' objects is not writable",
                                d->def->name, kr_type_name(d->owner));
    return d->def->set(t, obj, value);
}

static KrValue getset_repr(KrThread *t, KrValue self)
{
    KrGetSetDescr *d = (KrGetSetDescr *)kr_as_ptr(self);
    return kr_format(t, "<attribute '%s' of '%s' objects>", d->def->name, kr_type_name(d->owner));
}

static KrValue getset_get_name(KrThread *t, KrValue self)
{
    return kr_str_from_cstr(t, ((KrGetSetDescr *)kr_as_ptr(self))->def->name);
}

static KrValue getset_get_qualname(KrThread *t, KrValue self)
{
    KrGetSetDescr *d = (KrGetSetDescr *)kr_as_ptr(self);
    return kr_format(t, "%s.%s", kr_type_name(d->owner), d->def->name);
}

static KrValue getset_get_doc(KrThread *t, KrValue self)
{
    return doc_of(t, ((KrGetSetDescr *)kr_as_ptr(self))->def->doc);
}

static const KrGetSetDef getset_descr_getsets[] = {
    {"__name__", getset_get_name, NULL, NULL},
    {"__qualname__", getset_get_qualname, NULL, NULL},
    {"__objclass__", descr_get_objclass, NULL, NULL},
    {"__doc__", getset_get_doc, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void getset_fill(KrType *tp)
{
    tp->descr_get = getset_get;
    tp->descr_set = getset_set;
    tp->repr = getset_repr;
}

const KrTypeSpec kr_getset_descriptor_spec = {
    .name = "getset_descriptor",
    .basicsize = sizeof(KrGetSetDescr),
    .getsets = getset_descr_getsets,
    .fill = getset_fill,
};

/* ---- member descriptors (__slots__) ---- */

KrValue kr_member_descr_new(KrThread *t, KrType *owner, KrValue name, size_t offset)
{
    KrMemberDescr *d = (KrMemberDescr *)kr_alloc(t, kr_builtin_type(t, MEMBER_DESCRIPTOR), sizeof(KrMemberDescr));
    if (!d)
        return KR_ERROR;
    d->owner = owner;
    d->name = kr_incref(name);
    d->offset = offset;
    return kr_ptr(d);
}

static KrValue *member_slot(KrValue obj, KrMemberDescr *d)
{
    /* Read-only members of built-in types (struct sequence fields) sit at
     * a fixed offset in the object; offsets of class members are relative
     * to the instance extras, plus one (type.c). */
    if (d->readonly)
        return (KrValue *)((char *)kr_as_ptr(obj) + d->offset);
    return (KrValue *)(kr_instance_extras(kr_as_ptr(obj)) + d->offset - 1);
}

static void member_dealloc(KrThread *t, KrObject *o)
{
    kr_clear(t, &((KrMemberDescr *)o)->name);
    kr_free_object(t, o);
}

static KrValue member_get(KrThread *t, KrValue descr, KrValue obj, KrValue type)
{
    (void)type;
    KrMemberDescr *d = (KrMemberDescr *)kr_as_ptr(descr);
    if (obj == KR_ABSENT)
        return kr_incref(descr);
    if (descr_check(t, d->owner, kr_as_str(d->name)->utf8, obj) == KR_ERROR)
        return KR_ERROR;
    KrValue v = *member_slot(obj, d);
    if (v == KR_ABSENT || v == 0)
        return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "'%T' object has no attribute '%U'", obj, d->name);
    return kr_incref(v);
}

static int member_set(KrThread *t, KrValue descr, KrValue obj, KrValue value)
{
    KrMemberDescr *d = (KrMemberDescr *)kr_as_ptr(descr);
    if (descr_check(t, d->owner, kr_as_str(d->name)->utf8, obj) == KR_ERROR)
        return -1;
    if (d->readonly)
        return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "readonly attribute");
    KrValue *slot = member_slot(obj, d);
    if (value == KR_ABSENT && (*slot == KR_ABSENT || *slot == 0))
        return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "'%T' object has no attribute '%U'", obj, d->name);
    KrValue old = *slot;
    *slot = value == KR_ABSENT ? KR_ABSENT : kr_incref(value);
    kr_decref(t, old);
    return 0;
}

static KrValue member_repr(KrThread *t, KrValue self)
{
    KrMemberDescr *d = (KrMemberDescr *)kr_as_ptr(self);
    return kr_format(t, "<member '%U' of '%s' objects>", d->name, kr_type_name(d->owner));
}

static KrValue member_get_name(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(((KrMemberDescr *)kr_as_ptr(self))->name);
}

static KrValue member_get_objclass(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(kr_ptr(((KrMemberDescr *)kr_as_ptr(self))->owner));
}

static const KrGetSetDef member_getsets[] = {
    {"__name__", member_get_name, NULL, NULL},
    {"__qualname__", member_get_name, NULL, NULL},
    {"__objclass__", member_get_objclass, NULL, NULL},
    {"__doc__", get_none, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void member_fill(KrType *tp)
{
    tp->dealloc = member_dealloc;
    tp->descr_get = member_get;
    tp->descr_set = member_set;
    tp->repr = member_repr;
}

const KrTypeSpec kr_member_descriptor_spec = {
    .name = "member_descriptor",
    .basicsize = sizeof(KrMemberDescr),
    .getsets = member_getsets,
    .fill = member_fill,
};
