/* krait.h: embedding the Krait Python interpreter in a C program.
 *
 * This is the whole public interface: it includes no internal header and
 * exposes no internal type, so programs built against it keep working when
 * the interpreter's insides change.  docs/EMBEDDING.md explains how to
 * build against libkrait.a and gives a complete example.
 *
 * The model in five rules:
 *
 * 1. A krait_vm is one independent Python interpreter (its own builtins,
 *    sys.modules, __main__ ...).  A process may hold any number of them.
 *    One VM must be used by one thread at a time; different VMs may run on
 *    different threads at the same time.
 *
 * 2. A krait_value is a handle to a Python object of one VM, passed by
 *    value.  Every krait_value the API gives you (as a return value or
 *    through an out-parameter) is a new reference that you own: release it
 *    with krait_release() exactly once.  Every krait_value you pass in is
 *    borrowed: the API takes its own reference when it keeps the object
 *    (krait_list_append, krait_dict_set ...).  The only transfer the other
 *    way is the *result of a krait_cfunction, which the VM takes over.
 *    A zero-initialised krait_value is KRAIT_NULL ("no value");
 *    releasing KRAIT_NULL does nothing.  Values never cross VMs, and all of
 *    a VM's values die with it.
 *
 * 3. Functions that can fail return a status: KRAIT_OK (0) on success,
 *    KRAIT_ERROR (-1) when a Python exception was raised, and for lookups
 *    that may legitimately find nothing, KRAIT_MISSING (1) with no
 *    exception.  The krait_new_* constructors return KRAIT_NULL on failure
 *    instead.  Out-parameters are set to KRAIT_NULL whenever the status is
 *    not KRAIT_OK.  A krait_value out-parameter may be NULL to drop the
 *    result (krait_call(vm, f, 0, NULL, NULL) just calls f); the others
 *    must not be NULL unless a function says so.
 *
 * 4. A failed call leaves its exception pending in the VM.  Read it
 *    (krait_error_text, krait_error_traceback, krait_error_matches), then
 *    clear it (krait_error_clear, krait_error_fetch, krait_error_print).
 *    While an exception is pending, every other function that can fail
 *    returns KRAIT_ERROR (or KRAIT_NULL) at once without doing anything, so
 *    a failure cannot be lost or overwritten by the next call.  Inside a
 *    krait_cfunction, returning KRAIT_ERROR with the exception still
 *    pending raises it in the Python caller.
 *
 * 5. C strings returned by the API are UTF-8 and owned by the VM: see each
 *    function for how long they stay valid.  Strings passed in are UTF-8
 *    and copied (the names and docs of krait_function_defs too): the API
 *    keeps no pointer to them. */
#ifndef KRAIT_H
#define KRAIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KRAIT_VERSION_MAJOR 0
#define KRAIT_VERSION_MINOR 1
/* The Python language version Krait implements. */
#define KRAIT_PYTHON_VERSION "3.11"

/* The library's version, "MAJOR.MINOR". */
const char *krait_version(void);

/* ---- Statuses --------------------------------------------------------- */

enum {
    KRAIT_OK = 0,
    KRAIT_ERROR = -1,   /* a Python exception is pending */
    KRAIT_MISSING = 1,  /* no such item / no more items; no exception */
};

/* ---- Handles ---------------------------------------------------------- */

typedef struct krait_vm krait_vm;

/* A reference to a Python object.  Treat the member as private. */
typedef struct krait_value {
    uint64_t opaque_;
} krait_value;

#ifdef __cplusplus
#define KRAIT_NULL (krait_value{})
#else
#define KRAIT_NULL ((krait_value){0})
#endif

static inline int krait_is_null(krait_value v) { return v.opaque_ == 0; }

/* ---- VMs -------------------------------------------------------------- */

/* A new interpreter with builtins, sys, and an empty __main__ module.
 * sys.path holds the Python 3.11 standard library's directories; sys.argv
 * is [''].  NULL when memory runs out. */
krait_vm *krait_vm_new(void);

/* Destroys the interpreter and every value it made (a pending exception
 * is discarded).  NULL is allowed.  Never call it while the VM is running
 * code (from one of its own C functions). */
void krait_vm_free(krait_vm *vm);

/* sys.argv = the argc strings of argv. */
int krait_set_argv(krait_vm *vm, int argc, const char *const *argv);

/* Puts `dir` first on sys.path, so `import` finds modules there. */
int krait_add_path(krait_vm *vm, const char *dir);

/* ---- Running code ------------------------------------------------------ */

/* Runs Python statements in __main__'s namespace; names they bind stay
 * there for later runs, krait_eval and krait_get_global.  Tracebacks name
 * the code "<string>". */
