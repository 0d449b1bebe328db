/* TEMPORARY: the minimal exception classes the VM needs to start, until
 * objects/exceptions.c (being written on the h/exc branch) replaces this
 * file.  Every class shares BaseException's layout here. */
#include <stdlib.h>

#include "objects/objects.h"

static KrValue exc_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    KrBaseException *e = (KrBaseException *)kr_alloc(t, type, type->basicsize);
    if (!e)
        return KR_ERROR;
    e->dict = KR_ABSENT;
    e->traceback = e->context = e->cause = KR_NONE;
    e->args = kr_tuple_from(t, args, nargs);
    if (e->args == KR_ERROR) {
        e->args = KR_NONE;
        kr_decref(t, kr_ptr(e));
        return KR_ERROR;
    }
    return kr_ptr(e);
}

static int exc_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    KrValue a = kr_tuple_from(t, args, nargs);
    if (a == KR_ERROR)
        return -1;
    KrValue old = kr_as_exception(self)->args;
    kr_as_exception(self)->args = a;
    kr_decref(t, old);
    return 0;
}

static void exc_dealloc(KrThread *t, KrObject *o)
{
    KrBaseException *e = (KrBaseException *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &e->dict);
    kr_clear(t, &e->args);
    kr_clear(t, &e->traceback);
    kr_clear(t, &e->context);
    kr_clear(t, &e->cause);
    kr_free_object(t, o);
}

static void exc_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrBaseException *e = (KrBaseException *)o;
    KrValue vs[5] = {e->dict, e->args, e->traceback, e->context, e->cause};
    for (int i = 0; i < 5; i++)
        if (kr_is_ptr(vs[i]))
            visit(kr_as_ptr(vs[i]), arg);
}

static KrValue exc_str(KrThread *t, KrValue self)
{
    KrValue args = kr_as_exception(self)->args;
    size_t n = kr_tuple_len(args);
    if (n == 0)
        return kr_incref(t->vm->empty_str);
    if (n == 1) {
        if (kr_type_check(t, self, kr_exc_type(t, KeyError)))
            return kr_repr(t, kr_tuple_items(args)[0]);
        return kr_str(t, kr_tuple_items(args)[0]);
    }
    return kr_str(t, args);
}

static KrValue exc_repr(KrThread *t, KrValue self)
{
    KrValue args = kr_as_exception(self)->args;
    const char *name = kr_typename_of(t, self);
    if (kr_tuple_len(args) == 1)
        return kr_format(t, "%s(%R)", name, kr_tuple_items(args)[0]);
    return kr_format(t, "%s%R", name, args);
}

static KrValue exc_get_args(KrThread *t, KrValue self) { (void)t; return kr_incref(kr_as_exception(self)->args); }
static KrValue exc_get_tb(KrThread *t, KrValue self) { (void)t; return kr_incref(kr_as_exception(self)->traceback); }
static KrValue exc_get_context(KrThread *t, KrValue self) { (void)t; return kr_incref(kr_as_exception(self)->context); }
static KrValue exc_get_cause(KrThread *t, KrValue self) { (void)t; return kr_incref(kr_as_exception(self)->cause); }
static KrValue exc_get_suppress(KrThread *t, KrValue self) { (void)t; return kr_bool(kr_as_exception(self)->suppress_context); }

static int exc_set_tb(KrThread *t, KrValue self, KrValue v) { kr_exception_set_traceback(t, self, v); return 0; }
static int exc_set_context(KrThread *t, KrValue self, KrValue v) { kr_exception_set_context(t, self, v); return 0; }
static int exc_set_cause(KrThread *t, KrValue self, KrValue v)
{
    kr_exception_set_cause(t, self, v);
    kr_as_exception(self)->suppress_context = true;
    return 0;
}
static int exc_set_suppress(KrThread *t, KrValue self, KrValue v)
{
    int b = kr_truth(t, v);
    if (b < 0)
        return -1;
    kr_as_exception(self)->suppress_context = b;
    return 0;
}

static KrValue stop_get_value(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(kr_stop_iteration_value(self));
}

static const KrGetSetDef exc_getsets[] = {
    {"args", exc_get_args, NULL, NULL},
    {"__traceback__", exc_get_tb, exc_set_tb, NULL},
    {"__context__", exc_get_context, exc_set_context, NULL},
    {"__cause__", exc_get_cause, exc_set_cause, NULL},
    {"__suppress_context__", exc_get_suppress, exc_set_suppress, NULL},
    {NULL, NULL, NULL, NULL},
};

