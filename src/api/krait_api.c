/* The embedding API (include/krait.h) over the internal VM.
 *
 * A krait_value carries a KrValue's bits XORed with KR_ERROR's, so that
 * the all-zero krait_value is KR_ERROR, which is never a Python object:
 * zero-initialised handles are KRAIT_NULL and releasing them is harmless.
 * Converting costs one XOR each way. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "krait.h"
#include "runtime/runtime.h"
#include "vm/code.h"

void kr_flush_std_streams(KrThread *t);

struct krait_vm {
    KrVM *vm;
    KrThread *t;
    KrValue main_module;    /* __main__, also in sys.modules */
    KrValue capture_class;  /* the sys.stderr stand-in for tracebacks, made on first use */
    char *error_text;       /* the last krait_error_text / krait_error_traceback */
    char *error_traceback;
};

static inline krait_value wrap(KrValue v) { return (krait_value){v ^ KR_ERROR}; }
static inline KrValue unwrap(krait_value v) { return v.opaque_ ^ KR_ERROR; }

/* Sets an out-parameter from an internal result: KRAIT_OK with a new
 * reference, or KRAIT_ERROR with KRAIT_NULL. */
static int deliver(KrThread *t, KrValue r, krait_value *out)
{
    if (out)
        *out = r == KR_ERROR ? KRAIT_NULL : wrap(r);
    else
        kr_decref(t, r);  /* a caller that passes no out-parameter wants no result */
    return r == KR_ERROR ? KRAIT_ERROR : KRAIT_OK;
}

static void set_null(krait_value *out)
{
    if (out)
        *out = KRAIT_NULL;
}

/* The entry check of every function that can fail: refuses while an
 * exception is pending (krait.h rule 4). */
static bool blocked(krait_vm *vm) { return vm == NULL || kr_err_occurred(vm->t); }

/* A KRAIT_NULL argument is the caller's mistake unless it comes from a
 * failed constructor, whose exception is then already pending (and the
 * call was blocked before getting here). */
static bool null_arg(krait_vm *vm, krait_value v, const char *fname)
{
    if (!krait_is_null(v))
        return false;
    kr_raise_fmt(vm->t, kr_exc_type(vm->t, SystemError), "%s: argument is KRAIT_NULL", fname);
    return true;
}

static int status_of(int r) { return r < 0 ? KRAIT_ERROR : KRAIT_OK; }

const char *krait_version(void)
{
#define KRAIT_STR2(x) #x
#define KRAIT_STR(x) KRAIT_STR2(x)
    return KRAIT_STR(KRAIT_VERSION_MAJOR) "." KRAIT_STR(KRAIT_VERSION_MINOR);
}

/* ---- VMs ---- */

static const char *const stdlib_dirs[] = {"/usr/lib/python311.zip", "/usr/lib/python3.11",
                                          "/usr/lib/python3.11/lib-dynload"};

static KrValue sys_dict(KrThread *t) { return ((KrModule *)kr_as_ptr(t->vm->sys))->dict; }

static int setup_vm(krait_vm *vm)
{
    KrThread *t = vm->t;
    KrValue name = kr_str_intern_cstr(t, "__main__");
    if (name == KR_ERROR)
        return -1;
    KrValue m = kr_module_new(t, name);
    int r = m == KR_ERROR ? -1 : 0;
    if (r == 0) {
        vm->main_module = m;
        KrValue d = ((KrModule *)kr_as_ptr(m))->dict;
        r = kr_dict_set(t, d, kr_name(t, dunder_builtins), t->vm->builtins);
        if (r == 0)
            r = kr_dict_set(t, t->vm->modules, name, m);
    }
    kr_decref(t, name);
    if (r < 0)
        return -1;
    KrValue path = kr_dict_get_cstr(t, sys_dict(t), "path");
    for (size_t i = 0; kr_is_list(t, path) && i < sizeof stdlib_dirs / sizeof *stdlib_dirs; i++) {
        KrValue s = kr_str_from_cstr(t, stdlib_dirs[i]);
        if (s == KR_ERROR)
            return -1;
        r = kr_list_append(t, path, s);
        kr_decref(t, s);
        if (r < 0)
            return -1;
    }
    const char *argv0 = "";
    return krait_set_argv(vm, 1, &argv0) == KRAIT_OK ? 0 : -1;
}

krait_vm *krait_vm_new(void)
{
    krait_vm *vm = calloc(1, sizeof *vm);
    if (!vm)
        return NULL;
    vm->vm = kr_vm_new();
    if (!vm->vm) {
        free(vm);
        return NULL;
    }
    vm->t = vm->vm->main_thread;
    vm->main_module = vm->capture_class = KR_ABSENT;
    kr_sys_configure_streams(vm->t);
    if (setup_vm(vm) < 0) {
        krait_vm_free(vm);
        return NULL;
    }
    return vm;
}

void krait_vm_free(krait_vm *vm)
{
    if (!vm)
        return;
    KrThread *t = vm->t;
    kr_err_clear(t);
    kr_flush_std_streams(t);
    kr_clear(t, &vm->main_module);
    kr_clear(t, &vm->capture_class);
    kr_err_clear(t);
    kr_vm_free(vm->vm);
    free(vm->error_text);
    free(vm->error_traceback);
    free(vm);
}

int krait_set_argv(krait_vm *vm, int argc, const char *const *argv)
{
    if (blocked(vm))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue list = kr_list_new(t, 0);
    if (list == KR_ERROR)
        return KRAIT_ERROR;
    for (int i = 0; i < argc; i++) {
        KrValue s = kr_str_from_cstr(t, argv[i]);
        int r = s == KR_ERROR ? -1 : kr_list_append(t, list, s);
        kr_xdecref(t, s == KR_ERROR ? KR_ABSENT : s);
        if (r < 0) {
            kr_decref(t, list);
            return KRAIT_ERROR;
        }
    }
    int r = kr_dict_set_cstr(t, sys_dict(t), "argv", list);
    kr_decref(t, list);
    return status_of(r);
}