int krait_run_string(krait_vm *vm, const char *source);

/* Runs a Python source file in __main__'s namespace (__file__ is set to
 * path).  A file that cannot be read raises FileNotFoundError/OSError. */
int krait_run_file(krait_vm *vm, const char *path);

/* Evaluates one expression in __main__'s namespace. */
int krait_eval(krait_vm *vm, const char *expression, krait_value *result);

/* __main__'s global `name` (NameError when unbound) / binds it. */
int krait_get_global(krait_vm *vm, const char *name, krait_value *out);
int krait_set_global(krait_vm *vm, const char *name, krait_value value);

/* import `name` (dotted names give the submodule itself). */
int krait_import(krait_vm *vm, const char *name, krait_value *module);

/* ---- Calling ----------------------------------------------------------- */

/* callable(*argv) */
int krait_call(krait_vm *vm, krait_value callable, size_t argc, const krait_value *argv, krait_value *result);

/* callable(*argv, **kwargs); kwargs is a dict with str keys, or KRAIT_NULL. */
int krait_call_kw(krait_vm *vm, krait_value callable, size_t argc, const krait_value *argv, krait_value kwargs,
                  krait_value *result);

/* obj.name(*argv) */
int krait_call_method(krait_vm *vm, krait_value obj, const char *name, size_t argc, const krait_value *argv,
                      krait_value *result);

/* ---- Making values ----------------------------------------------------- */

krait_value krait_none(void);
krait_value krait_bool(int truth);
krait_value krait_new_int(krait_vm *vm, int64_t i);
krait_value krait_new_float(krait_vm *vm, double d);
/* A str from UTF-8 text (invalid UTF-8 raises UnicodeDecodeError). */
krait_value krait_new_str(krait_vm *vm, const char *utf8);
krait_value krait_new_strn(krait_vm *vm, const char *utf8, size_t len);
krait_value krait_new_bytes(krait_vm *vm, const void *data, size_t len);
krait_value krait_new_list(krait_vm *vm);
krait_value krait_new_dict(krait_vm *vm);
/* A tuple of n items (borrowed, as always); items may be NULL when n is 0. */
krait_value krait_new_tuple(krait_vm *vm, size_t n, const krait_value *items);

/* Another reference to v (release both). */
krait_value krait_dup(krait_vm *vm, krait_value v);
/* Drops a reference.  KRAIT_NULL is ignored.  This may run Python code
 * (__del__), but never raises: such errors are reported as CPython
 * reports them ("Exception ignored in ..."). */
void krait_release(krait_vm *vm, krait_value v);

/* ---- Reading values ---------------------------------------------------- */

typedef enum krait_kind {
    KRAIT_KIND_NULL,
    KRAIT_KIND_NONE,
    KRAIT_KIND_BOOL,
    KRAIT_KIND_INT,      /* int and its subclasses other than bool */
    KRAIT_KIND_FLOAT,    /* float and its subclasses */
    KRAIT_KIND_STR,
    KRAIT_KIND_BYTES,
    KRAIT_KIND_TUPLE,
    KRAIT_KIND_LIST,
    KRAIT_KIND_DICT,
    KRAIT_KIND_OTHER,
} krait_kind;

krait_kind krait_kind_of(krait_vm *vm, krait_value v);

/* Is a the same object as b (Python's `is`)? */
int krait_is(krait_value a, krait_value b);

/* The value of an int (or any object with __index__); OverflowError when
 * it does not fit in int64_t. */
int krait_to_int(krait_vm *vm, krait_value v, int64_t *out);
/* float(v) for a float, an int or anything with __float__/__index__. */
int krait_to_float(krait_vm *vm, krait_value v, double *out);
/* bool(v): *out is 0 or 1. */
int krait_to_bool(krait_vm *vm, krait_value v, int *out);
/* The UTF-8 text of a str (TypeError for other types).  *utf8 points into
 * the object, NUL-terminated, valid while you hold v; len may be NULL.
 * Strings with lone surrogates raise UnicodeEncodeError. */
int krait_to_str(krait_vm *vm, krait_value v, const char **utf8, size_t *len);
/* The bytes of a bytes object, valid while you hold v. */
int krait_to_bytes(krait_vm *vm, krait_value v, const void **data, size_t *len);

/* str(v) and repr(v), as str values. */
int krait_str(krait_vm *vm, krait_value v, krait_value *out);
int krait_repr(krait_vm *vm, krait_value v, krait_value *out);

/* ---- Objects and containers -------------------------------------------- */

