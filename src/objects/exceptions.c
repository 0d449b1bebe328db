/* The built-in exception classes (objects/exceptions.def).
 *
 * Every exception instance starts with KrBaseException (objects.h); the
 * classes with more state extend it with a struct of KrValue fields (the
 * `layout` column of exceptions.def).  Because every added field is a
 * KrValue, one dealloc/traverse/clear serves every layout: the fields are
 * the words between the end of KrBaseException and the end of the layout,
 * whose size is the basicsize of the nearest built-in class in the MRO.
 *
 * An added field holds KR_ABSENT where CPython's holds NULL; reading it as
 * an attribute gives None.  The difference shows in a few places (an
 * OSError's str() checks whether a file name was given, not whether it is
 * None), so it is kept.
 *
 * The class objects are built per VM from the KrTypeSpecs below; most are
 * generated from exceptions.def, the classes with their own behaviour have
 * hand-written specs (exc_special_spec). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"

/* ------------------------------------------------------------------ */
/* Layouts                                                             */
/* ------------------------------------------------------------------ */

typedef struct ExcGroup {
    KrBaseException b;
    KrValue msg;                /* str */
    KrValue excs;               /* non-empty tuple of exceptions */
} ExcGroup;

typedef struct ExcAttributeError {
    KrBaseException b;
    KrValue name, obj;
} ExcAttributeError;

typedef struct ExcImportError {
    KrBaseException b;
    KrValue msg, name, path;
} ExcImportError;

typedef struct ExcNameError {
    KrBaseException b;
    KrValue name;
} ExcNameError;

typedef struct ExcOSError {
    KrBaseException b;
    KrValue myerrno, strerror, filename, filename2;
    KrValue written;            /* BlockingIOError.characters_written (int), or absent */
} ExcOSError;

typedef struct ExcStopIteration {
    KrBaseException b;
    KrValue value;
} ExcStopIteration;

typedef struct ExcSyntaxError {
    KrBaseException b;
    KrValue msg, filename, lineno, offset, text, end_lineno, end_offset, print_file_and_line;
} ExcSyntaxError;

typedef struct ExcUnicodeError {
    KrBaseException b;
    KrValue encoding, object;
    KrValue start, end;         /* ints (Py_ssize_t in CPython); absent reads as 0 */
    KrValue reason;
} ExcUnicodeError;

typedef struct ExcSystemExit {
    KrBaseException b;
    KrValue code;
} ExcSystemExit;

#define EXC_STRUCT_BASE KrBaseException
#define EXC_STRUCT_EXCGROUP ExcGroup
#define EXC_STRUCT_ATTRIBUTEERROR ExcAttributeError
#define EXC_STRUCT_IMPORTERROR ExcImportError
#define EXC_STRUCT_NAMEERROR ExcNameError
#define EXC_STRUCT_OSERROR ExcOSError
#define EXC_STRUCT_STOPITERATION ExcStopIteration
#define EXC_STRUCT_SYNTAXERROR ExcSyntaxError
#define EXC_STRUCT_UNICODEERROR ExcUnicodeError
#define EXC_STRUCT_SYSTEMEXIT ExcSystemExit

/* The generic field walk relies on every layout being KrBaseException
 * followed by whole KrValues. */
#define KR_EXCEPTION(cls, base, layout)                                                    \
    _Static_assert((sizeof(EXC_STRUCT_##layout) - sizeof(KrBaseException)) % sizeof(KrValue) == 0, \
                   #layout " must add only KrValue fields");
#include "objects/exceptions.def"
#undef KR_EXCEPTION
_Static_assert(sizeof(KrBaseException) % sizeof(KrValue) == 0, "KrBaseException size");

#define EXC_OF(T, v) ((T *)kr_as_ptr(v))

/* The instance size of the built-in layout under tp (a class written in
 * Python adds its own slots after it, which its own dealloc releases). */
static size_t exc_layout_size(KrType *tp)
{
    while (tp->flags & KR_TPFLAG_HEAPTYPE)
        tp = tp->base;
    return tp->basicsize;
}

static KrValue *exc_extra_fields(KrObject *o, size_t *n)
{
    size_t size = exc_layout_size(o->type);
    *n = (size - sizeof(KrBaseException)) / sizeof(KrValue);
    return (KrValue *)((char *)o + sizeof(KrBaseException));
}

/* The args tuple, never absent (a cleared exception has none). */
static KrValue exc_args_of(KrThread *t, KrValue self)
{
    KrValue a = kr_as_exception(self)->args;
    return a == KR_ABSENT ? t->vm->empty_tuple : a;
}

static KrValue exc_empty_str(KrThread *t)
{
    KrValue s = t->vm->empty_str;
    return s && s != KR_ABSENT ? kr_incref(s) : kr_str_from_cstr(t, "");
}

/* ------------------------------------------------------------------ */
/* Allocation, GC                                                      */
/* ------------------------------------------------------------------ */

/* A new instance of `type` with the given args tuple (borrowed). */
static KrValue exc_alloc(KrThread *t, KrType *type, KrValue args)
{
    KrObject *o = kr_alloc(t, type, type->basicsize);
    if (!o)
        return KR_ERROR;
    KrBaseException *e = (KrBaseException *)o;
    e->dict = KR_ABSENT;
    e->args = kr_incref(args);
    e->traceback = e->context = e->cause = KR_NONE;
    e->suppress_context = false;
    /* Every word after the header is a KrValue: our fields, then the slots
     * of a Python subclass. */
    KrValue *w = (KrValue *)((char *)o + sizeof(KrBaseException));
    KrValue *end = (KrValue *)((char *)o + type->basicsize);
    while (w < end)
        *w++ = KR_ABSENT;
    return kr_ptr(o);
}

static void exc_clear_slots(KrThread *t, KrObject *o)
{
    KrBaseException *e = (KrBaseException *)o;
    kr_clear(t, &e->dict);
    kr_clear(t, &e->args);
    /* The VM reads these without checking for absence. */
    kr_assign(t, &e->traceback, KR_NONE);
    kr_assign(t, &e->context, KR_NONE);
    kr_assign(t, &e->cause, KR_NONE);
    size_t n;
    KrValue *f = exc_extra_fields(o, &n);
    for (size_t i = 0; i < n; i++)
        kr_clear(t, &f[i]);
}

static void exc_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    exc_clear_slots(t, o);
    kr_free_object(t, o);
}

static void exc_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrBaseException *e = (KrBaseException *)o;
    KrValue base[] = {e->dict, e->args, e->traceback, e->context, e->cause};
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
        if (kr_is_ptr(base[i]))
            visit(kr_as_ptr(base[i]), arg);
    size_t n;
    KrValue *f = exc_extra_fields(o, &n);
    for (size_t i = 0; i < n; i++)
        if (kr_is_ptr(f[i]))
            visit(kr_as_ptr(f[i]), arg);
}

/* ------------------------------------------------------------------ */
/* Argument helpers                                                    */
/* ------------------------------------------------------------------ */

static bool exc_has_kwargs(KrValue kwnames)
{
    return kwnames && kwnames != KR_ABSENT && kr_tuple_len(kwnames) > 0;
}

/* CPython's _PyArg_NoKeywords with the instance's type name. */
static int exc_no_kwargs(KrThread *t, KrType *type, KrValue kwnames)
{
    if (!exc_has_kwargs(kwnames))
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() takes no keyword arguments",
                            kr_type_name(type));
}

/* Keyword-only arguments `names` (nothing positional), for NameError,
 * AttributeError and ImportError: out[i] borrowed or KR_ABSENT. */
static int exc_parse_kwonly(KrThread *t, const char *fname, const char *const *names, int nnames,
                            const KrValue *kwvalues, KrValue kwnames, KrValue *out)
{
    for (int i = 0; i < nnames; i++)
        out[i] = KR_ABSENT;
    if (!exc_has_kwargs(kwnames))
        return 0;
    size_t nkw = kr_tuple_len(kwnames);
    for (size_t k = 0; k < nkw; k++) {
        KrValue key = kr_tuple_items(kwnames)[k];
        int i = 0;
        while (i < nnames && !kr_str_equal_cstr(key, names[i]))
            i++;
        if (i == nnames)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "'%U' is an invalid keyword argument for %s()", key, fname);
        out[i] = kwvalues[k];
    }
    return 0;
}

/* CPython's METH_O and METH_NOARGS checks, named as the method descriptor. */
static int exc_check_one_arg(KrThread *t, const char *qualname, size_t nargs)
{
    if (nargs == 1)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                            "%s() takes exactly one argument (%zu given)", qualname, nargs);
}

static int exc_check_no_args(KrThread *t, const char *qualname, size_t nargs)
{
    if (nargs == 0)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                            "%s() takes no arguments (%zu given)", qualname, nargs);
}

/* A sequence as PySequence_Check sees it: indexable and not a dict. */
static bool exc_is_sequence(KrThread *t, KrValue v)
{
    if (kr_is_list(t, v) || kr_is_tuple(t, v))
        return true;
    return !kr_is_dict(t, v) && kr_type(t, v)->getitem != NULL;
}

static bool exc_is_bytes(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_type_check(t, v, kr_builtin_type(t, BYTES));
}

/* v as a Py_ssize_t the way CPython's "n" format and PyNumber_AsSsize_t
 * with ValueError convert it. */
static int exc_as_ssize_valueerror(KrThread *t, KrValue v, int64_t *out)
{
    if (kr_as_ssize(t, v, out) == 0)
        return 0;
    if (kr_err_matches(t, kr_exc_type(t, OverflowError))) {
        kr_err_clear(t);
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError),
                                "cannot fit '%T' into an index-sized integer", v);
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* BaseException                                                       */
/* ------------------------------------------------------------------ */

static KrValue exc_base_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs,
                            KrValue kwnames)
{
    (void)kwnames; /* __init__ checks them, so that subclasses may take keywords */
    KrValue tu = kr_tuple_from(t, args, nargs);
    if (tu == KR_ERROR)
        return KR_ERROR;
    KrValue self = exc_alloc(t, type, tu);
    kr_decref(t, tu);
    return self;
}

/* self.args = args[0..nargs), keeping the tuple __new__ stored when it
 * holds the same objects (the common case: no allocation). */
static int exc_store_args(KrThread *t, KrValue self, const KrValue *args, size_t nargs)
{
    KrBaseException *e = kr_as_exception(self);
    if (e->args != KR_ABSENT && kr_tuple_len(e->args) == nargs) {
        size_t i = 0;
        while (i < nargs && kr_tuple_items(e->args)[i] == args[i])
            i++;
        if (i == nargs)
            return 0;
    }
    KrValue tu = kr_tuple_from(t, args, nargs);
    if (tu == KR_ERROR)
        return -1;
    kr_assign(t, &e->args, tu);
    kr_decref(t, tu);
    return 0;
}

static int exc_base_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (exc_no_kwargs(t, kr_type(t, self), kwnames) < 0)
        return -1;
    return exc_store_args(t, self, args, nargs);
}