int krait_add_path(krait_vm *vm, const char *dir)
{
    if (blocked(vm))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue path = kr_dict_get_cstr(t, sys_dict(t), "path");
    if (path == KR_ERROR)
        return KRAIT_ERROR;
    if (!kr_is_list(t, path)) {
        kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "sys.path is not a list");
        return KRAIT_ERROR;
    }
    KrValue s = kr_str_from_cstr(t, dir);
    if (s == KR_ERROR)
        return KRAIT_ERROR;
    KrValue insert = kr_str_intern_cstr(t, "insert");
    KrValue r = insert == KR_ERROR ? KR_ERROR : kr_call_method(t, path, insert, (KrValue[]){kr_smallint(0), s}, 2);
    kr_xdecref(t, insert == KR_ERROR ? KR_ABSENT : insert);
    kr_decref(t, s);
    if (r == KR_ERROR)
        return KRAIT_ERROR;
    kr_decref(t, r);
    return KRAIT_OK;
}

/* ---- Running code ---- */

static KrValue main_dict(krait_vm *vm) { return ((KrModule *)kr_as_ptr(vm->main_module))->dict; }

/* Flushes sys.stdout and sys.stderr after running code (as the krait
 * command does at exit), keeping any pending exception. */
static void flush_streams(KrThread *t)
{
    KrValue saved = kr_err_fetch(t);
    kr_flush_std_streams(t);
    kr_err_clear(t);
    t->exc = saved;
}

static int run_source(krait_vm *vm, const char *src, size_t len, const char *filename, bool from_file)
{
    KrThread *t = vm->t;
    KrValue code = kr_compile_source(t, src, len, filename, "exec", from_file);
    if (code == KR_ERROR)
        return KRAIT_ERROR;
    KrValue d = main_dict(vm);
    KrValue r = kr_eval_code(t, code, d, d);
    kr_decref(t, code);
    flush_streams(t);
    if (r == KR_ERROR)
        return KRAIT_ERROR;
    kr_decref(t, r);
    return KRAIT_OK;
}

int krait_run_string(krait_vm *vm, const char *source)
{
    if (blocked(vm))
        return KRAIT_ERROR;
    return run_source(vm, source, strlen(source), "<string>", false);
}

/* Raises OSError's subclass for errno about `path`, as open() does. */
static void raise_os_error(KrThread *t, int err, const char *path)
{
    KrValue msg = kr_str_from_cstr(t, strerror(err));
    KrValue fname = kr_str_from_cstr(t, path);
    KrValue args = msg == KR_ERROR || fname == KR_ERROR ? KR_ERROR : kr_tuple_pack(t, 3, kr_smallint(err), msg, fname);
    if (msg != KR_ERROR)
        kr_decref(t, msg);
    if (fname != KR_ERROR)
        kr_decref(t, fname);
    if (args == KR_ERROR)
        return;
    /* OSError(errno, ...) picks the subclass (FileNotFoundError ...). */
    KrValue exc = kr_call_tuple_dict(t, kr_ptr(kr_exc_type(t, OSError)), args, KR_ABSENT);
    kr_decref(t, args);
    if (exc != KR_ERROR) {
        kr_raise(t, exc);
        kr_decref(t, exc);
    }
}

int krait_run_file(krait_vm *vm, const char *path)
{
    if (blocked(vm))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    FILE *f = fopen(path, "rb");
    if (!f) {
        raise_os_error(t, errno, path);
        return KRAIT_ERROR;
    }
    size_t cap = 65536, len = 0;
    char *src = malloc(cap + 1);
    while (src) {
        len += fread(src + len, 1, cap - len, f);
        if (len < cap)
            break;
        cap *= 2;
        char *bigger = realloc(src, cap + 1);
        if (!bigger)
            free(src);
        src = bigger;
    }
    bool failed = ferror(f);
    int err = errno;
    fclose(f);
    if (!src) {
        kr_no_memory(t);
        return KRAIT_ERROR;
    }
    if (failed) {
        free(src);
        raise_os_error(t, err, path);
        return KRAIT_ERROR;
    }
    src[len] = '\0';
    KrValue file = kr_str_from_cstr(t, path);
    if (file == KR_ERROR || kr_dict_set(t, main_dict(vm), kr_name(t, dunder_file), file) < 0) {
        kr_xdecref(t, file == KR_ERROR ? KR_ABSENT : file);
        free(src);
        return KRAIT_ERROR;
    }
    kr_decref(t, file);
    int r = run_source(vm, src, len, path, true);
    free(src);
    return r;
}

int krait_eval(krait_vm *vm, const char *expression, krait_value *result)
{
    set_null(result);
    if (blocked(vm))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue code = kr_compile_source(t, expression, strlen(expression), "<string>", "eval", false);
    if (code == KR_ERROR)
        return KRAIT_ERROR;
    KrValue d = main_dict(vm);
    KrValue r = kr_eval_code(t, code, d, d);
    kr_decref(t, code);
    flush_streams(t);
    return deliver(t, r, result);
}

int krait_get_global(krait_vm *vm, const char *name, krait_value *out)
{
    set_null(out);
    if (blocked(vm))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue v = kr_dict_get_cstr(t, main_dict(vm), name);
    if (v == KR_ERROR)
        return KRAIT_ERROR;
    if (v == KR_ABSENT) {
        kr_raise_fmt(t, kr_exc_type(t, NameError), "name '%s' is not defined", name);
        return KRAIT_ERROR;
    }
    return deliver(vm->t, kr_incref(v), out);
}

