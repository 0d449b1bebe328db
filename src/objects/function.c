/* Functions written in Python and cells (the boxes that hold variables
 * shared between a function and its inner functions); code objects are in
 * code.c. */
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "vm/code.h"

/* ---- function ---- */

KrValue kr_function_new(KrThread *t, KrValue code, KrValue globals, KrValue qualname)
{
    KrFunction *f = (KrFunction *)kr_alloc(t, kr_builtin_type(t, FUNCTION), sizeof(KrFunction));
    if (!f)
        return KR_ERROR;
    KrCode *co = kr_as_code(code);
    f->code = kr_incref(code);
    f->globals = kr_incref(globals);
    f->builtins = KR_NONE;
    f->name = kr_incref(co->name);
    f->qualname = kr_incref(qualname);
    f->defaults = f->kwdefaults = f->closure = f->annotations = KR_NONE;
    f->dict = f->weaklist = KR_ABSENT;
    /* __doc__: the first constant when it is a str (the docstring). */
    KrValue doc = KR_NONE;
    if (kr_tuple_len(co->consts) > 0 && kr_is_str(t, kr_tuple_items(co->consts)[0]) &&
        (co->flags & CO_OPTIMIZED))
        doc = kr_tuple_items(co->consts)[0];
    f->doc = kr_incref(doc);
    KrValue mod = kr_dict_get(t, globals, kr_name(t, dunder_name));
    f->module = (mod == KR_ABSENT || mod == KR_ERROR) ? KR_NONE : kr_incref(mod);
    if (mod == KR_ERROR)
        kr_err_clear(t);
    return kr_ptr(f);
}

static void function_dealloc(KrThread *t, KrObject *o)
{
    KrFunction *f = (KrFunction *)o;
    kr_gc_untrack(t, o);
    KrValue *fields[] = {&f->code, &f->globals, &f->builtins, &f->name, &f->qualname, &f->module, &f->doc,
                         &f->defaults, &f->kwdefaults, &f->closure, &f->annotations, &f->dict};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        kr_clear(t, fields[i]);
    kr_free_object(t, o);
}

static void function_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrFunction *f = (KrFunction *)o;
    KrValue fields[] = {f->code, f->globals, f->builtins, f->name, f->qualname, f->module, f->doc,
                        f->defaults, f->kwdefaults, f->closure, f->annotations, f->dict};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (kr_is_ptr(fields[i]))
            visit(kr_as_ptr(fields[i]), arg);
}

static void function_clear(KrThread *t, KrObject *o)
{
    KrFunction *f = (KrFunction *)o;
    KrValue *fields[] = {&f->globals, &f->builtins, &f->module, &f->doc, &f->defaults, &f->kwdefaults,
                         &f->closure, &f->annotations, &f->dict};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        KrValue v = *fields[i];
        *fields[i] = KR_NONE;
        kr_decref(t, v);
    }
}

static KrValue function_repr(KrThread *t, KrValue self)
{
    KrFunction *f = kr_as_function(self);
    return kr_format(t, "<function %U at %p>", f->qualname, (void *)f);
}

static KrValue function_descr_get(KrThread *t, KrValue descr, KrValue obj, KrValue type)
{
    (void)type;
    if (obj == KR_ABSENT || obj == KR_NONE)
        return kr_incref(descr);
    return kr_method_new(t, descr, obj);
}

#define FUNC_FIELD(field, pyname)                                                \
    static KrValue function_get_##field(KrThread *t, KrValue self)               \
    {                                                                            \
        (void)t;                                                                 \
        return kr_incref(kr_as_function(self)->field);                           \
    }
FUNC_FIELD(code, __code__)
FUNC_FIELD(globals, __globals__)
FUNC_FIELD(name, __name__)
FUNC_FIELD(qualname, __qualname__)
FUNC_FIELD(module, __module__)
FUNC_FIELD(doc, __doc__)
FUNC_FIELD(defaults, __defaults__)
FUNC_FIELD(kwdefaults, __kwdefaults__)
FUNC_FIELD(closure, __closure__)
#undef FUNC_FIELD

static KrValue function_get_builtins(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(kr_as_function(self)->builtins);
}