/* The class name without its module (CPython's _PyType_Name). */
static const char *exc_short_type_name(KrType *tp)
{
    const char *name = kr_type_name(tp);
    const char *dot = strrchr(name, '.');
    return dot ? dot + 1 : name;
}

static KrValue exc_base_repr(KrThread *t, KrValue self)
{
    const char *name = exc_short_type_name(kr_type(t, self));
    KrValue args = exc_args_of(t, self);
    if (kr_tuple_len(args) == 1)
        return kr_format(t, "%s(%R)", name, kr_tuple_items(args)[0]);
    return kr_format(t, "%s%R", name, args);
}

static KrValue exc_base_str(KrThread *t, KrValue self)
{
    KrValue args = exc_args_of(t, self);
    switch (kr_tuple_len(args)) {
    case 0: return exc_empty_str(t);
    case 1: return kr_str(t, kr_tuple_items(args)[0]);
    default: return kr_str(t, args);
    }
}

/* -- getsets -- */

static KrValue exc_get_args(KrThread *t, KrValue self)
{
    (void)t;
    KrValue a = kr_as_exception(self)->args;
    return a == KR_ABSENT ? KR_NONE : kr_incref(a);
}

static int exc_set_args(KrThread *t, KrValue self, KrValue value)
{
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "args may not be deleted");
    KrValue tu = kr_tuple_from_iterable(t, value);
    if (tu == KR_ERROR)
        return -1;
    kr_assign(t, &kr_as_exception(self)->args, tu);
    kr_decref(t, tu);
    return 0;
}

static KrValue exc_get_traceback(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(kr_as_exception(self)->traceback);
}

static int exc_set_traceback_attr(KrThread *t, KrValue self, KrValue value)
{
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__traceback__ may not be deleted");
    if (value != KR_NONE && kr_type(t, value) != kr_builtin_type(t, TRACEBACK))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__traceback__ must be a traceback or None");
    kr_assign(t, &kr_as_exception(self)->traceback, value);
    return 0;
}

static KrValue exc_get_context(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(kr_as_exception(self)->context);
}

static int exc_set_context_attr(KrThread *t, KrValue self, KrValue value)
{
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__context__ may not be deleted");
    if (value != KR_NONE && !kr_is_exception(t, value))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "exception context must be None or derive from BaseException");
    kr_assign(t, &kr_as_exception(self)->context, value);
    return 0;
}

static KrValue exc_get_cause(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(kr_as_exception(self)->cause);
}

static int exc_set_cause_attr(KrThread *t, KrValue self, KrValue value)
{
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__cause__ may not be deleted");
    if (value != KR_NONE && !kr_is_exception(t, value))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "exception cause must be None or derive from BaseException");
    kr_exception_set_cause(t, self, value);
    return 0;
}

static KrValue exc_get_suppress_context(KrThread *t, KrValue self)
{
    (void)t;
    return kr_bool(kr_as_exception(self)->suppress_context);
}

static int exc_set_suppress_context(KrThread *t, KrValue self, KrValue value)
{
    /* A T_BOOL member in CPython. */
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "can't delete numeric/char attribute");
    if (!kr_is_bool(value))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "attribute value type must be bool");
    kr_as_exception(self)->suppress_context = value == KR_TRUE;
    return 0;
}

static KrValue exc_get_dict(KrThread *t, KrValue self)
{
    KrBaseException *e = kr_as_exception(self);
    if (e->dict == KR_ABSENT) {
        KrValue d = kr_dict_new(t);
        if (d == KR_ERROR)
            return KR_ERROR;
        e->dict = d;
    }
    return kr_incref(e->dict);
}

static int exc_set_dict(KrThread *t, KrValue self, KrValue value)
{
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "cannot delete __dict__");
    if (!kr_is_dict(t, value))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "__dict__ must be set to a dictionary, not a '%T'", value);
    kr_assign(t, &kr_as_exception(self)->dict, value);
    return 0;
}

/* -- methods -- */

static KrValue exc_with_traceback(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                  KrValue kwnames)
{
    (void)kwnames;
    if (exc_check_one_arg(t, "BaseException.with_traceback", nargs) < 0 ||
        exc_set_traceback_attr(t, self, args[0]) < 0)
        return KR_ERROR;
    return kr_incref(self);
}

static KrValue exc_add_note(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                            KrValue kwnames)
{
    (void)kwnames;
    if (exc_check_one_arg(t, "BaseException.add_note", nargs) < 0)
        return KR_ERROR;
    KrValue note = args[0];
    if (!kr_is_str(t, note))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "note must be a str, not '%T'", note);
    /* Through the attribute protocol, as CPython 3.11: the notes live in
     * the instance dict, and a subclass may make __notes__ a property. */
    KrValue name = kr_name(t, dunder_notes);
    KrValue notes;
    int found = kr_lookup_attr(t, self, name, &notes);
    if (found < 0)
        return KR_ERROR;
    if (!found) {
        notes = kr_list_new(t, 0);
        if (notes == KR_ERROR)
            return KR_ERROR;
        if (kr_setattr(t, self, name, notes) < 0) {
            kr_decref(t, notes);
            return KR_ERROR;
        }
        kr_decref(t, notes);
        if (kr_lookup_attr(t, self, name, &notes) <= 0) {
            if (!kr_err_occurred(t))
                kr_raise_fmt(t, kr_exc_type(t, AttributeError), "__notes__");
            return KR_ERROR;
        }
    }
    if (!kr_is_list(t, notes)) {
        kr_decref(t, notes);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "Cannot add note: __notes__ is not a list");
    }
    int r = kr_list_append(t, notes, note);
    kr_decref(t, notes);
    return r < 0 ? KR_ERROR : KR_NONE;
}

/* (type, args) or (type, args, state); state KR_ABSENT for none. */
static KrValue exc_reduce_value(KrThread *t, KrValue self, KrValue args, KrValue state)
{
    KrValue type = kr_type_value(kr_type(t, self));
    if (state == KR_ABSENT)
        return kr_tuple_pack(t, 2, type, args);
    return kr_tuple_pack(t, 3, type, args, state);
}

static KrValue exc_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (exc_check_no_args(t, "BaseException.__reduce__", nargs) < 0)
        return KR_ERROR;
    return exc_reduce_value(t, self, exc_args_of(t, self), kr_as_exception(self)->dict);
}

static KrValue exc_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                            KrValue kwnames)
{
    (void)kwnames;
    if (exc_check_one_arg(t, "BaseException.__setstate__", nargs) < 0)
        return KR_ERROR;
    KrValue state = args[0];
    if (state == KR_NONE)
        return KR_NONE;
    if (!kr_is_dict(t, state))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "state is not a dictionary");
    /* A setter may change the dict: iterate over a snapshot of the keys. */
    KrValue keys = kr_dict_keys_list(t, state);
    if (keys == KR_ERROR)
        return KR_ERROR;
    for (size_t i = 0; i < kr_as_list(keys)->len; i++) {
        KrValue k = kr_as_list(keys)->items[i];
        KrValue v = kr_dict_get(t, state, k);
        if (v == KR_ERROR || (v != KR_ABSENT && kr_setattr(t, self, k, v) < 0)) {
            kr_decref(t, keys);
            return KR_ERROR;
        }
    }
    kr_decref(t, keys);
    return KR_NONE;
}

/* ------------------------------------------------------------------ */
/* Simple member attributes                                            */
/* ------------------------------------------------------------------ */

/* An object attribute stored in a field (CPython's T_OBJECT member):
 * absent reads as None, deleting makes it absent again. */
#define EXC_MEMBER(Struct, field)                                                       \
    static KrValue Struct##_get_##field(KrThread *t, KrValue self)                      \
    {                                                                                   \
        (void)t;                                                                        \
        KrValue v = EXC_OF(Struct, self)->field;                                        \
        return v == KR_ABSENT ? KR_NONE : kr_incref(v);                                 \
    }                                                                                   \
    static int Struct##_set_##field(KrThread *t, KrValue self, KrValue value)           \
    {                                                                                   \
        KrValue *slot = &EXC_OF(Struct, self)->field;                                   \
        if (value == KR_ABSENT)                                                         \
            kr_clear(t, slot);                                                          \
        else                                                                            \
            kr_assign(t, slot, value);                                                  \
        return 0;                                                                       \
    }

#define EXC_GETSET(Struct, field, pyname, doc) {pyname, Struct##_get_##field, Struct##_set_##field, doc}

EXC_MEMBER(ExcStopIteration, value)
EXC_MEMBER(ExcSystemExit, code)
EXC_MEMBER(ExcImportError, msg)
EXC_MEMBER(ExcImportError, name)
EXC_MEMBER(ExcImportError, path)
EXC_MEMBER(ExcNameError, name)
EXC_MEMBER(ExcAttributeError, name)
EXC_MEMBER(ExcAttributeError, obj)
EXC_MEMBER(ExcOSError, myerrno)
EXC_MEMBER(ExcOSError, strerror)
EXC_MEMBER(ExcOSError, filename)
EXC_MEMBER(ExcOSError, filename2)
EXC_MEMBER(ExcSyntaxError, msg)
EXC_MEMBER(ExcSyntaxError, filename)
EXC_MEMBER(ExcSyntaxError, lineno)
EXC_MEMBER(ExcSyntaxError, offset)
EXC_MEMBER(ExcSyntaxError, text)
EXC_MEMBER(ExcSyntaxError, end_lineno)
EXC_MEMBER(ExcSyntaxError, end_offset)
EXC_MEMBER(ExcSyntaxError, print_file_and_line)
EXC_MEMBER(ExcUnicodeError, encoding)
EXC_MEMBER(ExcUnicodeError, object)
EXC_MEMBER(ExcUnicodeError, reason)

/* ------------------------------------------------------------------ */
/* StopIteration, SystemExit, KeyError                                 */
/* ------------------------------------------------------------------ */

static int exc_stopiteration_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                  KrValue kwnames)
{
    if (exc_base_init(t, self, args, nargs, kwnames) < 0)
        return -1;
    kr_assign(t, &EXC_OF(ExcStopIteration, self)->value, nargs > 0 ? args[0] : KR_NONE);
    return 0;
}

static int exc_systemexit_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                               KrValue kwnames)
{
    if (exc_base_init(t, self, args, nargs, kwnames) < 0)
        return -1;
    if (nargs == 0)
        return 0;
    /* One argument is the code; several are kept together as a tuple. */
    kr_assign(t, &EXC_OF(ExcSystemExit, self)->code,
              nargs == 1 ? args[0] : kr_as_exception(self)->args);
    return 0;
}

static KrValue exc_keyerror_str(KrThread *t, KrValue self)
{
    /* The missing key is shown as its repr, so KeyError('') is not blank. */
    KrValue args = exc_args_of(t, self);
    if (kr_tuple_len(args) == 1)
        return kr_repr(t, kr_tuple_items(args)[0]);
    return exc_base_str(t, self);
}

/* ------------------------------------------------------------------ */
/* ImportError, NameError, AttributeError                              */
/* ------------------------------------------------------------------ */