int krait_set_global(krait_vm *vm, const char *name, krait_value value)
{
    if (blocked(vm) || null_arg(vm, value, "krait_set_global"))
        return KRAIT_ERROR;
    return status_of(kr_dict_set_cstr(vm->t, main_dict(vm), name, unwrap(value)));
}

int krait_import(krait_vm *vm, const char *name, krait_value *module)
{
    set_null(module);
    if (blocked(vm))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue n = kr_str_from_cstr(t, name);
    if (n == KR_ERROR)
        return KRAIT_ERROR;
    /* A non-empty fromlist makes import give the submodule itself. */
    KrValue star = kr_str_from_cstr(t, "*");
    KrValue fromlist = star == KR_ERROR ? KR_ERROR : kr_tuple_pack(t, 1, star);
    KrValue m = fromlist == KR_ERROR ? KR_ERROR : kr_import_name(t, n, main_dict(vm), fromlist, 0);
    kr_decref(t, n);
    kr_xdecref(t, star == KR_ERROR ? KR_ABSENT : star);
    kr_xdecref(t, fromlist == KR_ERROR ? KR_ABSENT : fromlist);
    flush_streams(t);
    return deliver(t, m, module);
}

/* ---- Calling ---- */

enum { SMALL_ARGS = 8 };

/* The internal values of argv: in `small` when they fit, else malloc'd.
 * NULL with an exception set on failure. */
static KrValue *unwrap_args(krait_vm *vm, size_t argc, const krait_value *argv, KrValue *small, const char *fname)
{
    KrValue *args = argc <= SMALL_ARGS ? small : malloc(argc * sizeof *args);
    if (!args) {
        kr_no_memory(vm->t);
        return NULL;
    }
    for (size_t i = 0; i < argc; i++) {
        if (null_arg(vm, argv[i], fname)) {
            if (args != small)
                free(args);
            return NULL;
        }
        args[i] = unwrap(argv[i]);
    }
    return args;
}

int krait_call(krait_vm *vm, krait_value callable, size_t argc, const krait_value *argv, krait_value *result)
{
    return krait_call_kw(vm, callable, argc, argv, KRAIT_NULL, result);
}

int krait_call_kw(krait_vm *vm, krait_value callable, size_t argc, const krait_value *argv, krait_value kwargs,
                  krait_value *result)
{
    set_null(result);
    if (blocked(vm) || null_arg(vm, callable, "krait_call"))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue small[SMALL_ARGS];
    KrValue *args = unwrap_args(vm, argc, argv, small, "krait_call");
    if (!args)
        return KRAIT_ERROR;
    KrValue r;
    if (krait_is_null(kwargs)) {
        r = kr_call(t, unwrap(callable), args, argc, 0);
    } else if (!kr_is_dict(t, unwrap(kwargs))) {
        r = kr_raise_fmt(t, kr_exc_type(t, TypeError), "krait_call_kw: kwargs must be a dict, not %T", unwrap(kwargs));
    } else {
        KrValue tuple = kr_tuple_from(t, args, argc);
        r = tuple == KR_ERROR ? KR_ERROR : kr_call_tuple_dict(t, unwrap(callable), tuple, unwrap(kwargs));
        if (tuple != KR_ERROR)
            kr_decref(t, tuple);
    }
    if (args != small)
        free(args);
    return deliver(t, r, result);
}

int krait_call_method(krait_vm *vm, krait_value obj, const char *name, size_t argc, const krait_value *argv,
                      krait_value *result)
{
    set_null(result);
    if (blocked(vm) || null_arg(vm, obj, "krait_call_method"))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue method = kr_getattr_cstr(t, unwrap(obj), name);
    if (method == KR_ERROR)
        return KRAIT_ERROR;
    int r = krait_call(vm, wrap(method), argc, argv, result);
    kr_decref(t, method);
    return r;
}

/* ---- Making values ---- */

krait_value krait_none(void) { return wrap(KR_NONE); }
krait_value krait_bool(int truth) { return wrap(kr_bool(truth != 0)); }

static krait_value made(KrValue v) { return v == KR_ERROR ? KRAIT_NULL : wrap(v); }

krait_value krait_new_int(krait_vm *vm, int64_t i)
{
    return blocked(vm) ? KRAIT_NULL : made(kr_int_from_i64(vm->t, i));
}

krait_value krait_new_float(krait_vm *vm, double d)
{
    return blocked(vm) ? KRAIT_NULL : wrap(kr_float(d));
}

krait_value krait_new_str(krait_vm *vm, const char *utf8)
{
    return blocked(vm) ? KRAIT_NULL : made(kr_str_from_utf8(vm->t, utf8, strlen(utf8)));
}

krait_value krait_new_strn(krait_vm *vm, const char *utf8, size_t len)
{
    return blocked(vm) ? KRAIT_NULL : made(kr_str_from_utf8(vm->t, utf8, len));
}

krait_value krait_new_bytes(krait_vm *vm, const void *data, size_t len)
{
    return blocked(vm) ? KRAIT_NULL : made(kr_bytes_new(vm->t, data, len));
}

krait_value krait_new_list(krait_vm *vm)
{
    return blocked(vm) ? KRAIT_NULL : made(kr_list_new(vm->t, 0));
}

krait_value krait_new_dict(krait_vm *vm)
{
    return blocked(vm) ? KRAIT_NULL : made(kr_dict_new(vm->t));
}

krait_value krait_new_tuple(krait_vm *vm, size_t n, const krait_value *items)
{
    if (blocked(vm))
        return KRAIT_NULL;
    KrValue small[SMALL_ARGS];
    KrValue *args = unwrap_args(vm, n, items, small, "krait_new_tuple");
    if (!args)
        return KRAIT_NULL;
    KrValue r = kr_tuple_from(vm->t, args, n);
    if (args != small)
        free(args);
    return made(r);
}

