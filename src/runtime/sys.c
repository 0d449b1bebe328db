/* The sys module, and the standard streams it starts with.
 *
 * Until the _io module exists, sys.stdin/stdout/stderr are small C
 * objects over the process's file descriptors that speak enough of the
 * text-file protocol (write, flush, fileno, readline, encoding...) for
 * print(), input() and tracebacks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "vm/code.h"

typedef struct KrStdStream {
    KrObject ob;
    int fd;
    bool unbuffered, line_buffered;
    char *buf;
    size_t len, cap;
    const char *name;
    const char *mode;
} KrStdStream;

static int stream_flush_raw(KrThread *t, KrStdStream *s)
{
    size_t off = 0;
    while (off < s->len) {
        ssize_t n = write(s->fd, s->buf + off, s->len - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            s->len = 0;
            KrValue args = kr_tuple_pack(t, 2, kr_smallint(errno), KR_NONE);
            if (args != KR_ERROR) {
                KrValue msg = kr_str_from_cstr(t, strerror(errno));
                kr_tuple_items(args)[1] = msg == KR_ERROR ? KR_NONE : msg;
                kr_raise_args(t, kr_exc_type(t, OSError), args);
                kr_decref(t, args);
            }
            return -1;
        }
        off += (size_t)n;
    }
    s->len = 0;
    return 0;
}

static KrValue stream_write(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    if (kr_check_nargs(t, "write", nargs, 1, 1) < 0)
        return KR_ERROR;
    if (!kr_is_str(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "write() argument must be str, not %T", args[0]);
    size_t n;
    const char *u = kr_str_utf8(t, args[0], &n);
    if (!u) {
        /* Lone surrogates: written with backslash escapes, as stderr's
         * 'backslashreplace' does. */
        kr_err_clear(t);
        KrValue r = kr_ascii(t, args[0]);
        if (r == KR_ERROR)
            return r;
        u = kr_str_utf8(t, r, &n);
        kr_decref(t, r);
        if (!u)
            return KR_ERROR;
        u++, n -= 2;
    }
    if (s->len + n > s->cap) {
        size_t cap = (s->len + n) * 2 + 256;
        char *b = realloc(s->buf, cap);
        if (!b)
            return kr_no_memory(t);
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, u, n);
    s->len += n;
    bool flush = s->unbuffered || s->len > 8192 || (s->line_buffered && memchr(u, '\n', n));
    if (flush && stream_flush_raw(t, s) < 0)
        return KR_ERROR;
    return kr_int_from_i64(t, (int64_t)kr_as_str(args[0])->len);
}

static KrValue stream_flush(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    if (stream_flush_raw(t, (KrStdStream *)kr_as_ptr(self)) < 0)
        return KR_ERROR;
    return KR_NONE;
}

static KrValue stream_fileno(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return kr_smallint(((KrStdStream *)kr_as_ptr(self))->fd);
}

static KrValue stream_isatty(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return kr_bool(isatty(((KrStdStream *)kr_as_ptr(self))->fd));
}

