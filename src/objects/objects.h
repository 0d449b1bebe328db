/* The internal object API: what every built-in type, the VM and the C
 * modules use to make, inspect and operate on Python values.
 *
 * Conventions (object.h): functions returning KrValue give a new reference
 * or KR_ERROR with the thread's exception set; functions returning int give
 * -1 on error; arguments are borrowed.  Functions documented as returning a
 * "borrowed" value return a reference the caller does not own.  KR_ABSENT
 * means "no such value" where a lookup can miss without it being an error. */
#ifndef KRAIT_OBJECTS_H
#define KRAIT_OBJECTS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "core/hashtable.h"
#include "core/object.h"
#include "core/settable.h"
#include "core/ustr.h"
#include "core/value.h"
#include "core/vm.h"

/* ------------------------------------------------------------------ */
/* Type descriptions                                                   */
/* ------------------------------------------------------------------ */

/* A method of a built-in type or a function of a C module.  `self` is the
 * instance (the type for KR_METH_CLASS, the module for module functions,
 * KR_NONE for KR_METH_STATIC). */
typedef KrValue (*KrMethodFn)(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                              KrValue kwnames);

enum {
    KR_METH_KEYWORDS = 1u << 0, /* accepts keyword arguments; otherwise the
                                   caller raises "f() takes no keyword arguments" */
    KR_METH_CLASS = 1u << 1,    /* classmethod: self is the type */
    KR_METH_STATIC = 1u << 2,   /* staticmethod */
};

typedef struct KrMethodDef {
    const char *name;
    KrMethodFn fn;
    unsigned flags;
    const char *doc;            /* may be NULL */
} KrMethodDef;

/* An attribute computed by C (a getset_descriptor).  set may be NULL
 * (read-only: "attribute 'x' of 'T' objects is not writable"); value
 * KR_ABSENT deletes. */
typedef struct KrGetSetDef {
    const char *name;
    KrValue (*get)(KrThread *t, KrValue self);
    int (*set)(KrThread *t, KrValue self, KrValue value);
    const char *doc;
} KrGetSetDef;

/* A built-in type: the VM builds one KrType per VM from this constant
 * description (no type object is shared between VMs). */
typedef struct KrTypeSpec {
    const char *name;           /* tp_name; a dotted name sets __module__ */
    uint32_t basicsize, itemsize;
    uint32_t flags;             /* KR_TPFLAG_* (GC, BASETYPE...) */
    const KrMethodDef *methods; /* NULL-name terminated, or NULL */
    const KrGetSetDef *getsets; /* NULL-name terminated, or NULL */
    void (*fill)(KrType *type); /* sets the C slots; may be NULL */
    const char *doc;
} KrTypeSpec;

#define KR_BUILTIN_TYPE(id, spec, base) extern const KrTypeSpec spec;
#include "objects/types.def"
#undef KR_BUILTIN_TYPE

/* ------------------------------------------------------------------ */
/* Types of values                                                     */
/* ------------------------------------------------------------------ */

static inline KrType *kr_type(KrThread *t, KrValue v)
{
    if (kr_is_ptr(v))
        return kr_as_ptr(v)->type;
    if (kr_is_float(v))
        return kr_builtin_type(t, FLOAT);
    if (kr_is_smallint(v))
        return kr_builtin_type(t, INT);
    switch (v) {
    case KR_NONE: return kr_builtin_type(t, NONE);
    case KR_TRUE:
    case KR_FALSE: return kr_builtin_type(t, BOOL);
    case KR_NOTIMPLEMENTED: return kr_builtin_type(t, NOTIMPLEMENTED);
    default: return kr_builtin_type(t, ELLIPSIS);
    }
}

static inline KrValue kr_type_value(KrType *tp) { return kr_ptr(tp); }
static inline KrType *kr_as_type(KrValue v) { return (KrType *)kr_as_ptr(v); }

/* The type's name as Python shows it in messages: tp_name for built-in
 * types, __name__ for classes. */
const char *kr_type_name(KrType *tp);
/* The name of v's type (CPython's Py_TYPE(v)->tp_name in messages). */
static inline const char *kr_typename_of(KrThread *t, KrValue v) { return kr_type_name(kr_type(t, v)); }

bool kr_is_subtype(KrType *a, KrType *b);
static inline bool kr_type_check(KrThread *t, KrValue v, KrType *tp)
{
    KrType *vt = kr_type(t, v);
    return vt == tp || kr_is_subtype(vt, tp);
}
static inline bool kr_has_flag(KrThread *t, KrValue v, uint32_t flag)
{
    return (kr_type(t, v)->flags & flag) != 0;
}

/* The attribute `name` found along tp's MRO (borrowed), or KR_ABSENT.
 * Results are cached per type version: code that changes a type's dict
 * other than through setattr must call kr_type_modified. */
KrValue kr_type_lookup(KrThread *t, KrType *tp, KrValue name);
/* Builds a built-in type object from its description (VM start-up, and
 * the exception classes).  bases: a tuple for multiple inheritance, or
 * KR_ABSENT for (base,). */