static const KrGetSetDef stop_getsets[] = {
    {"value", stop_get_value, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void exc_fill(KrType *tp)
{
    tp->new_ = exc_new;
    tp->init = exc_init;
    tp->dealloc = exc_dealloc;
    tp->traverse = exc_traverse;
    tp->str = exc_str;
    tp->repr = exc_repr;
}

#define KR_EXCEPTION(name, base, layout)                                                                 \
    static const KrTypeSpec spec_##name = {                                                              \
        .name = #name,                                                                                   \
        .basicsize = sizeof(KrBaseException) + sizeof(KrValue),                                          \
        .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE | KR_TPFLAG_EXC_SUBCLASS,                            \
        .getsets = KR_E_##name == KR_E_BaseException ? exc_getsets                                       \
                   : KR_E_##name == KR_E_StopIteration ? stop_getsets : NULL,                            \
        .fill = KR_E_##name == KR_E_BaseException ? exc_fill : NULL,                                     \
    };
#include "objects/exceptions.def"
#undef KR_EXCEPTION

static const KrTypeSpec *const exc_specs[KR_E_COUNT] = {
#define KR_EXCEPTION(name, base, layout) &spec_##name,
#include "objects/exceptions.def"
#undef KR_EXCEPTION
};

static const int exc_bases[KR_E_COUNT] = {
#define KR_EXCEPTION(name, base, layout) KR_E_##base,
#include "objects/exceptions.def"
#undef KR_EXCEPTION
};

int kr_exceptions_init(KrThread *t)
{
    KrVM *vm = t->vm;
    for (int i = 0; i < KR_E_COUNT; i++) {
        KrType *base = i == KR_E_BaseException ? kr_builtin_type(t, OBJECT) : vm->exceptions[exc_bases[i]];
        KrValue bases = KR_ABSENT;
        if (i == KR_E_ExceptionGroup)
            bases = kr_tuple_pack(t, 2, kr_ptr(vm->exceptions[KR_E_BaseExceptionGroup]),
                                  kr_ptr(vm->exceptions[KR_E_Exception]));
        KrType *tp = kr_type_from_spec(t, exc_specs[i], base, bases);
        kr_xdecref(t, bases);
        if (!tp)
            return -1;
        /* The instance __dict__ lives in KrBaseException.dict. */
        tp->dictoffset = offsetof(KrBaseException, dict);
        vm->exceptions[i] = tp;
        if (kr_type_ready_builtin(t, tp) < 0)
            return -1;
    }
    KrValue args = kr_tuple_new(t, 0);
    if (args == KR_ERROR)
        return -1;
    vm->memory_error = kr_exception_new(t, vm->exceptions[KR_E_MemoryError], args);
    kr_decref(t, args);
    return vm->memory_error == KR_ERROR ? -1 : 0;
}

int kr_exceptions_add_to_builtins(KrThread *t, KrValue d)
{
    for (int i = 0; i < KR_E_COUNT; i++)
        if (kr_dict_set_cstr(t, d, t->vm->exceptions[i]->name, kr_ptr(t->vm->exceptions[i])) < 0)
            return -1;
    if (kr_dict_set_cstr(t, d, "EnvironmentError", kr_ptr(t->vm->exceptions[KR_E_OSError])) < 0 ||
        kr_dict_set_cstr(t, d, "IOError", kr_ptr(t->vm->exceptions[KR_E_OSError])) < 0)
        return -1;
    return 0;
}

KrValue kr_exception_new(KrThread *t, KrType *type, KrValue args)
{
    return kr_call(t, kr_ptr(type), kr_tuple_items(args), kr_tuple_len(args), 0);
}

KrValue kr_exception_traceback(KrValue exc) { return kr_as_exception(exc)->traceback; }

void kr_exception_set_traceback(KrThread *t, KrValue exc, KrValue tb)
{
    kr_assign(t, &kr_as_exception(exc)->traceback, tb == KR_ABSENT ? KR_NONE : tb);
}

void kr_exception_set_context(KrThread *t, KrValue exc, KrValue context)
{
    kr_assign(t, &kr_as_exception(exc)->context, context == KR_ABSENT ? KR_NONE : context);
}

void kr_exception_set_cause(KrThread *t, KrValue exc, KrValue cause)
{
    kr_assign(t, &kr_as_exception(exc)->cause, cause == KR_ABSENT ? KR_NONE : cause);
}

KrValue kr_exception_args(KrValue exc) { return kr_as_exception(exc)->args; }

KrValue kr_stop_iteration_value(KrValue exc)
{
    KrValue args = kr_as_exception(exc)->args;
    return kr_tuple_len(args) > 0 ? kr_tuple_items(args)[0] : KR_NONE;
}