krait_value krait_dup(krait_vm *vm, krait_value v)
{
    (void)vm;
    return krait_is_null(v) ? v : wrap(kr_incref(unwrap(v)));
}

void krait_release(krait_vm *vm, krait_value v)
{
    if (vm && !krait_is_null(v))
        kr_decref(vm->t, unwrap(v));
}

/* ---- Reading values ---- */

krait_kind krait_kind_of(krait_vm *vm, krait_value v)
{
    if (krait_is_null(v) || !vm)
        return KRAIT_KIND_NULL;
    KrThread *t = vm->t;
    KrValue x = unwrap(v);
    if (x == KR_NONE)
        return KRAIT_KIND_NONE;
    if (kr_is_bool(x))
        return KRAIT_KIND_BOOL;
    if (kr_is_smallint(x))
        return KRAIT_KIND_INT;
    if (kr_is_float(x))
        return KRAIT_KIND_FLOAT;
    if (!kr_is_ptr(x))
        return KRAIT_KIND_OTHER;
    if (kr_is_int(t, x))
        return KRAIT_KIND_INT;
    if (kr_is_float_value(t, x))
        return KRAIT_KIND_FLOAT;
    if (kr_is_str(t, x))
        return KRAIT_KIND_STR;
    if (kr_type_check(t, x, kr_builtin_type(t, BYTES)))
        return KRAIT_KIND_BYTES;
    if (kr_is_tuple(t, x))
        return KRAIT_KIND_TUPLE;
    if (kr_is_list(t, x))
        return KRAIT_KIND_LIST;
    if (kr_is_dict(t, x))
        return KRAIT_KIND_DICT;
    return KRAIT_KIND_OTHER;
}

int krait_is(krait_value a, krait_value b) { return a.opaque_ == b.opaque_; }

int krait_to_int(krait_vm *vm, krait_value v, int64_t *out)
{
    *out = 0;
    if (blocked(vm) || null_arg(vm, v, "krait_to_int"))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue x = unwrap(v);
    if (kr_is_smallint(x)) {
        *out = kr_as_smallint(x);
        return KRAIT_OK;
    }
    KrValue i = kr_index(t, x);
    if (i == KR_ERROR)
        return KRAIT_ERROR;
    int r = kr_int_as_i64(t, i, out);
    kr_decref(t, i);
    if (r < 0 && kr_err_matches(t, kr_exc_type(t, OverflowError))) {
        kr_err_clear(t);
        kr_raise_fmt(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C int64_t");
    }
    return status_of(r);
}

int krait_to_float(krait_vm *vm, krait_value v, double *out)
{
    *out = 0;
    if (blocked(vm) || null_arg(vm, v, "krait_to_float"))
        return KRAIT_ERROR;
    KrValue x = unwrap(v);
    if (kr_is_float(x)) {
        *out = kr_as_float(x);
        return KRAIT_OK;
    }
    return status_of(kr_as_double(vm->t, x, out));
}

int krait_to_bool(krait_vm *vm, krait_value v, int *out)
{
    *out = 0;
    if (blocked(vm) || null_arg(vm, v, "krait_to_bool"))
        return KRAIT_ERROR;
    int r = kr_truth(vm->t, unwrap(v));
    if (r < 0)
        return KRAIT_ERROR;
    *out = r;
    return KRAIT_OK;
}

int krait_to_str(krait_vm *vm, krait_value v, const char **utf8, size_t *len)
{
    *utf8 = NULL;
    if (len)
        *len = 0;
    if (blocked(vm) || null_arg(vm, v, "krait_to_str"))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue x = unwrap(v);
    if (!kr_is_str(t, x)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected str, got %T", x);
        return KRAIT_ERROR;
    }
    size_t n;
    const char *s = kr_str_utf8(t, x, &n);
    if (!s)
        return KRAIT_ERROR;
    *utf8 = s;
    if (len)
        *len = n;
    return KRAIT_OK;
}

int krait_to_bytes(krait_vm *vm, krait_value v, const void **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (blocked(vm) || null_arg(vm, v, "krait_to_bytes"))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue x = unwrap(v);
    if (!kr_is_ptr(x) || !kr_type_check(t, x, kr_builtin_type(t, BYTES))) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected bytes, got %T", x);
        return KRAIT_ERROR;
    }
    *data = kr_bytes_data(x);
    *len = kr_bytes_len(x);
    return KRAIT_OK;
}

int krait_str(krait_vm *vm, krait_value v, krait_value *out)
{
    set_null(out);
    if (blocked(vm) || null_arg(vm, v, "krait_str"))
        return KRAIT_ERROR;
    return deliver(vm->t, kr_str(vm->t, unwrap(v)), out);
}

int krait_repr(krait_vm *vm, krait_value v, krait_value *out)
{
    set_null(out);
    if (blocked(vm) || null_arg(vm, v, "krait_repr"))
        return KRAIT_ERROR;
    return deliver(vm->t, kr_repr(vm->t, unwrap(v)), out);
}

/* ---- Objects and containers ---- */

int krait_len(krait_vm *vm, krait_value v, size_t *out)
{
    *out = 0;
    if (blocked(vm) || null_arg(vm, v, "krait_len"))
        return KRAIT_ERROR;
    int64_t n = kr_len(vm->t, unwrap(v));
    if (n < 0)
        return KRAIT_ERROR;
    *out = (size_t)n;
    return KRAIT_OK;
}