static int exc_importerror_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                KrValue kwnames)
{
    static const char *const names[] = {"name", "path"};
    KrValue kw[2];
    if (exc_store_args(t, self, args, nargs) < 0 ||
        exc_parse_kwonly(t, "ImportError", names, 2, args + nargs, kwnames, kw) < 0)
        return -1;
    ExcImportError *e = EXC_OF(ExcImportError, self);
    kr_assign(t, &e->name, kw[0]);
    kr_assign(t, &e->path, kw[1]);
    kr_assign(t, &e->msg, nargs == 1 ? args[0] : KR_ABSENT);
    return 0;
}

static KrValue exc_importerror_str(KrThread *t, KrValue self)
{
    KrValue msg = EXC_OF(ExcImportError, self)->msg;
    if (kr_is_exact_str(t, msg))
        return kr_incref(msg);
    return exc_base_str(t, self);
}

static KrValue exc_importerror_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                      KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (exc_check_no_args(t, "ImportError.__reduce__", nargs) < 0)
        return KR_ERROR;
    ExcImportError *e = EXC_OF(ExcImportError, self);
    KrValue dict = e->b.dict;
    if (e->name == KR_ABSENT && e->path == KR_ABSENT)
        return exc_reduce_value(t, self, exc_args_of(t, self), dict);
    /* name and path are not in args: they travel in the state. */
    KrValue state = dict == KR_ABSENT ? kr_dict_new(t) : kr_dict_copy(t, dict);
    if (state == KR_ERROR)
        return KR_ERROR;
    if ((e->name != KR_ABSENT && kr_dict_set(t, state, kr_name(t, name), e->name) < 0) ||
        (e->path != KR_ABSENT && kr_dict_set(t, state, kr_name(t, path), e->path) < 0)) {
        kr_decref(t, state);
        return KR_ERROR;
    }
    KrValue r = exc_reduce_value(t, self, exc_args_of(t, self), state);
    kr_decref(t, state);
    return r;
}

static int exc_nameerror_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                              KrValue kwnames)
{
    static const char *const names[] = {"name"};
    KrValue kw[1];
    if (exc_store_args(t, self, args, nargs) < 0 ||
        exc_parse_kwonly(t, "NameError", names, 1, args + nargs, kwnames, kw) < 0)
        return -1;
    kr_assign(t, &EXC_OF(ExcNameError, self)->name, kw[0]);
    return 0;
}

static int exc_attributeerror_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                   KrValue kwnames)
{
    static const char *const names[] = {"name", "obj"};
    KrValue kw[2];
    if (exc_store_args(t, self, args, nargs) < 0 ||
        exc_parse_kwonly(t, "AttributeError", names, 2, args + nargs, kwnames, kw) < 0)
        return -1;
    ExcAttributeError *e = EXC_OF(ExcAttributeError, self);
    kr_assign(t, &e->name, kw[0]);
    kr_assign(t, &e->obj, kw[1]);
    return 0;
}

void kr_attribute_error_add_context(KrThread *t, KrValue obj, KrValue name)
{
    KrValue exc = t->exc;
    if (!kr_is_ptr(exc) || !kr_is_subtype(kr_type(t, exc), kr_exc_type(t, AttributeError)))
        return;
    ExcAttributeError *e = EXC_OF(ExcAttributeError, exc);
    if (e->name != KR_ABSENT || e->obj != KR_ABSENT)
        return;
    kr_assign(t, &e->name, name);
    kr_assign(t, &e->obj, obj);
}

/* ------------------------------------------------------------------ */
/* OSError                                                             */
/* ------------------------------------------------------------------ */

/* OSError(errno, ...) makes the subclass for that errno (PEP 3151). */
static const struct {
    int err;
    KrExcId id;
} exc_errno_map[] = {
    {EAGAIN, KR_E_BlockingIOError},
    {EALREADY, KR_E_BlockingIOError},
    {EINPROGRESS, KR_E_BlockingIOError},
    {EWOULDBLOCK, KR_E_BlockingIOError},
    {EPIPE, KR_E_BrokenPipeError},
#ifdef ESHUTDOWN
    {ESHUTDOWN, KR_E_BrokenPipeError},
#endif
    {ECHILD, KR_E_ChildProcessError},
    {ECONNABORTED, KR_E_ConnectionAbortedError},
    {ECONNREFUSED, KR_E_ConnectionRefusedError},
    {ECONNRESET, KR_E_ConnectionResetError},
    {EEXIST, KR_E_FileExistsError},
    {ENOENT, KR_E_FileNotFoundError},
    {EISDIR, KR_E_IsADirectoryError},
    {ENOTDIR, KR_E_NotADirectoryError},
    {EINTR, KR_E_InterruptedError},
    {EACCES, KR_E_PermissionError},
    {EPERM, KR_E_PermissionError},
    {ESRCH, KR_E_ProcessLookupError},
    {ETIMEDOUT, KR_E_TimeoutError},
};

static KrValue exc_oserror_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs,
                               KrValue kwnames);
static int exc_oserror_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                            KrValue kwnames);

/* A subclass that defines __init__ but not __new__ gets its arguments in
 * __init__ only, so __new__ must not interpret them (CPython's
 * oserror_use_init). */
static bool exc_oserror_use_init(KrType *type)
{
    return type->init != exc_oserror_init && type->new_ == exc_oserror_new;
}

/* The fields of OSError(errno, strerror[, filename[, winerror[, filename2]]]):
 * with any other number of arguments none of them is set. */
enum { OSE_ERRNO, OSE_STRERROR, OSE_FILENAME, OSE_WINERROR, OSE_FILENAME2, OSE_COUNT };

static void exc_oserror_parse(const KrValue *args, size_t nargs, KrValue *f)
{
    for (int i = 0; i < OSE_COUNT; i++)
        f[i] = KR_ABSENT;
    if (nargs >= 2 && nargs <= 5)
        for (size_t i = 0; i < nargs; i++)
            f[i] = args[i];
}

/* Numbers as PyNumber_Check sees them. */
static bool exc_is_number(KrThread *t, KrValue v)
{
    if (kr_is_int(t, v) || kr_is_float_value(t, v) || kr_type_check(t, v, kr_builtin_type(t, COMPLEX)))
        return true;
    KrType *tp = kr_type(t, v);
    return tp->index || tp->to_int || tp->to_float;
}

/* Stores the parsed fields and the args tuple (only errno and strerror
 * when a file name was given: they are what str() and pickling need). */
static int exc_oserror_setup(KrThread *t, KrValue self, const KrValue *args, size_t nargs, const KrValue *f)
{
    ExcOSError *e = EXC_OF(ExcOSError, self);
    size_t keep = nargs;
    KrValue filename = f[OSE_FILENAME];
    if (filename != KR_ABSENT && filename != KR_NONE) {
        if (kr_type(t, self) == kr_exc_type(t, BlockingIOError) && exc_is_number(t, filename)) {
            /* BlockingIOError's third argument is the number of characters written. */
            int64_t n;
            if (exc_as_ssize_valueerror(t, filename, &n) < 0)
                return -1;
            KrValue w = kr_int_from_i64(t, n);
            if (w == KR_ERROR)
                return -1;
            kr_assign(t, &e->written, w);
            kr_decref(t, w);
        } else {
            kr_assign(t, &e->filename, filename);
            if (f[OSE_FILENAME2] != KR_ABSENT && f[OSE_FILENAME2] != KR_NONE)
                kr_assign(t, &e->filename2, f[OSE_FILENAME2]);
            if (nargs >= 2 && nargs <= 5)
                keep = 2;
        }
    }
    kr_assign(t, &e->myerrno, f[OSE_ERRNO]);
    kr_assign(t, &e->strerror, f[OSE_STRERROR]);
    return exc_store_args(t, self, args, keep);
}

static KrValue exc_oserror_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs,
                               KrValue kwnames)
{
    KrValue f[OSE_COUNT];
    bool use_init = exc_oserror_use_init(type);
    if (!use_init) {
        if (exc_no_kwargs(t, type, kwnames) < 0)
            return KR_ERROR;
        exc_oserror_parse(args, nargs, f);
        int64_t code;
        if (type == kr_exc_type(t, OSError) && f[OSE_ERRNO] != KR_ABSENT && kr_is_int(t, f[OSE_ERRNO])) {
            if (kr_int_as_i64(t, f[OSE_ERRNO], &code) < 0) {
                kr_err_clear(t); /* too big to be an errno: plain OSError */
            } else {
                for (size_t i = 0; i < sizeof exc_errno_map / sizeof exc_errno_map[0]; i++)
                    if (exc_errno_map[i].err == code) {
                        type = t->vm->exceptions[exc_errno_map[i].id];
                        break;
                    }
            }
        }
    }
    KrValue empty = kr_tuple_new(t, 0);
    if (empty == KR_ERROR)
        return KR_ERROR;
    KrValue self = exc_alloc(t, type, empty);
    kr_decref(t, empty);
    if (self == KR_ERROR)
        return KR_ERROR;
    if (!use_init && exc_oserror_setup(t, self, args, nargs, f) < 0) {
        kr_decref(t, self);
        return KR_ERROR;
    }
    return self;
}

static int exc_oserror_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                            KrValue kwnames)
{
    KrType *type = kr_type(t, self);
    if (!exc_oserror_use_init(type))
        return 0; /* __new__ did everything */
    if (exc_no_kwargs(t, type, kwnames) < 0)
        return -1;
    KrValue f[OSE_COUNT];
    exc_oserror_parse(args, nargs, f);
    return exc_oserror_setup(t, self, args, nargs, f);
}

static KrValue exc_or_none(KrValue v) { return v == KR_ABSENT ? KR_NONE : v; }

static KrValue exc_oserror_str(KrThread *t, KrValue self)
{
    ExcOSError *e = EXC_OF(ExcOSError, self);
    if (e->filename != KR_ABSENT) {
        if (e->filename2 != KR_ABSENT)
            return kr_format(t, "[Errno %S] %S: %R -> %R", exc_or_none(e->myerrno),
                             exc_or_none(e->strerror), e->filename, e->filename2);
        return kr_format(t, "[Errno %S] %S: %R", exc_or_none(e->myerrno), exc_or_none(e->strerror),
                         e->filename);
    }
    if (e->myerrno != KR_ABSENT && e->strerror != KR_ABSENT)
        return kr_format(t, "[Errno %S] %S", e->myerrno, e->strerror);
    return exc_base_str(t, self);
}

static KrValue exc_oserror_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                  KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (exc_check_no_args(t, "OSError.__reduce__", nargs) < 0)
        return KR_ERROR;
    ExcOSError *e = EXC_OF(ExcOSError, self);
    KrValue a = exc_args_of(t, self);
    if (kr_tuple_len(a) == 2 && e->filename != KR_ABSENT) {
        /* Put back the file names that __init__ took out of args (with a
         * None for winerror before filename2). */
        KrValue *it = kr_tuple_items(a);
        if (e->filename2 != KR_ABSENT)
            a = kr_tuple_pack(t, 5, it[0], it[1], e->filename, KR_NONE, e->filename2);
        else
            a = kr_tuple_pack(t, 3, it[0], it[1], e->filename);
        if (a == KR_ERROR)
            return KR_ERROR;
    } else {
        kr_incref(a);
    }
    KrValue r = exc_reduce_value(t, self, a, e->b.dict);
    kr_decref(t, a);
    return r;
}