/* len(v) */
int krait_len(krait_vm *vm, krait_value v, size_t *out);
/* obj.name / obj.name = value */
int krait_getattr(krait_vm *vm, krait_value obj, const char *name, krait_value *out);
int krait_setattr(krait_vm *vm, krait_value obj, const char *name, krait_value value);
/* obj[key] / obj[key] = value, for any object */
int krait_getitem(krait_vm *vm, krait_value obj, krait_value key, krait_value *out);
int krait_setitem(krait_vm *vm, krait_value obj, krait_value key, krait_value value);

/* list.append(item) */
int krait_list_append(krait_vm *vm, krait_value list, krait_value item);
/* seq[index] for a list or tuple (IndexError when out of range). */
int krait_list_get(krait_vm *vm, krait_value seq, size_t index, krait_value *out);
/* list[index] = item */
int krait_list_set(krait_vm *vm, krait_value list, size_t index, krait_value item);

/* dict[key] = value */
int krait_dict_set(krait_vm *vm, krait_value dict, krait_value key, krait_value value);
int krait_dict_set_str(krait_vm *vm, krait_value dict, const char *key, krait_value value);
/* dict[key], or KRAIT_MISSING (no exception) when the key is absent. */
int krait_dict_get(krait_vm *vm, krait_value dict, krait_value key, krait_value *out);
int krait_dict_get_str(krait_vm *vm, krait_value dict, const char *key, krait_value *out);
/* Walks a dict in order: start with *pos = 0; each KRAIT_OK gives the next
 * key and value (both yours to release; key or value may be NULL when
 * not wanted); KRAIT_MISSING ends the walk.
 * Changing the dict during a walk is safe but may skip or repeat items. */
int krait_dict_next(krait_vm *vm, krait_value dict, size_t *pos, krait_value *key, krait_value *value);

/* ---- C functions ------------------------------------------------------- */

/* A function written in C, called from Python with positional arguments
 * only (keywords raise TypeError).  argv's values are borrowed for the call.
 * On success return KRAIT_OK and store the result in *result, which the VM
 * takes over (leave it KRAIT_NULL to return None).  On failure raise with
 * krait_raise (or let an exception from a call you made stay pending) and
 * return KRAIT_ERROR. */
typedef int (*krait_cfunction)(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv,
                               krait_value *result);

typedef struct krait_function_def {
    const char *name;
    krait_cfunction fn;
    const char *doc;     /* __doc__, or NULL */
} krait_function_def;

/* A built-in function object named `name` calling fn with userdata. */
krait_value krait_new_function(krait_vm *vm, const char *name, krait_cfunction fn, void *userdata);

/* Creates the module `name` holding the functions of `defs` (ended by an
 * entry whose name is NULL), each called with userdata, and registers it
 * in sys.modules so that `import name` finds it.  module may be NULL;
 * otherwise it receives the module, e.g. to add constants with
 * krait_setattr. */
int krait_define_module(krait_vm *vm, const char *name, const krait_function_def *defs, void *userdata,
                        krait_value *module);

/* ---- Exceptions -------------------------------------------------------- */

/* Raises exc_type(message), message formatted as by printf.  exc_type
 * names a built-in exception class ("ValueError") or a class of an
 * imported module ("mymod.MyError").  Returns KRAIT_ERROR, so a C function
 * can `return krait_raise(vm, "TypeError", "expected %d", n);`. */
int krait_raise(krait_vm *vm, const char *exc_type, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* raise exc (an exception instance or class).  Returns KRAIT_ERROR. */
int krait_raise_value(krait_vm *vm, krait_value exc);

/* Is an exception pending? */
int krait_has_error(krait_vm *vm);

/* Is the pending exception an instance of exc_type (named as for
 * krait_raise)?  0 when none is pending. */
int krait_error_matches(krait_vm *vm, const char *exc_type);

/* The pending exception as its traceback's last line shows it:
 * "ValueError: bad value", "mymod.MyError: text", "KeyError: 'k'".
 * NULL when none is pending.  Valid until the next krait_error_text call
 * or until the VM is freed. */
const char *krait_error_text(krait_vm *vm);

/* The pending exception exactly as Python prints an uncaught one:
 * "Traceback (most recent call last):\n  File ...", chained exceptions
 * included.  NULL when none is pending.  Valid until the next
 * krait_error_traceback call or until the VM is freed. */
const char *krait_error_traceback(krait_vm *vm);

/* Takes the pending exception (yours to release) and clears it;
 * KRAIT_NULL when none is pending. */
krait_value krait_error_fetch(krait_vm *vm);

/* Discards the pending exception, if any. */
void krait_error_clear(krait_vm *vm);

/* Prints the pending exception to sys.stderr as an uncaught exception
 * (through sys.excepthook) and clears it. */
void krait_error_print(krait_vm *vm);

#ifdef __cplusplus
}
#endif

#endif