int krait_getattr(krait_vm *vm, krait_value obj, const char *name, krait_value *out)
{
    set_null(out);
    if (blocked(vm) || null_arg(vm, obj, "krait_getattr"))
        return KRAIT_ERROR;
    return deliver(vm->t, kr_getattr_cstr(vm->t, unwrap(obj), name), out);
}

int krait_setattr(krait_vm *vm, krait_value obj, const char *name, krait_value value)
{
    if (blocked(vm) || null_arg(vm, obj, "krait_setattr") || null_arg(vm, value, "krait_setattr"))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue n = kr_str_intern_cstr(t, name);
    if (n == KR_ERROR)
        return KRAIT_ERROR;
    int r = kr_setattr(t, unwrap(obj), n, unwrap(value));
    kr_decref(t, n);
    return status_of(r);
}

int krait_getitem(krait_vm *vm, krait_value obj, krait_value key, krait_value *out)
{
    set_null(out);
    if (blocked(vm) || null_arg(vm, obj, "krait_getitem") || null_arg(vm, key, "krait_getitem"))
        return KRAIT_ERROR;
    return deliver(vm->t, kr_getitem(vm->t, unwrap(obj), unwrap(key)), out);
}

int krait_setitem(krait_vm *vm, krait_value obj, krait_value key, krait_value value)
{
    if (blocked(vm) || null_arg(vm, obj, "krait_setitem") || null_arg(vm, key, "krait_setitem") ||
        null_arg(vm, value, "krait_setitem"))
        return KRAIT_ERROR;
    return status_of(kr_setitem(vm->t, unwrap(obj), unwrap(key), unwrap(value)));
}

static bool expect(krait_vm *vm, krait_value v, bool ok, const char *fname, const char *what)
{
    if (!ok)
        kr_raise_fmt(vm->t, kr_exc_type(vm->t, TypeError), "%s: expected %s, got %T", fname, what, unwrap(v));
    return ok;
}

int krait_list_append(krait_vm *vm, krait_value list, krait_value item)
{
    if (blocked(vm) || null_arg(vm, list, "krait_list_append") || null_arg(vm, item, "krait_list_append") ||
        !expect(vm, list, kr_is_list(vm->t, unwrap(list)), "krait_list_append", "list"))
        return KRAIT_ERROR;
    return status_of(kr_list_append(vm->t, unwrap(list), unwrap(item)));
}

int krait_list_get(krait_vm *vm, krait_value seq, size_t index, krait_value *out)
{
    set_null(out);
    if (blocked(vm) || null_arg(vm, seq, "krait_list_get"))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue s = unwrap(seq);
    KrValue *items;
    size_t len;
    const char *what;
    if (kr_is_list(t, s)) {
        items = kr_as_list(s)->items;
        len = kr_as_list(s)->len;
        what = "list";
    } else if (expect(vm, seq, kr_is_tuple(t, s), "krait_list_get", "list or tuple")) {
        items = kr_tuple_items(s);
        len = kr_tuple_len(s);
        what = "tuple";
    } else {
        return KRAIT_ERROR;
    }
    if (index >= len) {
        kr_raise_fmt(t, kr_exc_type(t, IndexError), "%s index out of range", what);
        return KRAIT_ERROR;
    }
    return deliver(vm->t, kr_incref(items[index]), out);
}

int krait_list_set(krait_vm *vm, krait_value list, size_t index, krait_value item)
{
    if (blocked(vm) || null_arg(vm, list, "krait_list_set") || null_arg(vm, item, "krait_list_set") ||
        !expect(vm, list, kr_is_list(vm->t, unwrap(list)), "krait_list_set", "list"))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrList *l = kr_as_list(unwrap(list));
    if (index >= l->len) {
        kr_raise_fmt(t, kr_exc_type(t, IndexError), "list assignment index out of range");
        return KRAIT_ERROR;
    }
    kr_assign(t, &l->items[index], unwrap(item));
    return KRAIT_OK;
}

int krait_dict_set(krait_vm *vm, krait_value dict, krait_value key, krait_value value)
{
    if (blocked(vm) || null_arg(vm, dict, "krait_dict_set") || null_arg(vm, key, "krait_dict_set") ||
        null_arg(vm, value, "krait_dict_set") ||
        !expect(vm, dict, kr_is_dict(vm->t, unwrap(dict)), "krait_dict_set", "dict"))
        return KRAIT_ERROR;
    return status_of(kr_dict_set(vm->t, unwrap(dict), unwrap(key), unwrap(value)));
}

int krait_dict_set_str(krait_vm *vm, krait_value dict, const char *key, krait_value value)
{
    if (blocked(vm))
        return KRAIT_ERROR;
    krait_value k = krait_new_str(vm, key);
    if (krait_is_null(k))
        return KRAIT_ERROR;
    int r = krait_dict_set(vm, dict, k, value);
    krait_release(vm, k);
    return r;
}

int krait_dict_get(krait_vm *vm, krait_value dict, krait_value key, krait_value *out)
{
    set_null(out);
    if (blocked(vm) || null_arg(vm, dict, "krait_dict_get") || null_arg(vm, key, "krait_dict_get") ||
        !expect(vm, dict, kr_is_dict(vm->t, unwrap(dict)), "krait_dict_get", "dict"))
        return KRAIT_ERROR;
    KrValue v = kr_dict_get(vm->t, unwrap(dict), unwrap(key));
    if (v == KR_ABSENT)
        return KRAIT_MISSING;
    return deliver(vm->t, v == KR_ERROR ? v : kr_incref(v), out);
}

int krait_dict_get_str(krait_vm *vm, krait_value dict, const char *key, krait_value *out)
{
    set_null(out);
    if (blocked(vm))
        return KRAIT_ERROR;
    krait_value k = krait_new_str(vm, key);
    if (krait_is_null(k))
        return KRAIT_ERROR;
    int r = krait_dict_get(vm, dict, k, out);
    krait_release(vm, k);
    return r;
}