static KrValue exc_oserror_get_written(KrThread *t, KrValue self)
{
    KrValue w = EXC_OF(ExcOSError, self)->written;
    if (w == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, AttributeError), "characters_written");
    return kr_incref(w);
}

static int exc_oserror_set_written(KrThread *t, KrValue self, KrValue value)
{
    KrValue *slot = &EXC_OF(ExcOSError, self)->written;
    if (value == KR_ABSENT) {
        if (*slot == KR_ABSENT)
            return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "characters_written");
        kr_clear(t, slot);
        return 0;
    }
    int64_t n;
    if (exc_as_ssize_valueerror(t, value, &n) < 0)
        return -1;
    KrValue w = kr_int_from_i64(t, n);
    if (w == KR_ERROR)
        return -1;
    kr_assign(t, slot, w);
    kr_decref(t, w);
    return 0;
}

/* ------------------------------------------------------------------ */
/* SyntaxError                                                         */
/* ------------------------------------------------------------------ */

static int exc_syntaxerror_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                KrValue kwnames)
{
    if (exc_base_init(t, self, args, nargs, kwnames) < 0)
        return -1;
    ExcSyntaxError *e = EXC_OF(ExcSyntaxError, self);
    if (nargs >= 1)
        kr_assign(t, &e->msg, args[0]);
    if (nargs != 2)
        return 0;
    /* SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])) */
    KrValue info = kr_tuple_from_iterable(t, args[1]);
    if (info == KR_ERROR)
        return -1;
    size_t n = kr_tuple_len(info);
    if (n < 4 || n > 6) {
        kr_decref(t, info);
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "function takes at %s %d arguments (%zu given)",
                                n < 4 ? "least" : "most", n < 4 ? 4 : 6, n);
    }
    KrValue *it = kr_tuple_items(info);
    kr_assign(t, &e->filename, it[0]);
    kr_assign(t, &e->lineno, it[1]);
    kr_assign(t, &e->offset, it[2]);
    kr_assign(t, &e->text, it[3]);
    kr_assign(t, &e->end_lineno, n > 4 ? it[4] : KR_ABSENT);
    kr_assign(t, &e->end_offset, n > 5 ? it[5] : KR_ABSENT);
    kr_decref(t, info);
    if (n == 5)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "end_offset must be provided when end_lineno is provided");
    return 0;
}

/* The last component of a path (CPython's my_basename: '/' only). */
static KrValue exc_basename(KrThread *t, KrValue path)
{
    KrStr *s = kr_as_str(path);
    size_t start = 0;
    for (size_t i = 0; i < s->len; i++)
        if (kr_str_char(s, i) == '/')
            start = i + 1;
    return kr_str_substr(t, path, start, s->len);
}

static KrValue exc_syntaxerror_str(KrThread *t, KrValue self)
{
    ExcSyntaxError *e = EXC_OF(ExcSyntaxError, self);
    KrValue msg = exc_or_none(e->msg);
    bool have_lineno = e->lineno != KR_ABSENT && kr_type(t, e->lineno) == kr_builtin_type(t, INT);
    int64_t lineno = -1;
    if (have_lineno && kr_int_as_i64(t, e->lineno, &lineno) < 0) {
        kr_err_clear(t); /* shown as -1, as CPython */
        lineno = -1;
    }
    if (e->filename == KR_ABSENT || !kr_is_str(t, e->filename)) {
        if (have_lineno)
            return kr_format(t, "%S (line %lld)", msg, (long long)lineno);
        return kr_str(t, msg);
    }
    KrValue filename = exc_basename(t, e->filename);
    if (filename == KR_ERROR)
        return KR_ERROR;
    KrValue r = have_lineno ? kr_format(t, "%S (%U, line %lld)", msg, filename, (long long)lineno)
                            : kr_format(t, "%S (%U)", msg, filename);
    kr_decref(t, filename);
    return r;
}

/* ------------------------------------------------------------------ */
/* UnicodeError subclasses                                             */
/* ------------------------------------------------------------------ */

/* start and end are Py_ssize_t members in CPython. */
static KrValue exc_unicode_get_pos(KrValue v)
{
    return v == KR_ABSENT ? kr_smallint(0) : kr_incref(v);
}

static int exc_unicode_set_pos(KrThread *t, KrValue *slot, KrValue value)
{
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "can't delete numeric/char attribute");
    /* A failed conversion still stores -1, as CPython's member setter
     * does: str() shows it afterwards. */
    int64_t n;
    if (!kr_is_int(t, value)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "an integer is required");
        n = -1;
    } else if (kr_int_as_i64(t, value, &n) < 0) {
        n = -1;
    }
    if (n == -1 && kr_err_occurred(t)) {
        kr_assign(t, slot, kr_smallint(-1));
        return -1;
    }
    KrValue v = kr_int_from_i64(t, n);
    if (v == KR_ERROR)
        return -1;
    kr_assign(t, slot, v);
    kr_decref(t, v);
    return 0;
}

static KrValue exc_unicode_get_start(KrThread *t, KrValue self)
{
    (void)t;
    return exc_unicode_get_pos(EXC_OF(ExcUnicodeError, self)->start);
}

static int exc_unicode_set_start(KrThread *t, KrValue self, KrValue value)
{
    return exc_unicode_set_pos(t, &EXC_OF(ExcUnicodeError, self)->start, value);
}

static KrValue exc_unicode_get_end(KrThread *t, KrValue self)
{
    (void)t;
    return exc_unicode_get_pos(EXC_OF(ExcUnicodeError, self)->end);
}

static int exc_unicode_set_end(KrThread *t, KrValue self, KrValue value)
{
    return exc_unicode_set_pos(t, &EXC_OF(ExcUnicodeError, self)->end, value);
}

/* The arguments of the Unicode error constructors, with CPython's
 * PyArg_ParseTuple messages. */
enum { UARG_STR, UARG_ANY, UARG_SSIZE };

static int exc_unicode_parse(KrThread *t, const KrValue *args, size_t nargs, const int *kinds, size_t n,
                             int64_t *pos)
{
    if (nargs != n)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "function takes exactly %zu arguments (%zu given)",
                                n, nargs);
    int npos = 0;
    for (size_t i = 0; i < n; i++) {
        if (kinds[i] == UARG_STR && !kr_is_str(t, args[i]))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "argument %zu must be str, not %T", i + 1,
                                    args[i]);
        if (kinds[i] == UARG_SSIZE && kr_as_ssize(t, args[i], &pos[npos++]) < 0)
            return -1;
    }
    return 0;
}

static int exc_unicode_store(KrThread *t, KrValue self, KrValue encoding, KrValue object, int64_t start,
                             int64_t end, KrValue reason)
{
    ExcUnicodeError *e = EXC_OF(ExcUnicodeError, self);
    KrValue s = kr_int_from_i64(t, start);
    if (s == KR_ERROR)
        return -1;
    KrValue en = kr_int_from_i64(t, end);
    if (en == KR_ERROR) {
        kr_decref(t, s);
        return -1;
    }
    kr_assign(t, &e->encoding, encoding);
    kr_assign(t, &e->object, object);
    kr_assign(t, &e->reason, reason);
    kr_assign(t, &e->start, s);
    kr_assign(t, &e->end, en);
    kr_decref(t, s);
    kr_decref(t, en);
    return 0;
}

static int exc_unicodeencode_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                  KrValue kwnames)
{
    static const int kinds[] = {UARG_STR, UARG_STR, UARG_SSIZE, UARG_SSIZE, UARG_STR};
    int64_t pos[2];
    if (exc_base_init(t, self, args, nargs, kwnames) < 0 || exc_unicode_parse(t, args, nargs, kinds, 5, pos) < 0)
        return -1;
    return exc_unicode_store(t, self, args[0], args[1], pos[0], pos[1], args[4]);
}

static int exc_unicodedecode_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                  KrValue kwnames)
{
    static const int kinds[] = {UARG_STR, UARG_ANY, UARG_SSIZE, UARG_SSIZE, UARG_STR};
    int64_t pos[2];
    if (exc_base_init(t, self, args, nargs, kwnames) < 0 || exc_unicode_parse(t, args, nargs, kinds, 5, pos) < 0)
        return -1;
    /* The object is kept as bytes; other bytes-like objects are copied. */
    KrValue obj = args[1];
    if (exc_is_bytes(t, obj)) {
        kr_incref(obj);
    } else if (kr_type_check(t, obj, kr_builtin_type(t, BYTEARRAY)) ||
               kr_type_check(t, obj, kr_builtin_type(t, MEMORYVIEW))) {
        obj = kr_call1(t, kr_type_value(kr_builtin_type(t, BYTES)), obj);
        if (obj == KR_ERROR)
            return -1;
    } else {
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "a bytes-like object is required, not '%T'", obj);
    }
    int r = exc_unicode_store(t, self, args[0], obj, pos[0], pos[1], args[4]);
    kr_decref(t, obj);
    return r;
}

static int exc_unicodetranslate_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                     KrValue kwnames)
{
    static const int kinds[] = {UARG_STR, UARG_SSIZE, UARG_SSIZE, UARG_STR};
    int64_t pos[2];
    if (exc_base_init(t, self, args, nargs, kwnames) < 0 || exc_unicode_parse(t, args, nargs, kinds, 4, pos) < 0)
        return -1;
    return exc_unicode_store(t, self, KR_ABSENT, args[0], pos[0], pos[1], args[3]);
}

/* str() of a field that may be absent ("<NULL>", as CPython's
 * PyObject_Str(NULL)). */
static KrValue exc_str_or_null(KrThread *t, KrValue v)
{
    if (v == KR_ABSENT)
        return kr_str_from_cstr(t, "<NULL>");
    return kr_str(t, v);
}

static int64_t exc_pos_value(KrThread *t, KrValue v)
{
    int64_t n = 0;
    if (v != KR_ABSENT && kr_int_as_i64(t, v, &n) < 0) {
        kr_err_clear(t);
        n = 0;
    }
    return n;
}

/* The message of a UnicodeDecodeError/EncodeError/TranslateError, from its
 * current attributes (which Python code may have changed since
 * construction, hence not codec_error_format: a position may be negative,
 * the encoding need not be a str). */