static int function_set_name(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT || !kr_is_str(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__name__ must be set to a string object");
    kr_assign(t, &kr_as_function(self)->name, v);
    return 0;
}

static int function_set_qualname(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT || !kr_is_str(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__qualname__ must be set to a string object");
    kr_assign(t, &kr_as_function(self)->qualname, v);
    return 0;
}

static int function_set_module(KrThread *t, KrValue self, KrValue v)
{
    kr_assign(t, &kr_as_function(self)->module, v == KR_ABSENT ? KR_NONE : v);
    return 0;
}

static int function_set_doc(KrThread *t, KrValue self, KrValue v)
{
    kr_assign(t, &kr_as_function(self)->doc, v == KR_ABSENT ? KR_NONE : v);
    return 0;
}

static int function_set_defaults(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT)
        v = KR_NONE;
    if (v != KR_NONE && !kr_is_tuple(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__defaults__ must be set to a tuple object");
    kr_assign(t, &kr_as_function(self)->defaults, v);
    return 0;
}

static int function_set_kwdefaults(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT)
        v = KR_NONE;
    if (v != KR_NONE && !kr_is_dict(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__kwdefaults__ must be set to a dict object");
    kr_assign(t, &kr_as_function(self)->kwdefaults, v);
    return 0;
}

static int function_set_code(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT || kr_type(t, v) != kr_builtin_type(t, CODE))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__code__ must be set to a code object");
    KrFunction *f = kr_as_function(self);
    int nclosure = kr_is_ptr(f->closure) ? (int)kr_tuple_len(f->closure) : 0;
    if (kr_as_code(v)->nfrees != nclosure)
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError),
                                "%U() requires a code object with %d free vars, not %d", f->name, nclosure,
                                kr_as_code(v)->nfrees);
    kr_assign(t, &f->code, v);
    return 0;
}

static KrValue function_get_annotations(KrThread *t, KrValue self)
{
    KrFunction *f = kr_as_function(self);
    if (!kr_is_ptr(f->annotations)) {
        KrValue d = kr_dict_new(t);
        if (d == KR_ERROR)
            return d;
        f->annotations = d;
    }
    return kr_incref(f->annotations);
}

static int function_set_annotations(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT)
        v = KR_NONE;
    if (v != KR_NONE && !kr_is_dict(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__annotations__ must be set to a dict object");
    kr_assign(t, &kr_as_function(self)->annotations, v);
    return 0;
}

static KrValue function_get_dict(KrThread *t, KrValue self)
{
    KrValue *d = kr_instance_dict_ptr(t, self);
    if (!kr_is_ptr(*d)) {
        KrValue nd = kr_dict_new(t);
        if (nd == KR_ERROR)
            return nd;
        *d = nd;
    }
    return kr_incref(*d);
}

static int function_set_dict(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "cannot delete __dict__");
    if (!kr_is_dict(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__dict__ must be set to a dictionary, not a '%T'", v);
    kr_assign(t, kr_instance_dict_ptr(t, self), v);
    return 0;
}

static const KrGetSetDef function_getsets[] = {
    {"__code__", function_get_code, function_set_code, NULL},
    {"__globals__", function_get_globals, NULL, NULL},
    {"__builtins__", function_get_builtins, NULL, NULL},
    {"__name__", function_get_name, function_set_name, NULL},
    {"__qualname__", function_get_qualname, function_set_qualname, NULL},
    {"__module__", function_get_module, function_set_module, NULL},
    {"__doc__", function_get_doc, function_set_doc, NULL},
    {"__defaults__", function_get_defaults, function_set_defaults, NULL},
    {"__kwdefaults__", function_get_kwdefaults, function_set_kwdefaults, NULL},
    {"__closure__", function_get_closure, NULL, NULL},
    {"__annotations__", function_get_annotations, function_set_annotations, NULL},
    {"__dict__", function_get_dict, function_set_dict, NULL},
    {NULL, NULL, NULL, NULL},
};

static KrValue function_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type;
    static const char *const names[] = {"code", "globals", "name", "argdefs", "closure"};
    static const KrArgSpec spec = {"function", names, 5, 0, 2, 5};
    KrValue a[5];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    if (kr_type(t, a[0]) != kr_builtin_type(t, CODE))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "function() argument 'code' must be code, not %T", a[0]);
    if (!kr_is_dict(t, a[1]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "function() argument 'globals' must be dict, not %T", a[1]);
    KrValue name = a[2] == KR_ABSENT ? KR_NONE : a[2], defs = a[3] == KR_ABSENT ? KR_NONE : a[3];
    KrValue closure = a[4] == KR_ABSENT ? KR_NONE : a[4];
    KrCode *code = kr_as_code(a[0]);
    if (name != KR_NONE && !kr_is_str(t, name))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "arg 3 (name) must be None or string");
    if (defs != KR_NONE && !kr_is_tuple(t, defs))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "arg 4 (defaults) must be None or tuple");
    if (!kr_is_tuple(t, closure)) {
        if (code->nfrees && closure == KR_NONE)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "arg 5 (closure) must be tuple");
        if (closure != KR_NONE)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "arg 5 (closure) must be None or tuple");
    }
    size_t nclosure = closure == KR_NONE ? 0 : kr_tuple_len(closure);
    if ((size_t)code->nfrees != nclosure)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%U requires closure of length %d, not %zu", code->name,
                            code->nfrees, nclosure);
    for (size_t i = 0; i < nclosure; i++)
        if (kr_type(t, kr_tuple_items(closure)[i]) != kr_builtin_type(t, CELL))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "arg 5 (closure) expected cell, found %s",
                                kr_type_name(kr_type(t, kr_tuple_items(closure)[i])));
    KrValue f = kr_function_new(t, a[0], a[1], code->qualname);
    if (f == KR_ERROR)
        return f;
    KrFunction *fn = kr_as_function(f);
    KrValue b = kr_dict_get(t, a[1], kr_name(t, dunder_builtins));
    if (b == KR_ABSENT || b == KR_ERROR)
        b = t->vm->builtins_dict;
    else if (kr_type(t, b) == kr_builtin_type(t, MODULE))
        b = ((KrModule *)kr_as_ptr(b))->dict;
    kr_assign(t, &fn->builtins, b);
    if (a[2] != KR_ABSENT && a[2] != KR_NONE)
        kr_assign(t, &fn->name, a[2]);
    if (a[3] != KR_ABSENT && a[3] != KR_NONE)
        kr_assign(t, &fn->defaults, a[3]);
    if (a[4] != KR_ABSENT && a[4] != KR_NONE)
        kr_assign(t, &fn->closure, a[4]);
    return f;
}