static KrValue stream_readline(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    size_t cap = 128, len = 0;
    char *line = malloc(cap);
    if (!line)
        return kr_no_memory(t);
    for (;;) {
        char c;
        ssize_t n = read(s->fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (len + 1 >= cap) {
            cap *= 2;
            char *nl = realloc(line, cap);
            if (!nl) {
                free(line);
                return kr_no_memory(t);
            }
            line = nl;
        }
        line[len++] = c;
        if (c == '\n')
            break;
    }
    KrValue r = kr_str_from_utf8(t, line, len);
    free(line);
    return r;
}

static KrValue stream_read(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    size_t cap = 4096, len = 0;
    char *data = malloc(cap);
    if (!data)
        return kr_no_memory(t);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            char *nd = realloc(data, cap);
            if (!nd) {
                free(data);
                return kr_no_memory(t);
            }
            data = nd;
        }
        ssize_t n = read(s->fd, data + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    KrValue r = kr_str_from_utf8(t, data, len);
    free(data);
    return r;
}

static KrValue stream_true(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return KR_TRUE;
}

static const KrMethodDef stream_methods[] = {
    {"write", stream_write, 0, NULL},
    {"flush", stream_flush, 0, NULL},
    {"fileno", stream_fileno, 0, NULL},
    {"isatty", stream_isatty, 0, NULL},
    {"readline", stream_readline, 0, NULL},
    {"read", stream_read, 0, NULL},
    {"writable", stream_true, 0, NULL},
    {"readable", stream_true, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static KrValue stream_get_encoding(KrThread *t, KrValue self) { (void)self; return kr_str_from_cstr(t, "utf-8"); }
static KrValue stream_get_errors(KrThread *t, KrValue self)
{
    return kr_str_from_cstr(t, ((KrStdStream *)kr_as_ptr(self))->fd == 2 ? "backslashreplace" : "strict");
}
static KrValue stream_get_name(KrThread *t, KrValue self) { return kr_str_from_cstr(t, ((KrStdStream *)kr_as_ptr(self))->name); }
static KrValue stream_get_mode(KrThread *t, KrValue self) { return kr_str_from_cstr(t, ((KrStdStream *)kr_as_ptr(self))->mode); }
static KrValue stream_get_closed(KrThread *t, KrValue self) { (void)t, (void)self; return KR_FALSE; }
static KrValue stream_get_line_buffering(KrThread *t, KrValue self) { (void)t; return kr_bool(((KrStdStream *)kr_as_ptr(self))->line_buffered); }

static const KrGetSetDef stream_getsets[] = {
    {"encoding", stream_get_encoding, NULL, NULL},
    {"errors", stream_get_errors, NULL, NULL},
    {"name", stream_get_name, NULL, NULL},
    {"mode", stream_get_mode, NULL, NULL},
    {"closed", stream_get_closed, NULL, NULL},
    {"line_buffering", stream_get_line_buffering, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static KrValue stream_repr(KrThread *t, KrValue self)
{
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    return kr_format(t, "<_io.TextIOWrapper name='%s' mode='%s' encoding='utf-8'>", s->name, s->mode);
}

static void stream_dealloc(KrThread *t, KrObject *o)
{
    KrStdStream *s = (KrStdStream *)o;
    if (s->len)
        stream_flush_raw(t, s), kr_err_clear(t);
    free(s->buf);
    kr_free_object(t, o);
}

static void stream_fill(KrType *tp)
{
    tp->dealloc = stream_dealloc;
    tp->repr = stream_repr;
}

const KrTypeSpec kr_stdstream_spec = {
    .name = "_io.TextIOWrapper",
    .basicsize = sizeof(KrStdStream),
    .methods = stream_methods,
    .getsets = stream_getsets,
    .fill = stream_fill,
};

static KrValue stream_new(KrThread *t, int fd, const char *name, const char *mode)
{
    KrStdStream *s = (KrStdStream *)kr_alloc(t, kr_builtin_type(t, STDSTREAM), sizeof(KrStdStream));
    if (!s)
        return KR_ERROR;
    s->fd = fd;
    s->name = name;
    s->mode = mode;
    s->unbuffered = t->vm->flag_unbuffered || fd == 2;
    s->line_buffered = isatty(fd) || fd == 2;
    return kr_ptr(s);
}

/* Flushes sys.stdout and sys.stderr (at exit, before tracebacks). */
void kr_flush_std_streams(KrThread *t)
{
    static const char *const names[] = {"stdout", "stderr"};
    if (!kr_is_ptr(t->vm->sys))
        return;
    for (int i = 0; i < 2; i++) {
        KrValue s = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, names[i]);
        if (s == KR_ERROR || s == KR_ABSENT || s == KR_NONE) {
            kr_err_clear(t);
            continue;
        }
        KrValue r = kr_call_method(t, s, kr_name(t, flush), NULL, 0);
        if (r == KR_ERROR)
            kr_err_clear(t);
        else
            kr_decref(t, r);
    }
}

/* ---- sys functions ---- */

static KrValue sys_getrefcount(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "getrefcount", nargs, 1, 1) < 0)
        return KR_ERROR;
    if (!kr_is_ptr(args[0]))
        return kr_smallint(4294967295LL);
    /* The argument register of this call holds one reference, as CPython's
     * argument does. */
    return kr_int_from_i64(t, kr_as_ptr(args[0])->refcnt);
}

static KrValue sys_getrecursionlimit(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_int_from_i64(t, t->vm->recursion_limit);
}

static KrValue sys_setrecursionlimit(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "setrecursionlimit", nargs, 1, 1) < 0)
        return KR_ERROR;
    if (kr_is_float(args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'float' object cannot be interpreted as an integer");
    int64_t n;
    if (kr_as_ssize(t, args[0], &n) < 0)
        return KR_ERROR;
    if (n < 1)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "recursion limit must be greater or equal than 1");
    if (n > 1000000)
        n = 1000000;
    if (n <= t->depth)
        return kr_raise_fmt(t, kr_exc_type(t, RecursionError),
                            "cannot set the recursion limit to %lld at the recursion depth %d: the limit is too low",
                            (long long)n, t->depth);
    t->vm->recursion_limit = (int)n;
    return KR_NONE;
}

static KrValue sys_exc_info(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    KrValue e = t->exc_info->value;
    if (e == KR_NONE || e == KR_ABSENT)
        return kr_tuple_pack(t, 3, KR_NONE, KR_NONE, KR_NONE);
    return kr_tuple_pack(t, 3, kr_ptr(kr_type(t, e)), e, kr_exception_traceback(e));
}

static KrValue sys_exception(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    KrValue e = t->exc_info->value;
    return e == KR_ABSENT ? KR_NONE : kr_incref(e);
}

static KrValue sys_exit(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "exit", nargs, 0, 1) < 0)
        return KR_ERROR;
    KrValue a = kr_tuple_from(t, args, nargs);
    if (a == KR_ERROR)
        return a;
    kr_raise_args(t, kr_exc_type(t, SystemExit), a);
    kr_decref(t, a);
    return KR_ERROR;
}