static KrValue exc_unicode_str(KrThread *t, KrValue self, const char *verb, bool has_encoding)
{
    ExcUnicodeError *e = EXC_OF(ExcUnicodeError, self);
    if (e->object == KR_ABSENT)
        return exc_empty_str(t); /* not initialised */
    int64_t start = exc_pos_value(t, e->start), end = exc_pos_value(t, e->end);
    KrValue reason = exc_str_or_null(t, e->reason);
    if (reason == KR_ERROR)
        return KR_ERROR;
    KrValue encoding = KR_ABSENT;
    if (has_encoding) {
        encoding = exc_str_or_null(t, e->encoding);
        if (encoding == KR_ERROR) {
            kr_decref(t, reason);
            return KR_ERROR;
        }
    }
    KrValue prefix = has_encoding ? kr_format(t, "'%U' codec ", encoding) : exc_empty_str(t);
    KrValue r = KR_ERROR;
    if (prefix == KR_ERROR)
        goto done;
    bool decode = !strcmp(verb, "decode");
    bool one = start >= 0 && end == start + 1;
    if (decode && one && exc_is_bytes(t, e->object) &&
        (size_t)start < kr_bytes_len(e->object)) {
        r = kr_format(t, "%Ucan't %s byte 0x%02x in position %lld: %U", prefix, verb,
                      (unsigned)kr_bytes_data(e->object)[start], (long long)start, reason);
    } else if (!decode && one && kr_is_str(t, e->object) && (size_t)start < kr_as_str(e->object)->len) {
        uint32_t c = kr_str_char(kr_as_str(e->object), (size_t)start);
        const char *fmt = c <= 0xff     ? "%Ucan't %s character '\\x%02x' in position %lld: %U"
                          : c <= 0xffff ? "%Ucan't %s character '\\u%04x' in position %lld: %U"
                                        : "%Ucan't %s character '\\U%08x' in position %lld: %U";
        r = kr_format(t, fmt, prefix, verb, (unsigned)c, (long long)start, reason);
    } else {
        r = kr_format(t, "%Ucan't %s %s in position %lld-%lld: %U", prefix, verb,
                      decode ? "bytes" : "characters", (long long)start,
                      (long long)(end - 1), reason);
    }
    kr_decref(t, prefix);
done:
    kr_decref(t, reason);
    kr_xdecref(t, encoding);
    return r;
}

static KrValue exc_unicodeencode_str(KrThread *t, KrValue self) { return exc_unicode_str(t, self, "encode", true); }
static KrValue exc_unicodedecode_str(KrThread *t, KrValue self) { return exc_unicode_str(t, self, "decode", true); }
static KrValue exc_unicodetranslate_str(KrThread *t, KrValue self)
{
    return exc_unicode_str(t, self, "translate", false);
}

/* ------------------------------------------------------------------ */
/* BaseExceptionGroup, ExceptionGroup                                  */
/* ------------------------------------------------------------------ */

static bool exc_is_subclass(KrType *a, KrType *b) { return a == b || kr_is_subtype(a, b); }

static bool exc_is_group(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_type_check(t, v, kr_exc_type(t, BaseExceptionGroup));
}

KrValue kr_exception_group_excs(KrThread *t, KrValue eg)
{
    if (!exc_is_group(t, eg))
        return KR_ABSENT;
    return EXC_OF(ExcGroup, eg)->excs;
}

static KrValue exc_group_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames; /* __init__ refuses them */
    if (nargs != 2)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                            "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zu given)", nargs);
    KrValue msg = args[0], seq = args[1];
    if (!kr_is_str(t, msg))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                            "BaseExceptionGroup.__new__() argument 1 must be str, not %T", msg);
    if (!exc_is_sequence(t, seq))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "second argument (exceptions) must be a sequence");
    KrValue excs = kr_tuple_from_iterable(t, seq);
    if (excs == KR_ERROR)
        return KR_ERROR;
    size_t n = kr_tuple_len(excs);
    if (n == 0) {
        kr_decref(t, excs);
        return kr_raise_fmt(t, kr_exc_type(t, ValueError),
                            "second argument (exceptions) must be a non-empty sequence");
    }
    bool nested_base = false;
    for (size_t i = 0; i < n; i++) {
        KrValue e = kr_tuple_items(excs)[i];
        if (!kr_is_exception(t, e)) {
            kr_decref(t, excs);
            return kr_raise_fmt(t, kr_exc_type(t, ValueError),
                                "Item %zu of second argument (exceptions) is not an exception", i);
        }
        if (!kr_type_check(t, e, kr_exc_type(t, Exception)))
            nested_base = true;
    }
    /* The class follows the contents: BaseExceptionGroup of Exceptions only
     * is an ExceptionGroup, and an Exception subclass may not hold
     * BaseExceptions. */
    KrType *cls = type;
    if (cls == kr_exc_type(t, BaseExceptionGroup)) {
        if (!nested_base)
            cls = kr_exc_type(t, ExceptionGroup);
    } else if (nested_base && exc_is_subclass(cls, kr_exc_type(t, Exception))) {
        kr_decref(t, excs);
        if (cls == kr_exc_type(t, ExceptionGroup))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "Cannot nest BaseExceptions in an ExceptionGroup");
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "Cannot nest BaseExceptions in '%s'",
                            kr_type_name(cls));
    }
    KrValue self = exc_base_new(t, cls, args, nargs, kwnames);
    if (self == KR_ERROR) {
        kr_decref(t, excs);
        return KR_ERROR;
    }
    ExcGroup *g = EXC_OF(ExcGroup, self);
    g->msg = kr_incref(msg);
    g->excs = excs;
    return self;
}

static KrValue exc_group_str(KrThread *t, KrValue self)
{
    ExcGroup *g = EXC_OF(ExcGroup, self);
    size_t n = g->excs == KR_ABSENT ? 0 : kr_tuple_len(g->excs);
    return kr_format(t, "%S (%zu sub-exception%s)", exc_or_none(g->msg), n, n > 1 ? "s" : "");
}

static KrValue exc_group_get_message(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(exc_or_none(EXC_OF(ExcGroup, self)->msg));
}

static KrValue exc_group_get_exceptions(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(exc_or_none(EXC_OF(ExcGroup, self)->excs));
}

/* READONLY members in CPython: their own message, not the getset one. */
static int exc_group_set_readonly(KrThread *t, KrValue self, KrValue value)
{
    (void)self, (void)value;
    return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "readonly attribute");
}

static KrValue exc_group_derive(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "function takes exactly 1 argument (%zu given)", nargs);
    /* Always the base class: a subclass that wants to keep its type in
     * split() overrides derive. */
    KrValue cargs[2] = {exc_or_none(EXC_OF(ExcGroup, self)->msg), args[0]};
    return kr_call(t, kr_type_value(kr_exc_type(t, BaseExceptionGroup)), cargs, 2, 0);
}

/* What split() selects: leaves (or whole groups) of some types, those a
 * function accepts, or (for except*) the leaves that are in a given list. */
typedef enum { EXC_MATCH_TYPE, EXC_MATCH_PREDICATE, EXC_MATCH_LEAVES } ExcMatchKind;

typedef struct ExcMatcher {
    ExcMatchKind kind;
    KrValue value;              /* the type, tuple or function */
    const KrObject *const *leaves;  /* EXC_MATCH_LEAVES */
    size_t nleaves;
} ExcMatcher;

static int exc_matcher_kind(KrThread *t, KrValue m, ExcMatchKind *kind)
{
    if (kr_type(t, m) == kr_builtin_type(t, FUNCTION)) {
        *kind = EXC_MATCH_PREDICATE;
        return 0;
    }
    bool ok = kr_is_exception_class(t, m);
    if (!ok && kr_type(t, m) == kr_builtin_type(t, TUPLE)) {
        ok = true;
        for (size_t i = 0; i < kr_tuple_len(m) && ok; i++)
            ok = kr_is_exception_class(t, kr_tuple_items(m)[i]);
    }
    if (!ok)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "expected a function, exception type or tuple of exception types");
    *kind = EXC_MATCH_TYPE;
    return 0;
}

static int exc_matches(KrThread *t, KrValue exc, const ExcMatcher *matcher)
{
    KrValue m = matcher->value;
    if (matcher->kind == EXC_MATCH_LEAVES) {
        for (size_t i = 0; i < matcher->nleaves; i++)
            if (matcher->leaves[i] == kr_as_ptr(exc))
                return 1;
        return 0;
    }
    if (matcher->kind == EXC_MATCH_PREDICATE) {
        KrValue r = kr_call1(t, m, exc);
        if (r == KR_ERROR)
            return -1;
        int truth = kr_truth(t, r);
        kr_decref(t, r);
        return truth;
    }
    KrType *tp = kr_type(t, exc);
    if (kr_type(t, m) == kr_builtin_type(t, TUPLE)) {
        for (size_t i = 0; i < kr_tuple_len(m); i++)
            if (exc_is_subclass(tp, kr_as_type(kr_tuple_items(m)[i])))
                return 1;
        return 0;
    }
    return exc_is_subclass(tp, kr_as_type(m));
}

/* orig.derive(excs) with orig's traceback, context, cause and notes, or
 * KR_ABSENT when excs is empty. */
static KrValue exc_group_subset(KrThread *t, KrValue orig, KrValue excs)
{
    if (kr_as_list(excs)->len == 0)
        return KR_ABSENT;
    KrValue derive = kr_getattr_cstr(t, orig, "derive");
    if (derive == KR_ERROR)
        return KR_ERROR;
    KrValue eg = kr_call1(t, derive, excs);
    kr_decref(t, derive);
    if (eg == KR_ERROR)
        return KR_ERROR;
    if (!exc_is_group(t, eg)) {
        kr_decref(t, eg);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "derive must return an instance of BaseExceptionGroup");
    }
    KrBaseException *o = kr_as_exception(orig);
    if (o->traceback != KR_NONE)
        kr_exception_set_traceback(t, eg, o->traceback);
    kr_exception_set_context(t, eg, o->context);
    kr_exception_set_cause(t, eg, o->cause);
    KrValue notes;
    int found = kr_lookup_attr(t, orig, kr_name(t, dunder_notes), &notes);
    if (found < 0)
        goto fail;
    if (found) {
        /* A copy, so that the parts' notes are independent; notes that are
         * not a sequence are a user error that split() ignores. */
        if (exc_is_sequence(t, notes)) {
            KrValue copy = kr_list_from_iterable(t, notes);
            kr_decref(t, notes);
            if (copy == KR_ERROR)
                goto fail;
            int r = kr_setattr(t, eg, kr_name(t, dunder_notes), copy);
            kr_decref(t, copy);
            if (r < 0)
                goto fail;
        } else {
            kr_decref(t, notes);
        }
    }
    return eg;
fail:
    kr_decref(t, eg);
    return KR_ERROR;
}

/* Splits exc into the part that matches and (want_rest) the part that does
 * not: each KR_ABSENT when empty, exc itself when it is whole. */