static void function_fill(KrType *tp)
{
    tp->dealloc = function_dealloc;
    tp->traverse = function_traverse;
    tp->clear = function_clear;
    tp->repr = function_repr;
    tp->call = kr_function_call;
    tp->descr_get = function_descr_get;
    tp->new_ = function_new;
    tp->dictoffset = offsetof(KrFunction, dict);
    tp->weaklistoffset = offsetof(KrFunction, weaklist);
}

const KrTypeSpec kr_function_spec = {
    .name = "function",
    .basicsize = sizeof(KrFunction),
    .flags = KR_TPFLAG_GC,
    .getsets = function_getsets,
    .fill = function_fill,
    .doc = "Create a function object.",
};

/* ---- cell ---- */

KrValue kr_cell_new(KrThread *t, KrValue value)
{
    KrCell *c = (KrCell *)kr_alloc(t, kr_builtin_type(t, CELL), sizeof(KrCell));
    if (!c)
        return KR_ERROR;
    c->value = value == KR_ABSENT ? KR_ABSENT : kr_incref(value);
    return kr_ptr(c);
}

static void cell_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_clear(t, &((KrCell *)o)->value);
    kr_free_object(t, o);
}

static void cell_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrValue v = ((KrCell *)o)->value;
    if (kr_is_ptr(v))
        visit(kr_as_ptr(v), arg);
}

static void cell_clear(KrThread *t, KrObject *o) { kr_clear(t, &((KrCell *)o)->value); }

static KrValue cell_repr(KrThread *t, KrValue self)
{
    KrCell *c = (KrCell *)kr_as_ptr(self);
    if (c->value == KR_ABSENT)
        return kr_format(t, "<cell at %p: empty>", (void *)c);
    if (kr_is_ptr(c->value))
        return kr_format(t, "<cell at %p: %T object at %p>", (void *)c, c->value, (void *)kr_as_ptr(c->value));
    return kr_format(t, "<cell at %p: %T object>", (void *)c, c->value);
}

static KrValue cell_get_contents(KrThread *t, KrValue self)
{
    KrCell *c = (KrCell *)kr_as_ptr(self);
    if (c->value == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "Cell is empty");
    return kr_incref(c->value);
}

static int cell_set_contents(KrThread *t, KrValue self, KrValue v)
{
    KrCell *c = (KrCell *)kr_as_ptr(self);
    KrValue old = c->value;
    c->value = v == KR_ABSENT ? KR_ABSENT : kr_incref(v);
    kr_decref(t, old);
    return 0;
}

static KrValue cell_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if (kr_type(t, b) != kr_builtin_type(t, CELL))
        return KR_NOTIMPLEMENTED;
    KrValue x = ((KrCell *)kr_as_ptr(a))->value, y = ((KrCell *)kr_as_ptr(b))->value;
    if (x != KR_ABSENT && y != KR_ABSENT)
        return kr_richcompare(t, x, y, op);
    int c = (x != KR_ABSENT) - (y != KR_ABSENT);
    switch (op) {
    case KR_LT: return kr_bool(c < 0);
    case KR_LE: return kr_bool(c <= 0);
    case KR_EQ: return kr_bool(c == 0);
    case KR_NE: return kr_bool(c != 0);
    case KR_GT: return kr_bool(c > 0);
    default: return kr_bool(c >= 0);
    }
}

static KrValue cell_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type;
    if (kr_no_kwargs(t, "cell", kwnames) < 0 || kr_check_nargs(t, "cell", nargs, 0, 1) < 0)
        return KR_ERROR;
    return kr_cell_new(t, nargs ? args[0] : KR_ABSENT);
}

static const KrGetSetDef cell_getsets[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL},
    {NULL, NULL, NULL, NULL},
};

static void cell_fill(KrType *tp)
{
    tp->dealloc = cell_dealloc;
    tp->traverse = cell_traverse;
    tp->clear = cell_clear;
    tp->repr = cell_repr;
    tp->compare = cell_compare;
    tp->new_ = cell_new;
    tp->hash = kr_hash_not_implemented;
}

const KrTypeSpec kr_cell_spec = {
    .name = "cell",
    .basicsize = sizeof(KrCell),
    .flags = KR_TPFLAG_GC,
    .getsets = cell_getsets,
    .fill = cell_fill,
};