static KrValue sys_intern(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "intern", nargs, 1, 1) < 0)
        return KR_ERROR;
    if (!kr_is_exact_str(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "intern() argument must be str, not %T", args[0]);
    return kr_str_intern(t, args[0]);
}

static KrValue sys_getframe(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "_getframe", nargs, 0, 1) < 0)
        return KR_ERROR;
    int64_t depth = 0;
    if (nargs && kr_as_ssize(t, args[0], &depth) < 0)
        return KR_ERROR;
    KrFrame *f = t->frame;
    while (f && depth > 0) {
        f = f->prev;
        depth--;
    }
    if (!f)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "call stack is not deep enough");
    return kr_frame_object(t, f);
}

static KrValue sys_getdefaultencoding(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_str_from_cstr(t, "utf-8");
}

static KrValue sys_getfilesystemencodeerrors(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_str_from_cstr(t, "surrogateescape");
}

static KrValue sys_settrace(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "settrace", nargs, 1, 1) < 0)
        return KR_ERROR;
    kr_assign(t, &t->trace_func, args[0]);
    kr_eval_update_dispatch(t);
    return KR_NONE;
}

static KrValue sys_gettrace(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_incref(t->trace_func);
}

static KrValue sys_setprofile(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "setprofile", nargs, 1, 1) < 0)
        return KR_ERROR;
    kr_assign(t, &t->profile_func, args[0]);
    kr_eval_update_dispatch(t);
    return KR_NONE;
}

static KrValue sys_getprofile(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_incref(t->profile_func);
}

static KrValue sys_excepthook(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "excepthook", nargs, 3, 3) < 0)
        return KR_ERROR;
    kr_display_exception_tb(t, args[1], args[2]);
    return KR_NONE;
}

static KrValue sys_displayhook(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "displayhook", nargs, 1, 1) < 0)
        return KR_ERROR;
    if (args[0] == KR_NONE)
        return KR_NONE;
    if (kr_dict_set_cstr(t, t->vm->builtins_dict, "_", KR_NONE) < 0)
        return KR_ERROR;
    KrValue r = kr_repr(t, args[0]);
    if (r == KR_ERROR)
        return r;
    KrValue out = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, "stdout");
    if (out == KR_ABSENT || out == KR_ERROR) {
        kr_decref(t, r);
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "lost sys.stdout");
    }
    KrValue nl = kr_str_from_cstr(t, "\n");
    KrValue w1 = kr_call_method(t, out, kr_name(t, write), &r, 1);
    kr_decref(t, r);
    if (w1 == KR_ERROR) {
        kr_decref(t, nl);
        return w1;
    }
    kr_decref(t, w1);
    KrValue w2 = kr_call_method(t, out, kr_name(t, write), &nl, 1);
    kr_decref(t, nl);
    if (w2 == KR_ERROR)
        return w2;
    kr_decref(t, w2);
    if (kr_dict_set_cstr(t, t->vm->builtins_dict, "_", args[0]) < 0)
        return KR_ERROR;
    return KR_NONE;
}