static int exc_group_split_rec(KrThread *t, KrValue exc, const ExcMatcher *m, bool want_rest,
                               KrValue *match, KrValue *rest)
{
    *match = *rest = KR_ABSENT;
    int is_match = exc_matches(t, exc, m);
    if (is_match < 0)
        return -1;
    if (is_match) {
        *match = kr_incref(exc);
        return 0;
    }
    if (!exc_is_group(t, exc)) {
        if (want_rest)
            *rest = kr_incref(exc);
        return 0;
    }
    KrValue excs = EXC_OF(ExcGroup, exc)->excs;
    KrValue match_list = kr_list_new(t, 0);
    KrValue rest_list = want_rest ? kr_list_new(t, 0) : KR_ABSENT;
    int status = -1;
    if (match_list == KR_ERROR || rest_list == KR_ERROR)
        goto done;
    for (size_t i = 0; i < kr_tuple_len(excs); i++) {
        KrValue sub_match, sub_rest;
        if (kr_enter_recursive_call(t, " in exceptiongroup_split_recursive") < 0)
            goto done;
        int r = exc_group_split_rec(t, kr_tuple_items(excs)[i], m, want_rest, &sub_match, &sub_rest);
        kr_leave_recursive_call(t);
        if (r < 0)
            goto done;
        if (sub_match != KR_ABSENT) {
            r = kr_list_append(t, match_list, sub_match);
            kr_decref(t, sub_match);
        }
        if (sub_rest != KR_ABSENT) {
            if (r == 0)
                r = kr_list_append(t, rest_list, sub_rest);
            kr_decref(t, sub_rest);
        }
        if (r < 0)
            goto done;
    }
    *match = exc_group_subset(t, exc, match_list);
    if (*match == KR_ERROR) {
        *match = KR_ABSENT;
        goto done;
    }
    if (want_rest) {
        *rest = exc_group_subset(t, exc, rest_list);
        if (*rest == KR_ERROR) {
            *rest = KR_ABSENT;
            kr_clear(t, match);
            goto done;
        }
    }
    status = 0;
done:
    if (match_list != KR_ERROR)
        kr_decref(t, match_list);
    if (rest_list != KR_ERROR)
        kr_xdecref(t, rest_list);
    return status;
}

int kr_exception_group_split(KrThread *t, KrValue eg, KrValue matcher, KrValue *match, KrValue *rest)
{
    ExcMatcher m = {.value = matcher};
    KrValue unused;
    *match = KR_ABSENT;
    if (rest)
        *rest = KR_ABSENT;
    if (exc_matcher_kind(t, matcher, &m.kind) < 0)
        return -1;
    return exc_group_split_rec(t, eg, &m, rest != NULL, match, rest ? rest : &unused);
}

/* ---- except* (CPython keeps these next to split, in exceptions.c) ---- */

/* BaseExceptionGroup('', excs): an ExceptionGroup unless excs holds a
 * BaseException that is not an Exception. */
static KrValue exc_group_wrap(KrThread *t, KrValue excs)
{
    KrValue args[2] = {exc_empty_str(t), excs};
    if (args[0] == KR_ERROR)
        return KR_ERROR;
    KrValue r = kr_call(t, kr_type_value(kr_exc_type(t, BaseExceptionGroup)), args, 2, 0);
    kr_decref(t, args[0]);
    return r;
}

int kr_exception_group_match(KrThread *t, KrValue exc, KrValue match_type, KrValue *match, KrValue *rest)
{
    *match = *rest = KR_NONE;
    if (exc == KR_NONE || !kr_is_exception(t, exc))
        return 0;
    ExcMatcher m = {.kind = EXC_MATCH_TYPE, .value = match_type};
    int r = exc_matches(t, exc, &m);
    if (r < 0)
        return -1;
    if (r) {
        /* The whole exception matches: a group as it is, a naked exception
         * wrapped in a group that takes over its traceback. */
        if (exc_is_group(t, exc)) {
            *match = kr_incref(exc);
            return 0;
        }
        KrValue one = kr_tuple_pack(t, 1, exc);
        if (one == KR_ERROR)
            return -1;
        KrValue wrapped = exc_group_wrap(t, one);
        kr_decref(t, one);
        if (wrapped == KR_ERROR)
            return -1;
        KrValue tb = kr_as_exception(exc)->traceback;
        if (tb != KR_NONE)
            kr_exception_set_traceback(t, wrapped, tb);
        *match = wrapped;
        return 0;
    }
    if (!exc_is_group(t, exc))
        return 0;
    /* A partial match goes through split(), which a subclass may override. */
    KrValue split = kr_getattr_cstr(t, exc, "split");
    if (split == KR_ERROR)
        return -1;
    KrValue pair = kr_call1(t, split, match_type);
    kr_decref(t, split);
    if (pair == KR_ERROR)
        return -1;
    if (!kr_is_tuple(t, pair) || kr_tuple_len(pair) != 2) {
        kr_decref(t, pair);
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%T.split must return a 2-tuple, got %T", exc,
                                pair);
    }
    *match = kr_incref(kr_tuple_items(pair)[0]);
    *rest = kr_incref(kr_tuple_items(pair)[1]);
    kr_decref(t, pair);
    return 0;
}

/* The leaves under exc (exc itself when it is not a group), appended to a
 * growable array of borrowed pointers. */
typedef struct ExcLeaves {
    const KrObject **items;
    size_t len, cap;
} ExcLeaves;

static int exc_collect_leaves(KrThread *t, KrValue exc, ExcLeaves *out)
{
    if (exc == KR_NONE)
        return 0;
    if (exc_is_group(t, exc)) {
        KrValue excs = EXC_OF(ExcGroup, exc)->excs;
        for (size_t i = 0; i < kr_tuple_len(excs); i++) {
            if (kr_enter_recursive_call(t, " in collect_exception_group_leaf_ids") < 0)
                return -1;
            int r = exc_collect_leaves(t, kr_tuple_items(excs)[i], out);
            kr_leave_recursive_call(t);
            if (r < 0)
                return -1;
        }
        return 0;
    }
    if (out->len == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 8;
        const KrObject **items = realloc(out->items, cap * sizeof *items);
        if (!items) {
            kr_no_memory(t);
            return -1;
        }
        out->items = items;
        out->cap = cap;
    }
    out->items[out->len++] = kr_as_ptr(exc);
    return 0;
}

/* Was e raised by `raise` of the exception being handled (a bare raise
 * re-raises the part of the original group that the clause caught)? */
static bool exc_same_metadata(KrValue a, KrValue b)
{
    KrBaseException *x = kr_as_exception(a), *y = kr_as_exception(b);
    return x->traceback == y->traceback && x->cause == y->cause && x->context == y->context;
}

KrValue kr_exception_group_prep_reraise(KrThread *t, KrValue orig, KrValue excs)
{
    KrList *l = kr_as_list(excs);
    if (l->len == 0)
        return KR_NONE;
    if (!exc_is_group(t, orig)) {
        /* A naked exception was caught and wrapped: at most one clause ran. */
        return kr_incref(l->items[0]);
    }
    KrValue raised = kr_list_new(t, 0);
    if (raised == KR_ERROR)
        return KR_ERROR;
    ExcLeaves reraised = {0};
    KrValue result = KR_ERROR, projection = KR_ABSENT;
    for (size_t i = 0; i < l->len; i++) {
        KrValue e = l->items[i];
        if (e == KR_NONE)
            continue;
        if (exc_same_metadata(e, orig)) {
            if (exc_collect_leaves(t, e, &reraised) < 0)
                goto done;
        } else if (kr_list_append(t, raised, e) < 0) {
            goto done;
        }
    }
    /* The re-raised leaves keep their place in the original group's tree. */
    ExcMatcher m = {.kind = EXC_MATCH_LEAVES, .leaves = reraised.items, .nleaves = reraised.len};
    KrValue unused;
    if (exc_group_split_rec(t, orig, &m, false, &projection, &unused) < 0)
        goto done;
    KrList *rl = kr_as_list(raised);
    if (rl->len == 0) {
        result = projection == KR_ABSENT ? KR_NONE : kr_incref(projection);
    } else {
        if (projection != KR_ABSENT && kr_list_append(t, raised, projection) < 0)
            goto done;
        /* 3.11.2 wraps even a single raised exception in a group (later
         * 3.11 releases do not); Krait follows 3.11.2. */
        result = exc_group_wrap(t, raised);
    }
done:
    free(reraised.items);
    kr_xdecref(t, projection);
    kr_decref(t, raised);
    return result;
}

/* split(matcher) and subgroup(matcher): PyArg_UnpackTuple's messages. */
static int exc_group_matcher_arg(KrThread *t, const char *name, size_t nargs)
{
    if (nargs == 1)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s expected 1 argument, got %zu", name, nargs);
}

static KrValue exc_group_split(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    KrValue match, rest;
    if (exc_group_matcher_arg(t, "split", nargs) < 0 || kr_exception_group_split(t, self, args[0], &match, &rest) < 0)
        return KR_ERROR;
    KrValue r = kr_tuple_pack(t, 2, exc_or_none(match), exc_or_none(rest));
    kr_xdecref(t, match);
    kr_xdecref(t, rest);
    return r;
}

static KrValue exc_group_subgroup(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                  KrValue kwnames)
{
    (void)kwnames;
    KrValue match;
    if (exc_group_matcher_arg(t, "subgroup", nargs) < 0 ||
        kr_exception_group_split(t, self, args[0], &match, NULL) < 0)
        return KR_ERROR;
    return match == KR_ABSENT ? KR_NONE : match;
}

static KrValue exc_group_class_getitem(KrThread *t, KrValue cls, const KrValue *args, size_t nargs,
                                       KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s.__class_getitem__() takes exactly one argument (%zu given)",
                            kr_type_name(kr_as_type(cls)), nargs);
    return kr_call2(t, kr_type_value(kr_builtin_type(t, GENERIC_ALIAS)), cls, args[0]);
}

/* ------------------------------------------------------------------ */
/* Exported helpers                                                    */
/* ------------------------------------------------------------------ */

