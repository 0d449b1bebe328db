/* Exceptions that cannot propagate (raised by __del__, a weakref callback,
 * a generator closed when it is freed...) go to sys.unraisablehook as an
 * UnraisableHookArgs: a tuple of five named fields, like CPython's struct
 * sequence of that name.  The default hook (run.c) prints
 * "Exception ignored in: <repr>" and the traceback. */
#include "runtime/runtime.h"

enum { ARG_EXC_TYPE, ARG_EXC_VALUE, ARG_EXC_TB, ARG_ERR_MSG, ARG_OBJECT, N_ARGS };

static const char *const arg_names[N_ARGS] = {"exc_type", "exc_value", "exc_traceback", "err_msg", "object"};

static KrValue args_item(KrValue self, int i) { return kr_tuple_items(self)[i]; }

#define ARG_GETTER(fn, IDX)                                                                        \
    static KrValue fn(KrThread *t, KrValue self)                                                   \
    {                                                                                              \
        (void)t;                                                                                   \
        return kr_incref(args_item(self, IDX));                                                    \
    }
ARG_GETTER(get_exc_type, ARG_EXC_TYPE)
ARG_GETTER(get_exc_value, ARG_EXC_VALUE)
ARG_GETTER(get_exc_tb, ARG_EXC_TB)
ARG_GETTER(get_err_msg, ARG_ERR_MSG)
ARG_GETTER(get_object, ARG_OBJECT)
#undef ARG_GETTER

static const KrGetSetDef hook_args_getsets[] = {
    {"exc_type", get_exc_type, NULL, "Exception type"},
    {"exc_value", get_exc_value, NULL, "Exception value"},
    {"exc_traceback", get_exc_tb, NULL, "Exception traceback"},
    {"err_msg", get_err_msg, NULL, "Error message"},
    {"object", get_object, NULL, "Object causing the exception"},
    {NULL, NULL, NULL, NULL},
};

/* "UnraisableHookArgs(exc_type=..., ...)", as struct sequences print. */
static KrValue hook_args_repr(KrThread *t, KrValue self)
{
    KrStrBuilder b;
    kr_sb_init(&b);
    if (kr_sb_append_ascii(t, &b, "UnraisableHookArgs(", 19) < 0)
        goto fail;
    for (int i = 0; i < N_ARGS; i++) {
        KrValue r = kr_format(t, "%s%s=%R", i ? ", " : "", arg_names[i], args_item(self, i));
        if (r == KR_ERROR)
            goto fail;
        int st = kr_sb_append_str(t, &b, r);
        kr_decref(t, r);
        if (st < 0)
            goto fail;
    }
    if (kr_sb_append_ascii(t, &b, ")", 1) < 0)
        goto fail;
    return kr_sb_finish(t, &b);
fail:
    kr_sb_discard(&b);
    return KR_ERROR;
}

static void hook_args_fill(KrType *tp) { tp->repr = hook_args_repr; }

const KrTypeSpec kr_unraisable_hook_args_spec = {
    .name = "UnraisableHookArgs",
    .basicsize = sizeof(KrTuple),
    .itemsize = sizeof(KrValue),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_TUPLE_SUBCLASS,
    .getsets = hook_args_getsets,
    .fill = hook_args_fill,
    .doc = "UnraisableHookArgs\n\nType used to pass arguments to sys.unraisablehook.",
};

static KrValue hook_args_new(KrThread *t, KrValue exc, KrValue err_msg, KrValue obj)
{
    KrTuple *tu = (KrTuple *)kr_alloc(t, kr_builtin_type(t, UNRAISABLE_HOOK_ARGS),
                                      sizeof(KrTuple) + N_ARGS * sizeof(KrValue));
    if (!tu)
        return KR_ERROR;
    tu->hash = -1;
    tu->len = N_ARGS;
    tu->items[ARG_EXC_TYPE] = kr_incref(kr_ptr(kr_type(t, exc)));
    tu->items[ARG_EXC_VALUE] = kr_incref(exc);
    tu->items[ARG_EXC_TB] = kr_incref(kr_exception_traceback(exc));
    tu->items[ARG_ERR_MSG] = kr_incref(err_msg);
    tu->items[ARG_OBJECT] = obj == KR_ABSENT ? KR_NONE : kr_incref(obj);
    return kr_ptr(tu);
}

static KrValue sys_attr(KrThread *t, const char *name)
{
    if (!kr_is_ptr(t->vm->sys))
        return KR_ABSENT;
    KrValue v = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, name);
    if (v == KR_ERROR) {
        kr_err_clear(t);
        return KR_ABSENT;
    }
    return v;
}

void kr_err_write_unraisable(KrThread *t, const char *msg, KrValue obj)
{
    KrValue exc = kr_err_fetch(t);
    if (exc == KR_ABSENT)
        return;
    /* An exception raised by C code has no traceback: CPython gives it the
     * frame that was running, so the report shows where it happened. */
    if (!kr_is_ptr(kr_exception_traceback(exc)) && t->frame)
        kr_traceback_add_current(t, exc);
    KrValue err_msg = KR_NONE;
    if (msg && (err_msg = kr_str_from_cstr(t, msg)) == KR_ERROR) {
        kr_err_clear(t);
        err_msg = KR_NONE;
    }
    KrValue hook = sys_attr(t, "unraisablehook");
    KrValue dflt = sys_attr(t, "__unraisablehook__");
    if (hook == KR_ABSENT || hook == KR_NONE || hook == dflt) {
        kr_unraisable_default(t, kr_ptr(kr_type(t, exc)), exc, kr_exception_traceback(exc), err_msg, obj);
        goto done;
    }
    hook = kr_incref(hook);
    KrValue args = hook_args_new(t, exc, err_msg, obj);
    KrValue r = args == KR_ERROR ? KR_ERROR : kr_call1(t, hook, args);
    kr_decref(t, args);
    if (r != KR_ERROR) {
        kr_decref(t, r);
    } else {
        /* The hook failed: its own exception is reported instead. */
        KrValue e2 = kr_err_fetch(t);
        KrValue m2 = kr_str_from_cstr(t, "Exception ignored in sys.unraisablehook");
        if (m2 == KR_ERROR) {
            kr_err_clear(t);
            m2 = KR_NONE;
        }
        if (kr_is_exception(t, e2))
            kr_unraisable_default(t, kr_ptr(kr_type(t, e2)), e2, kr_exception_traceback(e2), m2, hook);
        kr_decref(t, e2);
        kr_decref(t, m2);
    }
    kr_decref(t, hook);
done:
    kr_decref(t, err_msg);
    kr_decref(t, exc);
    kr_err_clear(t);
}