KrType *kr_type_from_spec(KrThread *t, const KrTypeSpec *spec, KrType *base, KrValue bases);
/* Completes a type made by kr_type_from_spec: dict (methods, getsets,
 * wrappers of its slots, __doc__, __module__), __bases__, __mro__, slots
 * inherited from the base.  Returns 0 or -1. */
int kr_type_ready_builtin(KrThread *t, KrType *tp);
/* Where the values a class adds to its built-in base's instances start
 * (__dict__, __slots__): right after the base's fixed part, or after the
 * items of a variable-size base (tuple, str, bytes, int).  The dict and
 * slot offsets of a class are relative to this. */
char *kr_instance_extras(KrObject *o);
/* The byte offset of the extras that every instance of tp shares, or -1
 * when it varies (a variable-size built-in base such as int or tuple). */
int64_t kr_type_extras_offset(KrType *tp);
/* Creates a class: type(name, bases, namespace) without metaclass logic. */
KrValue kr_type_new(KrThread *t, KrType *metatype, KrValue name, KrValue bases, KrValue ns,
                    KrValue kwnames_dict);
/* Call after changing a type's namespace from C. */
void kr_type_modified(KrThread *t, KrType *tp);
/* Sets the slots of a class from the dunders in its MRO. */
void kr_type_update_slots(KrThread *t, KrType *tp);
/* Private-name mangling: __x inside class `classname` becomes _classname__x. */
KrValue kr_type_mangle(KrThread *t, KrValue classname, KrValue name);

/* ------------------------------------------------------------------ */
/* Allocation and reference counting                                   */
/* ------------------------------------------------------------------ */

/* A zeroed object of `size` bytes with refcount 1; with a KrGCHead in front
 * when the type has KR_TPFLAG_GC (the object is then tracked by the
 * collector).  NULL with MemoryError set on failure. */
KrObject *kr_alloc(KrThread *t, KrType *type, size_t size);
/* Frees the memory of an object whose type's dealloc has released its
 * contents (untracks GC objects). */
void kr_free_object(KrThread *t, KrObject *o);
void kr_gc_track(KrThread *t, KrObject *o);
void kr_gc_untrack(KrThread *t, KrObject *o);

/* Drops a reference held in *slot and sets the slot to KR_ABSENT first
 * (the decref can run arbitrary code that looks at the slot). */
static inline void kr_clear(KrThread *t, KrValue *slot)
{
    KrValue v = *slot;
    *slot = KR_ABSENT;
    kr_decref(t, v);
}

/* Replaces a held reference: *slot = v (new reference taken here). */
static inline void kr_assign(KrThread *t, KrValue *slot, KrValue v)
{
    KrValue old = *slot;
    *slot = kr_incref(v);
    kr_decref(t, old);
}

/* ------------------------------------------------------------------ */
/* Exceptions                                                          */
/* ------------------------------------------------------------------ */

/* Sets the thread's exception to `exc` (an instance, or a class that is
 * called with no arguments) and returns KR_ERROR. */
KrValue kr_raise(KrThread *t, KrValue exc);
/* Raises type(message), the message formatted by kr_format. */
KrValue kr_raise_fmt(KrThread *t, KrType *type, const char *fmt, ...);
KrValue kr_raise_vfmt(KrThread *t, KrType *type, const char *fmt, va_list ap);
/* Raises type(*args) for an exception class and an argument tuple. */
KrValue kr_raise_args(KrThread *t, KrType *type, KrValue args);
KrValue kr_no_memory(KrThread *t);
/* The same, for int-returning functions: raise and return -1. */
int kr_raise_fmt_int(KrThread *t, KrType *type, const char *fmt, ...);

static inline bool kr_err_occurred(KrThread *t) { return t->exc != KR_ABSENT; }
/* Is the pending exception an instance of `type`? */
bool kr_err_matches(KrThread *t, KrType *type);
/* Takes the pending exception (a new reference) and clears it. */
KrValue kr_err_fetch(KrThread *t);
void kr_err_clear(KrThread *t);
/* Raises `exc` with __context__ set to the exception being handled, as a
 * raise inside an except block does. */
void kr_err_set_context(KrThread *t, KrValue exc);

/* Every exception instance starts with this (the subclasses with more
 * fields, such as OSError, extend it in objects/exceptions.c). */
typedef struct KrBaseException {
    KrObject ob;
    KrValue dict;               /* instance __dict__ (KR_ABSENT until used) */
    KrValue args;               /* tuple */
    KrValue traceback;          /* KR_NONE or a traceback */
    KrValue context, cause;     /* KR_NONE or exceptions */
    bool suppress_context;
} KrBaseException;
static inline KrBaseException *kr_as_exception(KrValue v) { return (KrBaseException *)kr_as_ptr(v); }
static inline bool kr_is_exception(KrThread *t, KrValue v)
{
    (void)t;
    return kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_EXC_SUBCLASS);
}
static inline bool kr_is_exception_class(KrThread *t, KrValue v)
{
    (void)t;
    return kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_TYPE_SUBCLASS) &&
           (kr_as_type(v)->flags & KR_TPFLAG_EXC_SUBCLASS);
}