KrValue kr_exception_new(KrThread *t, KrType *type, KrValue args)
{
    const KrValue *items = kr_tuple_items(args);
    size_t n = kr_tuple_len(args);
    if (type->flags & KR_TPFLAG_HEAPTYPE)
        return kr_call(t, kr_type_value(type), items, n, 0);
    /* A built-in class: its own __new__ and __init__, without going through
     * type.__call__. */
    KrValue self = type->new_(t, type, items, n, 0);
    if (self == KR_ERROR || !kr_type_check(t, self, type))
        return self;
    if (kr_type(t, self)->init(t, self, items, n, 0) < 0) {
        kr_decref(t, self);
        return KR_ERROR;
    }
    return self;
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

/* Also sets __suppress_context__, as CPython's PyException_SetCause and the
 * __cause__ setter do: `raise X from Y` and `raise X from None` are this
 * one call. */
void kr_exception_set_cause(KrThread *t, KrValue exc, KrValue cause)
{
    KrBaseException *e = kr_as_exception(exc);
    kr_assign(t, &e->cause, cause == KR_ABSENT ? KR_NONE : cause);
    e->suppress_context = true;
}

KrValue kr_exception_args(KrValue exc) { return kr_as_exception(exc)->args; }

KrValue kr_stop_iteration_value(KrValue exc)
{
    return exc_or_none(EXC_OF(ExcStopIteration, exc)->value);
}

/* ------------------------------------------------------------------ */
/* Method and attribute tables                                         */
/* ------------------------------------------------------------------ */

static const KrMethodDef exc_base_methods[] = {
    {"__reduce__", exc_reduce, 0, NULL},
    {"__setstate__", exc_setstate, 0, NULL},
    {"with_traceback", exc_with_traceback, 0,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", exc_add_note, 0, "Exception.add_note(note) --\n    add a note to the exception"},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef exc_base_getsets[] = {
    {"__suppress_context__", exc_get_suppress_context, exc_set_suppress_context, NULL},
    {"__dict__", exc_get_dict, exc_set_dict, NULL},
    {"args", exc_get_args, exc_set_args, NULL},
    {"__traceback__", exc_get_traceback, exc_set_traceback_attr, NULL},
    {"__context__", exc_get_context, exc_set_context_attr, "exception context"},
    {"__cause__", exc_get_cause, exc_set_cause_attr, "exception cause"},
    {NULL, NULL, NULL, NULL},
};

static const KrMethodDef exc_group_methods[] = {
    {"__class_getitem__", exc_group_class_getitem, KR_METH_CLASS, "See PEP 585"},
    {"derive", exc_group_derive, 0, NULL},
    {"split", exc_group_split, 0, NULL},
    {"subgroup", exc_group_subgroup, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef exc_group_getsets[] = {
    {"message", exc_group_get_message, exc_group_set_readonly, "exception message"},
    {"exceptions", exc_group_get_exceptions, exc_group_set_readonly, "nested exceptions"},
    {NULL, NULL, NULL, NULL},
};

static const KrGetSetDef exc_stopiteration_getsets[] = {
    EXC_GETSET(ExcStopIteration, value, "value", "generator return value"),
    {NULL, NULL, NULL, NULL},
};

static const KrGetSetDef exc_systemexit_getsets[] = {
    EXC_GETSET(ExcSystemExit, code, "code", "exception code"),
    {NULL, NULL, NULL, NULL},
};

static const KrMethodDef exc_importerror_methods[] = {
    {"__reduce__", exc_importerror_reduce, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef exc_importerror_getsets[] = {
    EXC_GETSET(ExcImportError, msg, "msg", "exception message"),
    EXC_GETSET(ExcImportError, name, "name", "module name"),
    EXC_GETSET(ExcImportError, path, "path", "module path"),
    {NULL, NULL, NULL, NULL},
};

static const KrGetSetDef exc_nameerror_getsets[] = {
    EXC_GETSET(ExcNameError, name, "name", "name"),
    {NULL, NULL, NULL, NULL},
};

static const KrGetSetDef exc_attributeerror_getsets[] = {
    EXC_GETSET(ExcAttributeError, name, "name", "attribute name"),
    EXC_GETSET(ExcAttributeError, obj, "obj", "object"),
    {NULL, NULL, NULL, NULL},
};

static const KrMethodDef exc_oserror_methods[] = {
    {"__reduce__", exc_oserror_reduce, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef exc_oserror_getsets[] = {
    EXC_GETSET(ExcOSError, myerrno, "errno", "POSIX exception code"),
    EXC_GETSET(ExcOSError, strerror, "strerror", "exception strerror"),
    EXC_GETSET(ExcOSError, filename, "filename", "exception filename"),
    EXC_GETSET(ExcOSError, filename2, "filename2", "second exception filename"),
    {"characters_written", exc_oserror_get_written, exc_oserror_set_written, NULL},
    {NULL, NULL, NULL, NULL},
};

static const KrGetSetDef exc_syntaxerror_getsets[] = {
    EXC_GETSET(ExcSyntaxError, msg, "msg", "exception msg"),
    EXC_GETSET(ExcSyntaxError, filename, "filename", "exception filename"),
    EXC_GETSET(ExcSyntaxError, lineno, "lineno", "exception lineno"),
    EXC_GETSET(ExcSyntaxError, offset, "offset", "exception offset"),
    EXC_GETSET(ExcSyntaxError, text, "text", "exception text"),
    EXC_GETSET(ExcSyntaxError, end_lineno, "end_lineno", "exception end lineno"),
    EXC_GETSET(ExcSyntaxError, end_offset, "end_offset", "exception end offset"),
    EXC_GETSET(ExcSyntaxError, print_file_and_line, "print_file_and_line", "exception print_file_and_line"),
    {NULL, NULL, NULL, NULL},
};

static const KrGetSetDef exc_unicode_getsets[] = {
    EXC_GETSET(ExcUnicodeError, encoding, "encoding", "exception encoding"),
    EXC_GETSET(ExcUnicodeError, object, "object", "exception object"),
    {"start", exc_unicode_get_start, exc_unicode_set_start, "exception start"},
    {"end", exc_unicode_get_end, exc_unicode_set_end, "exception end"},
    EXC_GETSET(ExcUnicodeError, reason, "reason", "exception reason"),
    {NULL, NULL, NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Type specs                                                          */
/* ------------------------------------------------------------------ */

/* What every exception class sets: the C slots of its layout (CPython
 * repeats them in every class, and so do we, so a class never depends on
 * the order in which slots are inherited). */
static void exc_fill_common(KrType *tp)
{
    tp->dealloc = exc_dealloc;
    tp->traverse = exc_traverse;
    tp->clear = exc_clear_slots;
    tp->dictoffset = offsetof(KrBaseException, dict);
}

/* The fills of the classes generated from exceptions.def: those that add
 * nothing to their base but, like CPython's, define __init__ (and __new__
 * for the plain-layout ones). */
static void exc_fill_BASE(KrType *tp)
{
    exc_fill_common(tp);
    tp->new_ = exc_base_new;
    tp->init = exc_base_init;
}
#define exc_fill_EXCGROUP exc_fill_common
#define exc_fill_ATTRIBUTEERROR exc_fill_common
#define exc_fill_UNICODEERROR exc_fill_common
static void exc_fill_IMPORTERROR(KrType *tp)
{
    exc_fill_common(tp);
    tp->init = exc_importerror_init;
}
static void exc_fill_NAMEERROR(KrType *tp)
{
    exc_fill_common(tp);
    tp->init = exc_nameerror_init;
}
static void exc_fill_OSERROR(KrType *tp)
{
    exc_fill_common(tp);
    tp->init = exc_oserror_init;
}
static void exc_fill_STOPITERATION(KrType *tp)
{
    exc_fill_common(tp);
    tp->init = exc_stopiteration_init;
}
static void exc_fill_SYNTAXERROR(KrType *tp)
{
    exc_fill_common(tp);
    tp->init = exc_syntaxerror_init;
}
static void exc_fill_SYSTEMEXIT(KrType *tp)
{
    exc_fill_common(tp);
    tp->init = exc_systemexit_init;
}

/* Docstrings, as python3.11 shows them. */
#define EXC_DOC_BaseException "Common base class for all exceptions"
#define EXC_DOC_BaseExceptionGroup "A combination of multiple unrelated exceptions."
#define EXC_DOC_ExceptionGroup NULL
#define EXC_DOC_Exception "Common base class for all non-exit exceptions."
#define EXC_DOC_ArithmeticError "Base class for arithmetic errors."
#define EXC_DOC_FloatingPointError "Floating point operation failed."
#define EXC_DOC_OverflowError "Result too large to be represented."
#define EXC_DOC_ZeroDivisionError "Second argument to a division or modulo operation was zero."
#define EXC_DOC_AssertionError "Assertion failed."
#define EXC_DOC_AttributeError "Attribute not found."
#define EXC_DOC_BufferError "Buffer error."
#define EXC_DOC_EOFError "Read beyond end of file."
#define EXC_DOC_ImportError "Import can't find module, or can't find name in module."
#define EXC_DOC_ModuleNotFoundError "Module not found."
#define EXC_DOC_LookupError "Base class for lookup errors."
#define EXC_DOC_IndexError "Sequence index out of range."
#define EXC_DOC_KeyError "Mapping key not found."
#define EXC_DOC_MemoryError "Out of memory."
#define EXC_DOC_NameError "Name not found globally."
#define EXC_DOC_UnboundLocalError "Local name referenced but not bound to a value."
#define EXC_DOC_OSError "Base class for I/O related errors."
#define EXC_DOC_BlockingIOError "I/O operation would block."
#define EXC_DOC_ChildProcessError "Child process error."
#define EXC_DOC_ConnectionError "Connection error."
#define EXC_DOC_BrokenPipeError "Broken pipe."
#define EXC_DOC_ConnectionAbortedError "Connection aborted."
#define EXC_DOC_ConnectionRefusedError "Connection refused."
#define EXC_DOC_ConnectionResetError "Connection reset."
#define EXC_DOC_FileExistsError "File already exists."
#define EXC_DOC_FileNotFoundError "File not found."
#define EXC_DOC_InterruptedError "Interrupted by signal."
#define EXC_DOC_IsADirectoryError "Operation doesn't work on directories."
#define EXC_DOC_NotADirectoryError "Operation only works on directories."
#define EXC_DOC_PermissionError "Not enough permissions."
#define EXC_DOC_ProcessLookupError "Process not found."
#define EXC_DOC_TimeoutError "Timeout expired."
#define EXC_DOC_ReferenceError "Weak ref proxy used after referent went away."
#define EXC_DOC_RuntimeError "Unspecified run-time error."
#define EXC_DOC_NotImplementedError "Method or function hasn't been implemented yet."
#define EXC_DOC_RecursionError "Recursion limit exceeded."
#define EXC_DOC_StopAsyncIteration "Signal the end from iterator.__anext__()."
#define EXC_DOC_StopIteration "Signal the end from iterator.__next__()."
#define EXC_DOC_SyntaxError "Invalid syntax."
#define EXC_DOC_IndentationError "Improper indentation."
#define EXC_DOC_TabError "Improper mixture of spaces and tabs."
#define EXC_DOC_SystemError                                                              \
    "Internal error in the Python interpreter.\n\nPlease report this to the Python "     \
    "maintainer, along with the traceback,\nthe Python version, and the hardware/OS "   \
    "platform and version."
#define EXC_DOC_TypeError "Inappropriate argument type."
#define EXC_DOC_ValueError "Inappropriate argument value (of correct type)."
#define EXC_DOC_UnicodeError "Unicode related error."
#define EXC_DOC_UnicodeDecodeError "Unicode decoding error."
#define EXC_DOC_UnicodeEncodeError "Unicode encoding error."
#define EXC_DOC_UnicodeTranslateError "Unicode translation error."
#define EXC_DOC_Warning "Base class for warning categories."
#define EXC_DOC_BytesWarning                                                             \
    "Base class for warnings about bytes and buffer related problems, mostly\nrelated " \
    "to conversion from str or comparing to str."
#define EXC_DOC_DeprecationWarning "Base class for warnings about deprecated features."
#define EXC_DOC_EncodingWarning "Base class for warnings about encodings."
#define EXC_DOC_FutureWarning \
    "Base class for warnings about constructs that will change semantically\nin the future."
#define EXC_DOC_ImportWarning "Base class for warnings about probable mistakes in module imports"
#define EXC_DOC_PendingDeprecationWarning \
    "Base class for warnings about features which will be deprecated\nin the future."
#define EXC_DOC_ResourceWarning "Base class for warnings about resource usage."
#define EXC_DOC_RuntimeWarning "Base class for warnings about dubious runtime behavior."
#define EXC_DOC_SyntaxWarning "Base class for warnings about dubious syntax."
#define EXC_DOC_UnicodeWarning \
    "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems."
#define EXC_DOC_UserWarning "Base class for warnings generated by user code."
#define EXC_DOC_GeneratorExit "Request that a generator exit."
#define EXC_DOC_KeyboardInterrupt "Program interrupted by user."
#define EXC_DOC_SystemExit "Request to exit from the interpreter."

#define EXC_FLAGS (KR_TPFLAG_GC | KR_TPFLAG_BASETYPE | KR_TPFLAG_EXC_SUBCLASS)

/* One spec per class.  The entries of the classes that exc_special_spec
 * describes by hand are not used. */
static const KrTypeSpec exc_specs[KR_E_COUNT] = {
#define KR_EXCEPTION(cls, base, layout)                                                \
    [KR_E_##cls] = {.name = #cls, .basicsize = sizeof(EXC_STRUCT_##layout), .flags = EXC_FLAGS, \
                    .fill = exc_fill_##layout, .doc = EXC_DOC_##cls},
#include "objects/exceptions.def"
#undef KR_EXCEPTION
};

static const KrExcId exc_base_ids[KR_E_COUNT] = {
#define KR_EXCEPTION(cls, base, layout) [KR_E_##cls] = KR_E_##base,
#include "objects/exceptions.def"
#undef KR_EXCEPTION
};

/* -- the classes with behaviour of their own -- */

static void exc_fill_baseexception(KrType *tp)
{
    exc_fill_BASE(tp);
    tp->repr = exc_base_repr;
    tp->str = exc_base_str;
    tp->getattr = kr_generic_getattr;
    tp->setattr = kr_generic_setattr;
}

static void exc_fill_group(KrType *tp)
{
    exc_fill_common(tp);
    tp->new_ = exc_group_new;
    tp->init = exc_base_init;
    tp->str = exc_group_str;
}

static void exc_fill_attributeerror(KrType *tp)
{
    exc_fill_common(tp);
    tp->init = exc_attributeerror_init;
    tp->str = exc_base_str;
}

static void exc_fill_importerror(KrType *tp)
{
    exc_fill_IMPORTERROR(tp);
    tp->str = exc_importerror_str;
}

static void exc_fill_keyerror(KrType *tp)
{
    exc_fill_common(tp);
    tp->init = exc_base_init;
    tp->str = exc_keyerror_str;
}

static void exc_fill_nameerror(KrType *tp)
{
    exc_fill_NAMEERROR(tp);
    tp->str = exc_base_str;
}

static void exc_fill_oserror(KrType *tp)
{
    exc_fill_OSERROR(tp);
    tp->new_ = exc_oserror_new;
    tp->str = exc_oserror_str;
}

static void exc_fill_syntaxerror(KrType *tp)
{
    exc_fill_SYNTAXERROR(tp);
    tp->str = exc_syntaxerror_str;
}

static void exc_fill_unicodedecode(KrType *tp)
{
    exc_fill_common(tp);
    tp->new_ = exc_base_new;
    tp->init = exc_unicodedecode_init;
    tp->str = exc_unicodedecode_str;
}

static void exc_fill_unicodeencode(KrType *tp)
{
    exc_fill_common(tp);
    tp->new_ = exc_base_new;
    tp->init = exc_unicodeencode_init;
    tp->str = exc_unicodeencode_str;
}

static void exc_fill_unicodetranslate(KrType *tp)
{
    exc_fill_common(tp);
    tp->new_ = exc_base_new;
    tp->init = exc_unicodetranslate_init;
    tp->str = exc_unicodetranslate_str;
}

#define EXC_SPEC(cls, layout, fillfn, meths, gets)                                             \
    {.name = #cls, .basicsize = sizeof(EXC_STRUCT_##layout), .flags = EXC_FLAGS, .methods = meths, \
     .getsets = gets, .fill = fillfn, .doc = EXC_DOC_##cls}

static const KrTypeSpec exc_spec_BaseException =
    EXC_SPEC(BaseException, BASE, exc_fill_baseexception, exc_base_methods, exc_base_getsets);
static const KrTypeSpec exc_spec_BaseExceptionGroup =
    EXC_SPEC(BaseExceptionGroup, EXCGROUP, exc_fill_group, exc_group_methods, exc_group_getsets);
static const KrTypeSpec exc_spec_AttributeError =
    EXC_SPEC(AttributeError, ATTRIBUTEERROR, exc_fill_attributeerror, NULL, exc_attributeerror_getsets);
static const KrTypeSpec exc_spec_ImportError =
    EXC_SPEC(ImportError, IMPORTERROR, exc_fill_importerror, exc_importerror_methods, exc_importerror_getsets);
static const KrTypeSpec exc_spec_KeyError = EXC_SPEC(KeyError, BASE, exc_fill_keyerror, NULL, NULL);
static const KrTypeSpec exc_spec_NameError =
    EXC_SPEC(NameError, NAMEERROR, exc_fill_nameerror, NULL, exc_nameerror_getsets);
static const KrTypeSpec exc_spec_OSError =
    EXC_SPEC(OSError, OSERROR, exc_fill_oserror, exc_oserror_methods, exc_oserror_getsets);
static const KrTypeSpec exc_spec_StopIteration =
    EXC_SPEC(StopIteration, STOPITERATION, exc_fill_STOPITERATION, NULL, exc_stopiteration_getsets);
static const KrTypeSpec exc_spec_SyntaxError =
    EXC_SPEC(SyntaxError, SYNTAXERROR, exc_fill_syntaxerror, NULL, exc_syntaxerror_getsets);
static const KrTypeSpec exc_spec_SystemExit =
    EXC_SPEC(SystemExit, SYSTEMEXIT, exc_fill_SYSTEMEXIT, NULL, exc_systemexit_getsets);
static const KrTypeSpec exc_spec_UnicodeDecodeError =
    EXC_SPEC(UnicodeDecodeError, UNICODEERROR, exc_fill_unicodedecode, NULL, exc_unicode_getsets);
static const KrTypeSpec exc_spec_UnicodeEncodeError =
    EXC_SPEC(UnicodeEncodeError, UNICODEERROR, exc_fill_unicodeencode, NULL, exc_unicode_getsets);
static const KrTypeSpec exc_spec_UnicodeTranslateError =
    EXC_SPEC(UnicodeTranslateError, UNICODEERROR, exc_fill_unicodetranslate, NULL, exc_unicode_getsets);

static const KrTypeSpec *exc_spec(KrExcId id)
{
    switch (id) {
    case KR_E_BaseException: return &exc_spec_BaseException;
    case KR_E_BaseExceptionGroup: return &exc_spec_BaseExceptionGroup;
    case KR_E_AttributeError: return &exc_spec_AttributeError;
    case KR_E_ImportError: return &exc_spec_ImportError;
    case KR_E_KeyError: return &exc_spec_KeyError;
    case KR_E_NameError: return &exc_spec_NameError;
    case KR_E_OSError: return &exc_spec_OSError;
    case KR_E_StopIteration: return &exc_spec_StopIteration;
    case KR_E_SyntaxError: return &exc_spec_SyntaxError;
    case KR_E_SystemExit: return &exc_spec_SystemExit;
    case KR_E_UnicodeDecodeError: return &exc_spec_UnicodeDecodeError;
    case KR_E_UnicodeEncodeError: return &exc_spec_UnicodeEncodeError;
    case KR_E_UnicodeTranslateError: return &exc_spec_UnicodeTranslateError;
    default: return &exc_specs[id];
    }
}

/* ------------------------------------------------------------------ */
/* Creating the classes                                                */
/* ------------------------------------------------------------------ */

/* type.c: the second half of kr_type_from_spec (dict, MRO, inherited slots). */
int kr_type_ready_builtin(KrThread *t, KrType *tp);

static int exc_make_class(KrThread *t, KrExcId id, KrValue module_name)
{
    KrVM *vm = t->vm;
    KrType *base = id == KR_E_BaseException ? kr_builtin_type(t, OBJECT) : vm->exceptions[exc_base_ids[id]];
    KrValue bases = KR_ABSENT;
    if (id == KR_E_ExceptionGroup) {
        /* The one class with two bases: (BaseExceptionGroup, Exception). */
        bases = kr_tuple_pack(t, 2, kr_type_value(base), kr_type_value(vm->exceptions[KR_E_Exception]));
        if (bases == KR_ERROR)
            return -1;
    }
    KrType *tp = kr_type_from_spec(t, exc_spec(id), base, bases);
    kr_xdecref(t, bases);
    if (!tp)
        return -1;
    vm->exceptions[id] = tp;
    if (kr_type_ready_builtin(t, tp) < 0)
        return -1;
    /* CPython makes ExceptionGroup with PyErr_NewException: the one class
     * with __module__ in its own dict (the others' comes from their name). */
    if (id == KR_E_ExceptionGroup && kr_dict_set(t, tp->dict, kr_name(t, dunder_module), module_name) < 0)
        return -1;
    return 0;
}

int kr_exceptions_init(KrThread *t)
{
    KrValue module_name = kr_str_intern_cstr(t, "builtins");
    if (module_name == KR_ERROR)
        return -1;
    /* exceptions.def lists ExceptionGroup before Exception, its second
     * base: it is made last. */
    for (int id = 0; id < KR_E_COUNT; id++)
        if (id != KR_E_ExceptionGroup && exc_make_class(t, (KrExcId)id, module_name) < 0)
            goto fail;
    if (exc_make_class(t, KR_E_ExceptionGroup, module_name) < 0)
        goto fail;
    kr_decref(t, module_name);
    KrValue empty = kr_tuple_new(t, 0);
    if (empty == KR_ERROR)
        return -1;
    /* Raised when allocation fails, so made while it still works. */
    t->vm->memory_error = kr_exception_new(t, kr_exc_type(t, MemoryError), empty);
    kr_decref(t, empty);
    return t->vm->memory_error == KR_ERROR ? -1 : 0;
fail:
    kr_decref(t, module_name);
    return -1;
}

int kr_exceptions_add_to_builtins(KrThread *t, KrValue builtins_dict)
{
    for (int id = 0; id < KR_E_COUNT; id++) {
        KrType *tp = t->vm->exceptions[id];
        if (kr_dict_set_cstr(t, builtins_dict, kr_type_name(tp), kr_type_value(tp)) < 0)
            return -1;
    }
    /* Old names kept as aliases by PEP 3151. */
    KrValue oserror = kr_type_value(kr_exc_type(t, OSError));
    if (kr_dict_set_cstr(t, builtins_dict, "EnvironmentError", oserror) < 0 ||
        kr_dict_set_cstr(t, builtins_dict, "IOError", oserror) < 0)
        return -1;
    return 0;
}