int krait_dict_next(krait_vm *vm, krait_value dict, size_t *pos, krait_value *key, krait_value *value)
{
    set_null(key);
    set_null(value);
    if (blocked(vm) || null_arg(vm, dict, "krait_dict_next") ||
        !expect(vm, dict, kr_is_dict(vm->t, unwrap(dict)), "krait_dict_next", "dict"))
        return KRAIT_ERROR;
    KrValue k, v;
    if (!kr_dict_next(unwrap(dict), pos, &k, &v))
        return KRAIT_MISSING;
    if (key)
        *key = wrap(kr_incref(k));
    if (value)
        *value = wrap(kr_incref(v));
    return KRAIT_OK;
}

/* ---- C functions ----
 *
 * A built-in function object calls a KrMethodFn with its bound self, and
 * nothing else tells the C side which function was called.  So each C
 * function gets its own self: a small module object (never in
 * sys.modules) whose C state is the CFunction record below and frees it
 * when the function dies.  Being a module, it also makes the function
 * show as `<built-in function name>`, like CPython's module functions. */

typedef struct CFunction {
    KrMethodDef def;
    krait_cfunction fn;
    void *userdata;
    krait_vm *vm;
    char strings[];         /* def.name and def.doc */
} CFunction;

static KrValue cfunction_call(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;  /* the flags let no keywords through */
    CFunction *cf = ((KrModule *)kr_as_ptr(self))->state;
    krait_value small[SMALL_ARGS] = {{0}};
    krait_value *argv = nargs <= SMALL_ARGS ? small : malloc(nargs * sizeof *argv);
    if (!argv)
        return kr_no_memory(t);
    for (size_t i = 0; i < nargs; i++)
        argv[i] = wrap(args[i]);
    krait_value result = KRAIT_NULL;
    int status = cf->fn(cf->vm, cf->userdata, nargs, argv, &result);
    if (argv != small)
        free(argv);
    if (status == KRAIT_OK && !kr_err_occurred(t))
        return krait_is_null(result) ? KR_NONE : unwrap(result);
    if (!krait_is_null(result)) {
        KrValue saved = kr_err_fetch(t);
        kr_decref(t, unwrap(result));
        kr_err_clear(t);
        t->exc = saved;
    }
    if (status == KRAIT_OK)
        return kr_raise_fmt(t, kr_exc_type(t, SystemError),
                            "<built-in function %s> returned a result with an exception set", cf->def.name);
    if (!kr_err_occurred(t))
        return kr_raise_fmt(t, kr_exc_type(t, SystemError),
                            "<built-in function %s> returned NULL without setting an exception", cf->def.name);
    return KR_ERROR;
}

/* A function object for fn; module_name is its __module__ (a str or
 * KR_NONE). */
static KrValue make_cfunction(krait_vm *vm, const char *name, const char *doc, krait_cfunction fn, void *userdata,
                              KrValue module_name)
{
    KrThread *t = vm->t;
    if (!name || !fn)
        return kr_raise_fmt(t, kr_exc_type(t, SystemError), "C function without a name or a function pointer");
    size_t nlen = strlen(name) + 1, dlen = doc ? strlen(doc) + 1 : 0;
    CFunction *cf = malloc(sizeof *cf + nlen + dlen);
    if (!cf)
        return kr_no_memory(t);
    memcpy(cf->strings, name, nlen);
    if (doc)
        memcpy(cf->strings + nlen, doc, dlen);
    cf->def = (KrMethodDef){cf->strings, cfunction_call, 0, doc ? cf->strings + nlen : NULL};
    cf->fn = fn;
    cf->userdata = userdata;
    cf->vm = vm;
    KrValue carrier_name = module_name;
    if (module_name == KR_NONE && (carrier_name = kr_str_from_cstr(t, name)) == KR_ERROR) {
        free(cf);
        return KR_ERROR;
    }
    KrValue carrier = kr_module_new(t, carrier_name);
    if (module_name == KR_NONE)
        kr_decref(t, carrier_name);
    if (carrier == KR_ERROR) {
        free(cf);
        return KR_ERROR;
    }
    KrModule *cm = (KrModule *)kr_as_ptr(carrier);
    cm->state = cf;
    cm->free_state = free;
    KrValue f = kr_builtin_function_new(t, &cf->def, carrier, module_name);
    kr_decref(t, carrier);
    return f;
}

krait_value krait_new_function(krait_vm *vm, const char *name, krait_cfunction fn, void *userdata)
{
    if (blocked(vm))
        return KRAIT_NULL;
    return made(make_cfunction(vm, name, NULL, fn, userdata, KR_NONE));
}

/* __spec__ as a built-in module's (origin 'built-in', no location), so
 * the module shows and introspects like CPython's modules of C functions
 * registered by an embedder. */
static int set_builtin_spec(KrThread *t, KrValue module, KrValue name)
{
    KrValue spec = kr_call0(t, kr_ptr(kr_builtin_type(t, NAMESPACE)));
    if (spec == KR_ERROR)
        return -1;
    static const char *const fields[] = {"name", "loader", "origin", "has_location", "submodule_search_locations",
                                         "parent"};
    KrValue origin = kr_str_from_cstr(t, "built-in");
    KrValue values[] = {name, KR_NONE, origin, KR_FALSE, KR_NONE, t->vm->empty_str};
    int r = origin == KR_ERROR ? -1 : 0;
    for (size_t i = 0; r == 0 && i < sizeof fields / sizeof *fields; i++) {
        KrValue f = kr_str_intern_cstr(t, fields[i]);
        r = f == KR_ERROR ? -1 : kr_setattr(t, spec, f, values[i]);
        kr_decref(t, f);
    }
    if (r == 0)
        r = kr_module_add(t, module, "__spec__", spec);
    kr_decref(t, origin);
    kr_decref(t, spec);
    return r;
}