/* An AttributeError being raised by getattr(obj, name) learns its name
 * and obj (for the "Did you mean" of the traceback printer) unless it has
 * them: CPython's set_attribute_error_context. */
void kr_attribute_error_add_context(KrThread *t, KrValue obj, KrValue name);

/* Creates an exception instance type(*args). */
KrValue kr_exception_new(KrThread *t, KrType *type, KrValue args);
/* Exception attributes the VM maintains. */
KrValue kr_exception_traceback(KrValue exc);            /* borrowed, KR_NONE if none */
void kr_exception_set_traceback(KrThread *t, KrValue exc, KrValue tb);
void kr_exception_set_context(KrThread *t, KrValue exc, KrValue context);
void kr_exception_set_cause(KrThread *t, KrValue exc, KrValue cause);
KrValue kr_exception_args(KrValue exc);                 /* borrowed tuple */
/* exc must be a StopIteration (or subclass) instance. */
KrValue kr_stop_iteration_value(KrValue exc);           /* borrowed */
/* kr_exception_set_cause also sets __suppress_context__ (CPython's
 * PyException_SetCause): `raise X from Y` is this one call, cause KR_NONE
 * for `from None`. */

/* objects/exceptions.c: creates vm->exceptions[] and vm->memory_error
 * (after the core types exist), and puts every class, plus the aliases
 * EnvironmentError and IOError, in the builtins namespace. */
int kr_exceptions_init(KrThread *t);
int kr_exceptions_add_to_builtins(KrThread *t, KrValue builtins_dict);
/* eg.split(matcher) (a type, tuple of types or function; rest NULL for
 * eg.subgroup): *match and *rest are new references or KR_ABSENT for an
 * empty part.  For the VM's except*. */
int kr_exception_group_split(KrThread *t, KrValue eg, KrValue matcher, KrValue *match, KrValue *rest);
/* except*: the part of exc that `except* match_type` catches and the rest
 * (new references, KR_NONE for none; a naked exception that matches comes
 * back wrapped in an ExceptionGroup with its traceback; a partial match
 * calls exc.split). The VM checks match_type first. */
int kr_exception_group_match(KrThread *t, KrValue exc, KrValue match_type, KrValue *match, KrValue *rest);
/* except*: what leaves the try statement, from the original exception and
 * the list of what each clause raised or re-raised (KR_NONE entries for
 * clauses that raised nothing, then the unhandled rest): KR_NONE when
 * nothing, else one exception or a group of them (CPython's
 * _PyExc_PrepReraiseStar). */
KrValue kr_exception_group_prep_reraise(KrThread *t, KrValue orig, KrValue excs);
/* The exceptions of a BaseExceptionGroup instance (a borrowed tuple), or
 * KR_ABSENT when eg is not a group. */
KrValue kr_exception_group_excs(KrThread *t, KrValue eg);

/* Formats a message: printf's %s %d %i %u %ld %lu %lld %llu %zd %zu %x %c
 * (a code point) %% with width and precision, and
 *   %R  repr() of a KrValue     %S  str() of a KrValue
 *   %T  the type name of a KrValue   %U  a KrValue that is a str
 *   %N  the name of a KrType *
 * Returns a str. */
KrValue kr_format(KrThread *t, const char *fmt, ...);
KrValue kr_vformat(KrThread *t, const char *fmt, va_list ap);

/* ------------------------------------------------------------------ */
/* Abstract operations                                                 */
/* ------------------------------------------------------------------ */

KrValue kr_repr(KrThread *t, KrValue v);
/* Recursive-repr guard for containers (CPython's Py_ReprEnter): 0 when
 * entered (call kr_repr_leave after), 1 when obj is already being shown
 * (write "[...]" or "{...}"), -1 on error. */
int kr_repr_enter(KrThread *t, KrValue obj);
void kr_repr_leave(KrThread *t, KrValue obj);
/* Guards C recursion (repr of nested lists, == of deep tuples...): raises
 * RecursionError(" while getting the repr of an object" etc.) past the
 * limit.  Returns 0 or -1; pair with kr_leave_recursive_call. */
int kr_enter_recursive_call(KrThread *t, const char *where);
void kr_leave_recursive_call(KrThread *t);
KrValue kr_str(KrThread *t, KrValue v);
KrValue kr_ascii(KrThread *t, KrValue v);
KrValue kr_format_value(KrThread *t, KrValue v, KrValue spec);   /* format(v, spec) */
int64_t kr_hash(KrThread *t, KrValue v);                       /* -1 on error */
/* "unhashable type: 'list'" */
int64_t kr_hash_not_implemented(KrThread *t, KrValue v);

KrValue kr_richcompare(KrThread *t, KrValue a, KrValue b, KrCompareOp op);
/* The comparison as a truth value: 1, 0 or -1 (error). */
int kr_richcompare_bool(KrThread *t, KrValue a, KrValue b, KrCompareOp op);
/* a == b with the identity shortcut containers use: 1, 0 or -1. */
int kr_eq(KrThread *t, KrValue a, KrValue b);