KrValue kr_print_expr(KrThread *t, KrValue v)
{
    KrValue hook = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, "displayhook");
    if (hook == KR_ERROR)
        return hook;
    if (hook == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "lost sys.displayhook");
    return kr_call1(t, hook, v);
}

static KrValue sys_getsizeof(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "getsizeof", nargs, 1, 2) < 0)
        return KR_ERROR;
    KrValue r = kr_call_special(t, args[0], kr_name(t, dunder_sizeof), NULL, 0);
    if (r == KR_ABSENT) {
        if (nargs > 1)
            return kr_incref(args[1]);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "Type %T doesn't define __sizeof__", args[0]);
    }
    if (r == KR_ERROR)
        return r;
    int64_t n;
    if (kr_as_ssize(t, r, &n) < 0) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    kr_decref(t, r);
    if (n < 0)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "__sizeof__() should return >= 0");
    /* CPython adds the GC header of tracked objects. */
    if (kr_is_ptr(args[0]) && (kr_type(t, args[0])->flags & KR_TPFLAG_GC))
        n += 16;
    return kr_int_from_i64(t, n);
}

static const KrMethodDef sys_methods[] = {
    {"getrefcount", sys_getrefcount, 0, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, 0, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, 0, NULL},
    {"get_int_max_str_digits", kr_sys_get_int_max_str_digits, 0, NULL},
    {"set_int_max_str_digits", kr_sys_set_int_max_str_digits, KR_METH_KEYWORDS, NULL},
    {"breakpointhook", kr_sys_breakpointhook, KR_METH_KEYWORDS, NULL},
    {"exc_info", sys_exc_info, 0, NULL},
    {"exception", sys_exception, 0, NULL},
    {"exit", sys_exit, 0, NULL},
    {"intern", sys_intern, 0, NULL},
    {"_getframe", sys_getframe, 0, NULL},
    {"getdefaultencoding", sys_getdefaultencoding, 0, NULL},
    {"getfilesystemencoding", sys_getdefaultencoding, 0, NULL},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, 0, NULL},
    {"settrace", sys_settrace, 0, NULL},
    {"gettrace", sys_gettrace, 0, NULL},
    {"setprofile", sys_setprofile, 0, NULL},
    {"getprofile", sys_getprofile, 0, NULL},
    {"excepthook", sys_excepthook, 0, NULL},
    {"displayhook", sys_displayhook, 0, NULL},
    {"getsizeof", sys_getsizeof, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static int add(KrThread *t, KrValue m, const char *name, KrValue v)
{
    if (v == KR_ERROR)
        return -1;
    int r = kr_module_add(t, m, name, v);
    kr_decref(t, v);
    return r;
}

KrValue kr_sys_module_new(KrThread *t)
{
    KrValue m = kr_module_new_c(t, "sys", sys_methods);
    if (m == KR_ERROR)
        return m;
    /* sys.__breakpointhook__ keeps the original for restoring. */
    if (kr_module_add(t, m, "__breakpointhook__", kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(m))->dict, "breakpointhook")) < 0) {
        kr_decref(t, m);
        return KR_ERROR;
    }
    KrValue ns_args[4];
    (void)ns_args;
    int ok = 0;
    ok |= kr_module_add(t, m, "modules", t->vm->modules);
    ok |= add(t, m, "path", kr_list_new(t, 0));
    ok |= add(t, m, "meta_path", kr_list_new(t, 0));
    ok |= add(t, m, "path_hooks", kr_list_new(t, 0));
    ok |= add(t, m, "path_importer_cache", kr_dict_new(t));
    ok |= add(t, m, "warnoptions", kr_list_new(t, 0));
    ok |= add(t, m, "version", kr_str_from_cstr(t, "3.11.2 (main, Krait) [GCC]"));
    ok |= add(t, m, "version_info", kr_tuple_pack(t, 5, kr_smallint(3), kr_smallint(11), kr_smallint(2),
                                                  kr_str_intern_cstr(t, "final"), kr_smallint(0)));
    ok |= add(t, m, "hexversion", kr_smallint(0x030B02F0));
    ok |= add(t, m, "api_version", kr_smallint(1013));
    ok |= add(t, m, "platform", kr_str_from_cstr(t, "linux"));
    ok |= add(t, m, "byteorder", kr_str_from_cstr(t, "little"));
    ok |= add(t, m, "maxsize", kr_int_from_i64(t, INT64_MAX));
    ok |= add(t, m, "maxunicode", kr_smallint(0x10FFFF));
    ok |= add(t, m, "executable", kr_str_from_cstr(t, "/usr/local/bin/krait"));
    ok |= add(t, m, "prefix", kr_str_from_cstr(t, "/usr"));
    ok |= add(t, m, "exec_prefix", kr_str_from_cstr(t, "/usr"));
    ok |= add(t, m, "base_prefix", kr_str_from_cstr(t, "/usr"));
    ok |= add(t, m, "base_exec_prefix", kr_str_from_cstr(t, "/usr"));
    ok |= add(t, m, "dont_write_bytecode", kr_bool(t->vm->flag_dont_write_bytecode));
    ok |= add(t, m, "builtin_module_names", kr_tuple_pack(t, 2, kr_str_intern_cstr(t, "builtins"),
                                                          kr_str_intern_cstr(t, "sys")));
    KrValue out = stream_new(t, 1, "<stdout>", "w");
    KrValue err = stream_new(t, 2, "<stderr>", "w");
    KrValue in = stream_new(t, 0, "<stdin>", "r");
    ok |= kr_module_add(t, m, "stdout", out) | kr_module_add(t, m, "__stdout__", out);
    ok |= kr_module_add(t, m, "stderr", err) | kr_module_add(t, m, "__stderr__", err);
    ok |= kr_module_add(t, m, "stdin", in) | kr_module_add(t, m, "__stdin__", in);
    kr_xdecref(t, out);
    kr_xdecref(t, err);
    kr_xdecref(t, in);
    KrValue d = ((KrModule *)kr_as_ptr(m))->dict;
    KrValue hook = kr_dict_get_cstr(t, d, "displayhook");
    if (hook != KR_ABSENT && hook != KR_ERROR)
        ok |= kr_module_add(t, m, "__displayhook__", hook);
    hook = kr_dict_get_cstr(t, d, "excepthook");
    if (hook != KR_ABSENT && hook != KR_ERROR)
        ok |= kr_module_add(t, m, "__excepthook__", hook);
    /* sys.implementation: a SimpleNamespace */
    KrValue ns = kr_call0(t, kr_ptr(kr_builtin_type(t, NAMESPACE)));
    if (ns != KR_ERROR) {
        KrValue nd = kr_getattr(t, ns, kr_name(t, dunder_dict));
        if (nd != KR_ERROR) {
            kr_dict_set_cstr(t, nd, "name", kr_str_intern_cstr(t, "krait"));
            kr_dict_set_cstr(t, nd, "cache_tag", kr_str_intern_cstr(t, "krait-311"));
            KrValue vi = kr_dict_get_cstr(t, d, "version_info");
            if (vi != KR_ABSENT && vi != KR_ERROR)
                kr_dict_set_cstr(t, nd, "version", vi);
            kr_dict_set_cstr(t, nd, "hexversion", kr_smallint(0x030B02F0));
            kr_decref(t, nd);
        }
        ok |= add(t, m, "implementation", ns);
    }
    if (ok) {
        kr_decref(t, m);
        return KR_ERROR;
    }
    return m;
}

/* Applies -u / PYTHONUNBUFFERED to the standard streams made at start-up. */
void kr_sys_configure_streams(KrThread *t)
{
    static const char *const names[] = {"stdout", "stderr"};
    KrValue d = ((KrModule *)kr_as_ptr(t->vm->sys))->dict;
    for (int i = 0; i < 2; i++) {
        KrValue s = kr_dict_get_cstr(t, d, names[i]);
        if (kr_is_ptr(s) && kr_type(t, s) == kr_builtin_type(t, STDSTREAM))
            ((KrStdStream *)kr_as_ptr(s))->unbuffered |= t->vm->flag_unbuffered;
    }
    kr_err_clear(t);
}