int krait_define_module(krait_vm *vm, const char *name, const krait_function_def *defs, void *userdata,
                        krait_value *module)
{
    set_null(module);
    if (blocked(vm))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    KrValue n = kr_str_from_cstr(t, name);
    if (n == KR_ERROR)
        return KRAIT_ERROR;
    KrValue m = kr_module_new(t, n);
    if (m == KR_ERROR) {
        kr_decref(t, n);
        return KRAIT_ERROR;
    }
    int r = set_builtin_spec(t, m, n);
    for (const krait_function_def *d = defs; r == 0 && d && d->name; d++) {
        KrValue f = make_cfunction(vm, d->name, d->doc, d->fn, userdata, n);
        r = f == KR_ERROR ? -1 : kr_module_add(t, m, d->name, f);
        if (f != KR_ERROR)
            kr_decref(t, f);
    }
    if (r == 0)
        r = kr_dict_set(t, t->vm->modules, n, m);
    kr_decref(t, n);
    if (r < 0) {
        kr_decref(t, m);
        return KRAIT_ERROR;
    }
    if (module)
        *module = wrap(m);
    else
        kr_decref(t, m);
    return KRAIT_OK;
}

/* ---- Exceptions ---- */

/* The class exc_type names: a builtins name, or "module.Qualname" of a
 * module in sys.modules.  A new reference, or KR_ERROR. */
static KrValue find_class(KrThread *t, const char *exc_type)
{
    const char *dot = strrchr(exc_type, '.');
    KrValue owner, cls;
    if (!dot) {
        owner = kr_incref(t->vm->builtins);
        cls = kr_getattr_cstr(t, owner, exc_type);
    } else {
        KrValue mname = kr_str_from_utf8(t, exc_type, (size_t)(dot - exc_type));
        if (mname == KR_ERROR)
            return KR_ERROR;
        owner = kr_dict_get(t, t->vm->modules, mname);
        if (owner == KR_ABSENT)
            kr_raise_fmt(t, kr_exc_type(t, ImportError), "krait: no module %R in sys.modules", mname);
        kr_decref(t, mname);
        if (owner == KR_ERROR || owner == KR_ABSENT)
            return KR_ERROR;
        kr_incref(owner);
        cls = kr_getattr_cstr(t, owner, dot + 1);
    }
    kr_decref(t, owner);
    return cls;
}

int krait_raise(krait_vm *vm, const char *exc_type, const char *format, ...)
{
    if (blocked(vm))
        return KRAIT_ERROR;
    KrThread *t = vm->t;
    va_list ap;
    va_start(ap, format);
    char small[256];
    int n = vsnprintf(small, sizeof small, format, ap);
    va_end(ap);
    char *text = small;
    if (n < 0) {
        small[0] = '\0';
        n = 0;
    } else if ((size_t)n >= sizeof small) {
        text = malloc((size_t)n + 1);
        if (!text) {
            kr_no_memory(t);
            return KRAIT_ERROR;
        }
        va_start(ap, format);
        vsnprintf(text, (size_t)n + 1, format, ap);
        va_end(ap);
    }
    KrValue msg = kr_str_from_utf8(t, text, (size_t)n);
    if (text != small)
        free(text);
    if (msg == KR_ERROR)
        return KRAIT_ERROR;
    KrValue cls = find_class(t, exc_type);
    if (cls != KR_ERROR && !kr_is_exception_class(t, cls)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "krait_raise: %s is not an exception class", exc_type);
    } else if (cls != KR_ERROR) {
        KrValue exc = kr_call1(t, cls, msg);
        if (exc != KR_ERROR) {
            kr_raise(t, exc);
            kr_decref(t, exc);
        }
    }
    if (cls != KR_ERROR)
        kr_decref(t, cls);
    kr_decref(t, msg);
    return KRAIT_ERROR;
}

int krait_raise_value(krait_vm *vm, krait_value exc)
{
    if (blocked(vm) || null_arg(vm, exc, "krait_raise_value"))
        return KRAIT_ERROR;
    kr_raise(vm->t, unwrap(exc));
    return KRAIT_ERROR;
}

int krait_has_error(krait_vm *vm) { return vm && kr_err_occurred(vm->t); }

int krait_error_matches(krait_vm *vm, const char *exc_type)
{
    if (!krait_has_error(vm))
        return 0;
    KrThread *t = vm->t;
    KrValue exc = kr_err_fetch(t);
    KrValue cls = find_class(t, exc_type);
    int r = cls != KR_ERROR && kr_is_exception_class(t, cls) && kr_type_check(t, exc, kr_as_type(cls));
    kr_xdecref(t, cls == KR_ERROR ? KR_ABSENT : cls);
    kr_err_clear(t);
    t->exc = exc;
    return r;
}

static char *utf8_copy(KrThread *t, KrValue s)
{
    size_t n;
    const char *u = kr_str_utf8(t, s, &n);
    if (!u) {
        kr_err_clear(t);
        KrValue a = kr_ascii(t, s);
        char *r = NULL;
        if (a != KR_ERROR) {
            r = utf8_copy(t, a);
            kr_decref(t, a);
        }
        kr_err_clear(t);
        return r;
    }
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, u, n);
        r[n] = '\0';
    }
    return r;
}