KrValue kr_binary_op(KrThread *t, KrValue a, KrValue b, KrBinOp op);
KrValue kr_inplace_op(KrThread *t, KrValue a, KrValue b, KrBinOp op);
KrValue kr_power(KrThread *t, KrValue a, KrValue b, KrValue mod);  /* mod KR_NONE: a ** b */
KrValue kr_negative(KrThread *t, KrValue a);
KrValue kr_positive(KrThread *t, KrValue a);
KrValue kr_invert(KrThread *t, KrValue a);
KrValue kr_absolute(KrThread *t, KrValue a);
KrValue kr_divmod(KrThread *t, KrValue a, KrValue b);
/* The symbol of a binary operator ("+", "//"...), for messages. */
const char *kr_binop_symbol(KrBinOp op);

int kr_truth(KrThread *t, KrValue v);           /* 1, 0 or -1 */

KrValue kr_getattr(KrThread *t, KrValue obj, KrValue name);
KrValue kr_getattr_cstr(KrThread *t, KrValue obj, const char *name);
/* 1 and a new reference in *out when present, 0 when absent (an
 * AttributeError is swallowed), -1 on another error. */
int kr_lookup_attr(KrThread *t, KrValue obj, KrValue name, KrValue *out);
int kr_setattr(KrThread *t, KrValue obj, KrValue name, KrValue value);   /* KR_ABSENT deletes */
int kr_delattr(KrThread *t, KrValue obj, KrValue name);
/* object.__getattribute__ / __setattr__: descriptors, then the instance dict. */
KrValue kr_generic_getattr(KrThread *t, KrValue obj, KrValue name);
int kr_generic_setattr(KrThread *t, KrValue obj, KrValue name, KrValue value);
/* The instance dict slot of obj (created on demand), or NULL if the type
 * has none. */
KrValue *kr_instance_dict_ptr(KrThread *t, KrValue obj);

KrValue kr_getitem(KrThread *t, KrValue obj, KrValue key);
int kr_setitem(KrThread *t, KrValue obj, KrValue key, KrValue value);
int kr_delitem(KrThread *t, KrValue obj, KrValue key);
int kr_contains(KrThread *t, KrValue container, KrValue item);   /* 1, 0, -1 */
int64_t kr_len(KrThread *t, KrValue v);                           /* -1 on error */
/* len() if the object has one, else __length_hint__, else `dflt`. */
int64_t kr_length_hint(KrThread *t, KrValue v, int64_t dflt);

KrValue kr_iter(KrThread *t, KrValue v);
/* The next item: a new reference, KR_ABSENT when exhausted (no exception
 * set; a StopIteration raised by __next__ is swallowed), KR_ERROR. */
KrValue kr_next(KrThread *t, KrValue iterator);

KrValue kr_call(KrThread *t, KrValue callable, const KrValue *args, size_t nargs, KrValue kwnames);
KrValue kr_call0(KrThread *t, KrValue callable);
KrValue kr_call1(KrThread *t, KrValue callable, KrValue a);
KrValue kr_call2(KrThread *t, KrValue callable, KrValue a, KrValue b);
/* callable(*args_tuple, **kwargs_dict); kwargs may be KR_ABSENT. */
KrValue kr_call_tuple_dict(KrThread *t, KrValue callable, KrValue args, KrValue kwargs);
/* obj.name(*args) */
KrValue kr_call_method(KrThread *t, KrValue obj, KrValue name, const KrValue *args, size_t nargs);
/* A special method looked up on the type, as the interpreter does: bound
 * to obj and called; KR_ABSENT (no exception) if the type lacks it. */
KrValue kr_call_special(KrThread *t, KrValue obj, KrValue name, const KrValue *args, size_t nargs);
bool kr_callable(KrThread *t, KrValue v);

int kr_isinstance(KrThread *t, KrValue obj, KrValue cls);        /* 1, 0, -1 */
int kr_issubclass(KrThread *t, KrValue derived, KrValue cls);

/* operator.index(v): an int (new reference). */
KrValue kr_index(KrThread *t, KrValue v);
/* v as a C integer via __index__; OverflowError if out of range
 * ("Python int too large to convert to C ssize_t"). */
int kr_as_ssize(KrThread *t, KrValue v, int64_t *out);
/* Like kr_as_ssize, but clamps out-of-range values (slice indices). */
int kr_as_ssize_clamped(KrThread *t, KrValue v, int64_t *out);
int kr_as_double(KrThread *t, KrValue v, double *out);          /* float(v) */
KrValue kr_number_int(KrThread *t, KrValue v);                  /* int(v) */
KrValue kr_number_float(KrThread *t, KrValue v);                /* float(v) */

/* Argument checking for KrMethodFn implementations, with CPython's
 * messages.  `names` lists every parameter; the first `npositional_only`
 * are positional-only, the ones past `nkw_only_start` keyword-only (pass
 * nnames for none).  Parameters from `nrequired` on are optional: their
 * out[] is KR_ABSENT when not given.  out[] values are borrowed. */
typedef struct KrArgSpec {
    const char *fname;          /* "split", "int" ... for messages */
    const char *const *names;
    int nnames;
    int npositional_only;
    int nrequired;
    int nkw_only_start;
} KrArgSpec;
int kr_parse_args(KrThread *t, const KrArgSpec *spec, const KrValue *args, size_t nargs,
                  KrValue kwnames, KrValue *out);
/* Raises "fname() takes no keyword arguments" unless kwnames is empty. */
int kr_no_kwargs(KrThread *t, const char *fname, KrValue kwnames);
/* Checks min <= nargs <= max with "fname expected at most 2 arguments, got 3"
 * style messages (CPython's _PyArg_CheckPositional). */
int kr_check_nargs(KrThread *t, const char *fname, size_t nargs, size_t min, size_t max);
/* sys.get_int_max_str_digits / sys.set_int_max_str_digits (int_methods.c). */
KrValue kr_sys_get_int_max_str_digits(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames);
KrValue kr_sys_set_int_max_str_digits(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames);

/* ------------------------------------------------------------------ */
/* int, bool, float, complex                                           */
/* ------------------------------------------------------------------ */

/* Ints that do not fit in 48 bits, and every instance of an int subclass. */
typedef struct KrLong {
    KrObject ob;
    mpz_t z;
} KrLong;

/* Instances of float subclasses (exact floats are immediates). */
typedef struct KrFloatObj {
    KrObject ob;
    double d;
} KrFloatObj;

typedef struct KrComplex {
    KrObject ob;
    double real, imag;
} KrComplex;

KrValue kr_int_from_i64(KrThread *t, int64_t i);
KrValue kr_int_from_u64(KrThread *t, uint64_t u);
KrValue kr_int_from_mpz(KrThread *t, const mpz_t z);   /* normalises to a small int */
KrValue kr_int_from_double(KrThread *t, double d);     /* int(d): errors for inf/nan */
/* Exact int or int subclass (bools included)? */
bool kr_is_int(KrThread *t, KrValue v);
/* The value of an int (or bool, or int subclass instance) as int64: 0, or
 * -1 with OverflowError set. */
int kr_int_as_i64(KrThread *t, KrValue v, int64_t *out);
/* Writes an int's value into an initialised mpz. */
void kr_int_as_mpz(KrThread *t, KrValue v, mpz_t out);
KrValue kr_int_from_str(KrThread *t, const char *s, size_t len, int base);
double kr_int_as_double_unchecked(KrThread *t, KrValue v);

bool kr_is_float_value(KrThread *t, KrValue v);        /* float or subclass */
double kr_float_value(KrValue v);                      /* of a float or float subclass instance */
KrValue kr_complex_new(KrThread *t, double real, double imag);
/* divmod(a, b) when both are ints / both are int or float (at least one
 * float); NotImplemented for other operands. */
KrValue kr_int_divmod(KrThread *t, KrValue a, KrValue b);
KrValue kr_float_divmod(KrThread *t, KrValue a, KrValue b);
/* hex(v), oct(v), bin(v) of an int: base 16, 8 or 2 with the prefix. */
KrValue kr_int_to_base(KrThread *t, KrValue v, int base);

/* ------------------------------------------------------------------ */
/* str                                                                 */
/* ------------------------------------------------------------------ */

/* PEP 393 storage: `len` code points of `width` bytes each follow the
 * header, NUL-terminated.  utf8 points at the data for ASCII strings, at
 * a cached encoding otherwise (NULL until asked for). */
typedef struct KrStr {
    KrObject ob;
    int64_t hash;               /* -1 until computed */
    size_t len;
    uint8_t width;              /* 1, 2 or 4 */
    uint8_t ascii;              /* every code point < 128 */
    uint8_t interned;
    char *utf8;
    size_t utf8_len;
} KrStr;

static inline KrStr *kr_as_str(KrValue v) { return (KrStr *)kr_as_ptr(v); }
static inline void *kr_str_data(KrStr *s) { return s + 1; }
static inline uint32_t kr_str_char(KrStr *s, size_t i)
{
    switch (s->width) {
    case 1: return ((const uint8_t *)(s + 1))[i];
    case 2: return ((const uint16_t *)(s + 1))[i];
    default: return ((const uint32_t *)(s + 1))[i];
    }
}
/* Exact str or a subclass? */
static inline bool kr_is_str(KrThread *t, KrValue v)
{
    (void)t;
    return kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_STR_SUBCLASS);
}
static inline bool kr_is_exact_str(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_as_ptr(v)->type == kr_builtin_type(t, STR);
}

/* From UTF-8 (strict: invalid input raises UnicodeDecodeError). */
KrValue kr_str_from_utf8(KrThread *t, const char *s, size_t len);
KrValue kr_str_from_cstr(KrThread *t, const char *s);
/* From code points of the given width; narrows as needed. */
KrValue kr_str_from_ucs(KrThread *t, const void *data, size_t len, int width);
/* An uninitialised str of len code points at width `width`, for filling in
 * place before anyone else sees it (the caller must store only code points
 * that need that width or the result is not canonical: prefer
 * kr_str_from_ucs when unsure). */