const char *krait_error_text(krait_vm *vm)
{
    if (!krait_has_error(vm))
        return NULL;
    KrThread *t = vm->t;
    KrValue exc = kr_err_fetch(t);
    KrStrBuilder b;
    kr_sb_init(&b);
    KrType *tp = kr_type(t, exc);
    KrValue mod = kr_getattr(t, kr_ptr(tp), kr_name(t, dunder_module));
    if (mod != KR_ERROR && kr_is_str(t, mod) && !kr_str_equal_cstr(mod, "builtins") &&
        !kr_str_equal_cstr(mod, "__main__")) {
        kr_sb_append_str(t, &b, mod);
        kr_sb_append_ascii(t, &b, ".", 1);
    }
    if (mod != KR_ERROR)
        kr_decref(t, mod);
    kr_err_clear(t);
    KrValue qn = kr_getattr(t, kr_ptr(tp), kr_name(t, dunder_qualname));
    if (qn != KR_ERROR && kr_is_str(t, qn))
        kr_sb_append_str(t, &b, qn);
    else
        kr_sb_append_ascii(t, &b, tp->name, strlen(tp->name));
    if (qn != KR_ERROR)
        kr_decref(t, qn);
    kr_err_clear(t);
    KrValue s = kr_str(t, exc);
    if (s == KR_ERROR) {
        kr_err_clear(t);
        kr_sb_append_ascii(t, &b, ": <exception str() failed>", 26);
    } else {
        if (kr_as_str(s)->len > 0) {
            kr_sb_append_ascii(t, &b, ": ", 2);
            kr_sb_append_str(t, &b, s);
        }
        kr_decref(t, s);
    }
    KrValue text = kr_sb_finish(t, &b);
    free(vm->error_text);
    vm->error_text = NULL;
    if (text != KR_ERROR) {
        vm->error_text = utf8_copy(t, text);
        kr_decref(t, text);
    }
    kr_err_clear(t);
    t->exc = exc;
    return vm->error_text ? vm->error_text : "<krait: cannot format the exception>";
}

/* The class whose instance stands in for sys.stderr while a traceback is
 * written into a string. */
static const char capture_source[] = "class _KraitCapture:\n"
                                     "    def __init__(self):\n"
                                     "        self.parts = []\n"
                                     "    def write(self, s):\n"
                                     "        self.parts.append(s)\n"
                                     "        return len(s)\n"
                                     "    def flush(self):\n"
                                     "        pass\n";

static KrValue capture_class(krait_vm *vm)
{
    KrThread *t = vm->t;
    if (vm->capture_class != KR_ABSENT)
        return vm->capture_class;
    KrValue code = kr_compile_source(t, capture_source, sizeof capture_source - 1, "<krait>", "exec", false);
    if (code == KR_ERROR)
        return KR_ERROR;
    KrValue ns = kr_dict_new(t);
    KrValue r = KR_ERROR;
    KrValue modname = kr_str_from_cstr(t, "krait");
    if (ns != KR_ERROR && modname != KR_ERROR &&
        kr_dict_set(t, ns, kr_name(t, dunder_builtins), t->vm->builtins) == 0 &&
        kr_dict_set(t, ns, kr_name(t, dunder_name), modname) == 0)
        r = kr_eval_code(t, code, ns, ns);
    kr_xdecref(t, modname == KR_ERROR ? KR_ABSENT : modname);
    kr_decref(t, code);
    if (r != KR_ERROR) {
        kr_decref(t, r);
        KrValue cls = kr_dict_get_cstr(t, ns, "_KraitCapture");
        if (cls != KR_ABSENT && cls != KR_ERROR)
            vm->capture_class = kr_incref(cls);
    }
    if (ns != KR_ERROR)
        kr_decref(t, ns);
    return vm->capture_class == KR_ABSENT ? KR_ERROR : vm->capture_class;
}

const char *krait_error_traceback(krait_vm *vm)
{
    if (!krait_has_error(vm))
        return NULL;
    KrThread *t = vm->t;
    KrValue exc = kr_err_fetch(t);
    free(vm->error_traceback);
    vm->error_traceback = NULL;
    KrValue cls = capture_class(vm);
    KrValue capture = cls == KR_ERROR ? KR_ERROR : kr_call0(t, cls);
    if (capture != KR_ERROR) {
        KrValue sd = sys_dict(t);
        KrValue old = kr_dict_get_cstr(t, sd, "stderr");
        old = old == KR_ERROR || old == KR_ABSENT ? KR_ABSENT : kr_incref(old);
        kr_err_clear(t);
        if (kr_dict_set_cstr(t, sd, "stderr", capture) == 0) {
            kr_display_exception(t, exc);
            if (old != KR_ABSENT)
                kr_dict_set_cstr(t, sd, "stderr", old);
            else
                kr_dict_set_cstr(t, sd, "stderr", KR_NONE);
            KrValue parts = kr_getattr_cstr(t, capture, "parts");
            KrValue text = parts == KR_ERROR ? KR_ERROR : kr_str_join(t, t->vm->empty_str, parts);
            if (text != KR_ERROR) {
                vm->error_traceback = utf8_copy(t, text);
                kr_decref(t, text);
            }
            if (parts != KR_ERROR)
                kr_decref(t, parts);
        }
        kr_xdecref(t, old);
        kr_decref(t, capture);
    }
    kr_err_clear(t);
    t->exc = exc;
    return vm->error_traceback ? vm->error_traceback : "<krait: cannot format the traceback>";
}

krait_value krait_error_fetch(krait_vm *vm)
{
    if (!krait_has_error(vm))
        return KRAIT_NULL;
    return wrap(kr_err_fetch(vm->t));
}

void krait_error_clear(krait_vm *vm)
{
    if (vm)
        kr_err_clear(vm->t);
}

void krait_error_print(krait_vm *vm)
{
    if (!krait_has_error(vm))
        return;
    kr_print_exception(vm->t);
    kr_err_clear(vm->t);
    flush_streams(vm->t);
}