KrValue kr_str_new_raw(KrThread *t, size_t len, int width, bool ascii);
KrValue kr_str_from_char(KrThread *t, uint32_t cp);
/* The UTF-8 of a str (cached in the object; valid while it lives).  Lone
 * surrogates make it fail with UnicodeEncodeError (NULL returned). */
const char *kr_str_utf8(KrThread *t, KrValue s, size_t *len);
/* The interned copy of s (steals nothing; returns a new reference). */
KrValue kr_str_intern(KrThread *t, KrValue s);
KrValue kr_str_intern_cstr(KrThread *t, const char *s);
int64_t kr_str_hash(KrValue s);
bool kr_str_equal(KrValue a, KrValue b);                /* two strs */
bool kr_str_equal_cstr(KrValue s, const char *ascii);
KrValue kr_str_concat(KrThread *t, KrValue a, KrValue b);
KrValue kr_str_append_inplace(KrThread *t, KrValue s, KrValue other);
/* sep.join(iterable) */
KrValue kr_str_join(KrThread *t, KrValue sep, KrValue iterable);
/* str.encode / bytes.decode for the codecs Krait has (utf-8, utf-8-sig,
 * ascii, latin-1, utf-16/32 and their -le/-be forms, under CPython's
 * aliases); NULL encoding means utf-8, NULL errors 'strict'.  Unknown
 * encodings raise LookupError "unknown encoding: X". */
KrValue kr_str_encode(KrThread *t, KrValue s, const char *encoding, const char *errors);
KrValue kr_str_decode(KrThread *t, const void *data, size_t len, const char *encoding, const char *errors);
/* repr() of a str, with CPython's quote choice and escapes. */
KrValue kr_str_repr(KrThread *t, KrValue s);
/* A view of a str's code points, for the ustr_* algorithms. */
static inline UStrView kr_str_view(KrValue s)
{
    KrStr *str = kr_as_str(s);
    return ustr_view(kr_str_data(str), str->len, str->width);
}
/* A str from a finished builder buffer (takes ownership of buf.data). */
KrValue kr_str_from_ustrbuf(KrThread *t, UStrBuf buf);
/* s[start:end] as a new str (0 <= start <= end <= len). */
KrValue kr_str_substr(KrThread *t, KrValue s, size_t start, size_t end);

/* A growable buffer of code points that becomes a str (for repr, join,
 * format...). */
typedef struct KrStrBuilder {
    UStrBuilder u;
} KrStrBuilder;
void kr_sb_init(KrStrBuilder *b);
int kr_sb_append_ascii(KrThread *t, KrStrBuilder *b, const char *s, size_t n);
int kr_sb_append_utf8(KrThread *t, KrStrBuilder *b, const char *s, size_t n);
int kr_sb_append_char(KrThread *t, KrStrBuilder *b, uint32_t cp);
int kr_sb_append_str(KrThread *t, KrStrBuilder *b, KrValue s);
KrValue kr_sb_finish(KrThread *t, KrStrBuilder *b);     /* frees the buffer */
void kr_sb_discard(KrStrBuilder *b);

/* ------------------------------------------------------------------ */
/* bytes, bytearray                                                    */
/* ------------------------------------------------------------------ */

typedef struct KrBytes {
    KrObject ob;
    int64_t hash;
    size_t len;
    /* len bytes follow, then a NUL */
} KrBytes;
static inline unsigned char *kr_bytes_data(KrValue v) { return (unsigned char *)((KrBytes *)kr_as_ptr(v) + 1); }
static inline size_t kr_bytes_len(KrValue v) { return ((KrBytes *)kr_as_ptr(v))->len; }
KrValue kr_bytes_new(KrThread *t, const void *data, size_t len);   /* data NULL: zeroed */

typedef struct KrByteArray {
    KrObject ob;
    unsigned char *data;
    size_t len, cap;
    int64_t exports;            /* live memoryviews: resizing is refused */
} KrByteArray;
KrValue kr_bytearray_new(KrThread *t, const void *data, size_t len); /* data NULL: zeroed */

/* The bytes of a bytes-like object (bytes, bytearray, contiguous
 * memoryview), borrowed: valid while obj lives and no Python code runs.
 * readonly may be NULL.  -1 with TypeError "a bytes-like object is
 * required, not 'X'". */
int kr_get_buffer(KrThread *t, KrValue obj, const unsigned char **data, size_t *len, bool *readonly);
/* bytes.decode: data (of obj, the bytes-like object, for the exception)
 * decoded with `encoding` and `errors` (str or KR_ABSENT for the defaults
 * 'utf-8' and 'strict').  Codecs: utf-8, ascii, latin-1, utf-16/32 (with
 * their -le/-be forms) and their aliases. */
KrValue kr_bytes_decode(KrThread *t, KrValue obj, const unsigned char *data, size_t len, KrValue encoding,
                        KrValue errors);
/* str.encode: the same codecs. */
KrValue kr_bytes_from_str(KrThread *t, KrValue s, KrValue encoding, KrValue errors);
/* CPython's PyObject_Bytes: __bytes__, else a buffer's or an iterable of
 * ints' bytes ("cannot convert 'str' object to bytes" for str and ints). */
KrValue kr_bytes_from_object(KrThread *t, KrValue v);

/* ------------------------------------------------------------------ */
/* tuple, list                                                         */
/* ------------------------------------------------------------------ */

typedef struct KrTuple {
    KrObject ob;
    int64_t hash;               /* unused (CPython does not cache); kept for alignment */
    size_t len;
    KrValue items[];
} KrTuple;

static inline KrTuple *kr_as_tuple(KrValue v) { return (KrTuple *)kr_as_ptr(v); }
static inline size_t kr_tuple_len(KrValue v) { return kr_as_tuple(v)->len; }
static inline KrValue *kr_tuple_items(KrValue v) { return kr_as_tuple(v)->items; }
static inline bool kr_is_tuple(KrThread *t, KrValue v)
{
    (void)t;
    return kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_TUPLE_SUBCLASS);
}
/* A tuple of n items, all KR_NONE, for the caller to fill (items[i] may be
 * overwritten without a decref). */
KrValue kr_tuple_new(KrThread *t, size_t n);
/* From n values (new references taken here). */
KrValue kr_tuple_from(KrThread *t, const KrValue *items, size_t n);
KrValue kr_tuple_pack(KrThread *t, size_t n, ...);
/* types.GenericAlias(origin, args) and the shared body of the built-in
 * classes' __class_getitem__ (cls[item] for list, dict, type, ...). */
KrValue kr_generic_alias_new(KrThread *t, KrValue origin, KrValue args);
KrValue kr_class_getitem_alias(KrThread *t, KrValue cls, const KrValue *args, size_t nargs);
KrValue kr_union_new(KrThread *t, KrValue a, KrValue b);
/* tuple(iterable) */
KrValue kr_tuple_from_iterable(KrThread *t, KrValue iterable);

typedef struct KrList {
    KrObject ob;
    size_t len, cap;
    KrValue *items;
} KrList;

static inline KrList *kr_as_list(KrValue v) { return (KrList *)kr_as_ptr(v); }
static inline bool kr_is_list(KrThread *t, KrValue v)
{
    (void)t;
    return kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_LIST_SUBCLASS);
}
KrValue kr_list_new(KrThread *t, size_t n);          /* n items, all KR_NONE */
KrValue kr_list_from(KrThread *t, const KrValue *items, size_t n);
int kr_list_append(KrThread *t, KrValue list, KrValue item);
int kr_list_extend(KrThread *t, KrValue list, KrValue iterable);
KrValue kr_list_from_iterable(KrThread *t, KrValue iterable);  /* list(iterable) */
int kr_list_sort(KrThread *t, KrValue list, KrValue key, bool reverse);
/* Is f the multiply slot of a built-in sequence (str, bytes, bytearray,
 * tuple, list), i.e. CPython's sq_repeat rather than an nb_multiply? */
bool kr_seq_is_repeat_slot(KrThread *t, KrBinaryFn f);

/* ------------------------------------------------------------------ */
/* dict, set                                                           */
/* ------------------------------------------------------------------ */

typedef struct KrDict {
    KrObject ob;
    KrHashTable ht;
} KrDict;

static inline KrDict *kr_as_dict(KrValue v) { return (KrDict *)kr_as_ptr(v); }
static inline bool kr_is_dict(KrThread *t, KrValue v)
{
    (void)t;
    return kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_DICT_SUBCLASS);
}
KrValue kr_dict_new(KrThread *t);
/* d[key], borrowed; KR_ABSENT if missing (no exception); KR_ERROR. */
KrValue kr_dict_get(KrThread *t, KrValue d, KrValue key);
KrValue kr_dict_get_cstr(KrThread *t, KrValue d, const char *key);
int kr_dict_set(KrThread *t, KrValue d, KrValue key, KrValue value);
int kr_dict_set_cstr(KrThread *t, KrValue d, const char *key, KrValue value);
/* 1 deleted, 0 absent (no exception), -1 error. */
int kr_dict_del(KrThread *t, KrValue d, KrValue key);
size_t kr_dict_len(KrValue d);
/* Iteration: size_t pos = 0; KrValue k, v; while (kr_dict_next(d, &pos, &k, &v)) ...
 * (borrowed key and value). */
bool kr_dict_next(KrValue d, size_t *pos, KrValue *key, KrValue *value);
/* d.update(other) for a mapping or an iterable of pairs. */
int kr_dict_update(KrThread *t, KrValue d, KrValue other);
/* d.update(other) where other is a dict (the fast path). */
int kr_dict_merge(KrThread *t, KrValue d, KrValue other, bool override);
KrValue kr_dict_copy(KrThread *t, KrValue d);
KrValue kr_dict_keys_list(KrThread *t, KrValue d);

typedef struct KrSet {
    KrObject ob;
    KrSetTable st;
    int64_t hash;               /* frozenset: cached, -1 until computed */
} KrSet;

static inline KrSet *kr_as_set(KrValue v) { return (KrSet *)kr_as_ptr(v); }
/* set or frozenset (or subclasses)? */
bool kr_is_anyset(KrThread *t, KrValue v);
KrValue kr_set_new(KrThread *t, KrValue iterable);        /* iterable KR_ABSENT: empty */
KrValue kr_frozenset_new(KrThread *t, KrValue iterable);
int kr_set_add_value(KrThread *t, KrValue set, KrValue key);
int kr_set_contains_value(KrThread *t, KrValue set, KrValue key);
/* s.update(iterable) (CPython's _PySet_Update), s.difference_update(other),
 * s.symmetric_difference_update(other) for a set s; s & other for an anyset
 * s and any iterable other.  The dict views' set operations use them. */
int kr_set_update(KrThread *t, KrValue set, KrValue iterable);
int kr_set_difference_update(KrThread *t, KrValue set, KrValue other);
int kr_set_symmetric_difference_update(KrThread *t, KrValue set, KrValue other);
KrValue kr_set_intersection(KrThread *t, KrValue set, KrValue other);

/* ------------------------------------------------------------------ */
/* Other built-in objects                                              */
/* ------------------------------------------------------------------ */

typedef struct KrSlice {
    KrObject ob;
    KrValue start, stop, step;
} KrSlice;
KrValue kr_slice_new(KrThread *t, KrValue start, KrValue stop, KrValue step);
/* slice.indices(len): normalised bounds and the number of items. */
int kr_slice_unpack(KrThread *t, KrValue slice, int64_t *start, int64_t *stop, int64_t *step);
int64_t kr_slice_adjust(int64_t len, int64_t *start, int64_t *stop, int64_t step);

/* iter(seq) for an object with __getitem__ but no __iter__ (the "iterator"
 * type), and iter(callable, sentinel) (callable_iterator). */
KrValue kr_seq_iter_new(KrThread *t, KrValue seq);
KrValue kr_callable_iter_new(KrThread *t, KrValue callable, KrValue sentinel);

/* A built-in function or a built-in method bound to its self. */
typedef struct KrBuiltinFunction {
    KrObject ob;
    const KrMethodDef *def;
    KrValue self;               /* bound self / module, or KR_ABSENT */
    KrValue module;             /* __module__ (a str or KR_NONE) */
    KrValue qualname_prefix;    /* type name for methods, or KR_ABSENT */
} KrBuiltinFunction;
/* Zero-argument super(): the class (__class__ cell) and first argument of
 * the running Python function (the VM's; 0 or -1 with RuntimeError). */
int kr_super_zero_args(KrThread *t, KrType **type, KrValue *obj);
KrValue kr_builtin_function_new(KrThread *t, const KrMethodDef *def, KrValue self, KrValue module);

/* A method bound to an instance (types.MethodType). */
typedef struct KrMethod {
    KrObject ob;
    KrValue func, self;
} KrMethod;
KrValue kr_method_new(KrThread *t, KrValue func, KrValue self);

/* Descriptors for built-in methods and attributes, in type dicts. */
typedef struct KrMethodDescr {
    KrObject ob;
    KrType *owner;
    const KrMethodDef *def;
} KrMethodDescr;
typedef struct KrGetSetDescr {
    KrObject ob;
    KrType *owner;
    const KrGetSetDef *def;
} KrGetSetDescr;
/* __slots__ entries: a value slot at byte offset `offset` of the instance. */
typedef struct KrMemberDescr {
    KrObject ob;
    KrType *owner;
    KrValue name;
    size_t offset;
    bool readonly;
} KrMemberDescr;

typedef struct KrCell {
    KrObject ob;
    KrValue value;              /* KR_ABSENT: empty */
} KrCell;
KrValue kr_cell_new(KrThread *t, KrValue value);

typedef struct KrModule {
    KrObject ob;
    KrValue dict;
    const KrMethodDef *methods;
    void *state;                /* C module state */
    void (*free_state)(void *);
    KrValue weaklist;           /* modules can be weakly referenced */
} KrModule;
KrValue kr_module_new(KrThread *t, KrValue name);
/* A module of C functions: defines each of `methods` in its dict. */
KrValue kr_module_new_c(KrThread *t, const char *name, const KrMethodDef *methods);
int kr_module_add(KrThread *t, KrValue module, const char *name, KrValue value);

typedef struct KrProperty {
    KrObject ob;
    KrValue fget, fset, fdel, doc, name;
    bool getter_doc;
} KrProperty;

typedef struct KrStaticOrClassMethod {
    KrObject ob;
    KrValue callable;
    KrValue dict;
} KrStaticOrClassMethod;

/* types.MappingProxyType(mapping): a read-only view of mapping (anything
 * with __getitem__ but a list or tuple; TypeError otherwise). */
KrValue kr_mappingproxy_new(KrThread *t, KrValue mapping);

/* An instance of a class written in Python: its attribute dict (and
 * __slots__ values) live at offsets the class records in its KrType. */
typedef struct KrInstance {
    KrObject ob;
    KrValue dict;               /* KR_ABSENT until the first attribute */
    KrValue weaklist;
} KrInstance;

/* Builtin modules of this VM (runtime/builtins.c etc.). */
KrValue kr_builtins_module_new(KrThread *t);

#endif
