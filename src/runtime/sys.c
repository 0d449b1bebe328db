/* The sys module, and the standard streams it starts with.
 *
 * Until the _io module exists, sys.stdin/stdout/stderr are small C
 * objects over the process's file descriptors that speak enough of the
 * text-file protocol (write, flush, fileno, readline, encoding...) for
 * print(), input() and tracebacks. */
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/codecs.h"
#include "objects/structseq.h"
#include "runtime/cmdline.h"
#include "runtime/runtime.h"
#include "vm/code.h"

typedef struct KrStdStream {
    KrObject ob;
    int fd;
    bool unbuffered, line_buffered;
    char *buf;
    size_t len, cap;
    char *rbuf;             /* input read ahead: bytes rbuf[rpos..rlen) */
    size_t rpos, rlen, rcap;
    bool eof;               /* the last read returned nothing */
    bool closed;            /* close() was called (the descriptor stays open) */
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
    if (s->closed)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "I/O operation on closed file.");
    if (!kr_is_str(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "write() argument must be str, not %T", args[0]);
    size_t n;
    const char *u = kr_str_utf8(t, args[0], &n);
    char *owned = NULL;
    if (!u) {
        /* Lone surrogates: stderr writes them as backslash escapes, the
         * other streams turn U+DC80..U+DCFF back into the bytes they stand
         * for (surrogateescape, under a UTF-8 locale) and refuse the rest. */
        kr_err_clear(t);
        KrStr *str = kr_as_str(args[0]);
        owned = malloc(str->len * 10 + 1);
        if (!owned)
            return kr_no_memory(t);
        n = 0;
        for (size_t i = 0; i < str->len; i++) {
            uint32_t cp = kr_str_char(str, i);
            if (cp < 0xD800 || cp > 0xDFFF) {
                n += ustr_put_utf8(owned + n, cp);
            } else if (s->fd == 2) {
                n += (size_t)sprintf(owned + n, "\\u%04x", (unsigned)cp);
            } else if (cp >= 0xDC80 && cp <= 0xDCFF) {
                owned[n++] = (char)(cp - 0xDC00);
            } else {
                free(owned);
                KrValue enc = kr_str_from_cstr(t, "utf-8"), why = kr_str_from_cstr(t, "surrogates not allowed");
                KrValue ea = enc == KR_ERROR || why == KR_ERROR ? KR_ERROR
                           : kr_tuple_pack(t, 5, enc, args[0], kr_smallint((int64_t)i), kr_smallint((int64_t)i + 1), why);
                kr_xdecref(t, enc == KR_ERROR ? KR_NONE : enc);
                kr_xdecref(t, why == KR_ERROR ? KR_NONE : why);
                if (ea != KR_ERROR) {
                    kr_raise_args(t, kr_exc_type(t, UnicodeEncodeError), ea);
                    kr_decref(t, ea);
                }
                return KR_ERROR;
            }
        }
        u = owned;
    }
    if (s->len + n > s->cap) {
        size_t cap = (s->len + n) * 2 + 256;
        char *b = realloc(s->buf, cap);
        if (!b) {
            free(owned);
            return kr_no_memory(t);
        }
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, u, n);
    s->len += n;
    bool flush = s->unbuffered || s->len > 8192 || (s->line_buffered && memchr(u, '\n', n));
    free(owned);
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

static KrValue stream_close(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)nargs, (void)kwnames;
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    if (!s->closed && stream_flush_raw(t, s) < 0)
        return KR_ERROR;
    s->closed = true;
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

/* Input is decoded as UTF-8 with surrogateescape (CPython's choice for
 * stdin under a UTF-8 locale): undecodable bytes become U+DC80..U+DCFF. */
static KrValue decode_input(KrThread *t, const char *data, size_t len)
{
    KrValue r = kr_str_from_utf8(t, data, len);
    if (r != KR_ERROR || !kr_err_matches(t, kr_exc_type(t, UnicodeDecodeError)))
        return r;
    kr_err_clear(t);
    CodecHandler h;
    codec_builtin_handler("surrogateescape", &h);
    CodecStr out = {0};
    CodecResult res;
    if (codec_utf8_decode((const uint8_t *)data, len, h, true, &out, &res) != CODEC_OK) {
        codec_str_free(&out);
        return kr_raise_fmt(t, kr_exc_type(t, UnicodeDecodeError), "cannot decode input");
    }
    r = kr_str_from_ucs(t, out.data, out.len, 4);
    codec_str_free(&out);
    return r;
}

/* Reads more bytes from the descriptor into the input buffer; returns the
 * count, 0 at end of file, -1 with OSError set. */
static ssize_t stream_fill_input(KrThread *t, KrStdStream *s)
{
    if (s->rpos > 0) {
        memmove(s->rbuf, s->rbuf + s->rpos, s->rlen - s->rpos);
        s->rlen -= s->rpos;
        s->rpos = 0;
    }
    if (s->rlen + 4096 > s->rcap) {
        size_t cap = s->rcap * 2 + 8192;
        char *b = realloc(s->rbuf, cap);
        if (!b) {
            kr_no_memory(t);
            return -1;
        }
        s->rbuf = b;
        s->rcap = cap;
    }
    for (;;) {
        ssize_t n = read(s->fd, s->rbuf + s->rlen, s->rcap - s->rlen);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            kr_raise_fmt(t, kr_exc_type(t, OSError), "[Errno %d] %s", errno, strerror(errno));
            return -1;
        }
        s->rlen += (size_t)n;
        return n;
    }
}

/* How many bytes of buf[0..len) make up the first `chars` characters of
 * UTF-8 text (all of it when there are fewer). */
static size_t utf8_prefix(const char *buf, size_t len, size_t chars)
{
    size_t i = 0;
    while (i < len && chars > 0) {
        unsigned char c = (unsigned char)buf[i];
        size_t w = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + w > len)
            break;
        i += w;
        chars--;
    }
    return i;
}

/* Takes the next line (or at most `limit` characters, limit < 0: no limit)
 * from the input, '' at end of file. */
static KrValue stream_take_line(KrThread *t, KrStdStream *s, int64_t limit)
{
    size_t scanned = 0;
    for (;;) {
        const char *start = s->rbuf + s->rpos;
        size_t avail = s->rlen - s->rpos;
        const char *nl = avail > scanned ? memchr(start + scanned, '\n', avail - scanned) : NULL;
        size_t end = nl ? (size_t)(nl - start) + 1 : avail;
        if (limit >= 0) {
            size_t lim = utf8_prefix(start, end, (size_t)limit);
            if (lim < end || (size_t)limit == 0) {
                end = lim;
                nl = start; /* complete: the limit is reached */
            }
        }
        if (nl || s->eof) {
            KrValue r = decode_input(t, start, end);
            if (r != KR_ERROR)
                s->rpos += end;
            return r;
        }
        scanned = avail;
        ssize_t n = stream_fill_input(t, s);
        if (n < 0)
            return KR_ERROR;
        if (n == 0)
            s->eof = true;
    }
}

static int stream_size_arg(KrThread *t, const char *fname, const KrValue *args, size_t nargs, int64_t *size)
{
    *size = -1;
    if (kr_check_nargs(t, fname, nargs, 0, 1) < 0)
        return -1;
    if (nargs && args[0] != KR_NONE) {
        if (!kr_is_int(t, args[0]))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "argument should be integer or None, not '%T'",
                                    args[0]);
        if (kr_as_ssize(t, args[0], size) < 0)
            return -1;
    }
    return 0;
}

static int stream_check_readable(KrThread *t, KrStdStream *s)
{
    if (s->closed)
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "I/O operation on closed file.");
    if (s->mode[0] != 'r')
        return kr_raise_fmt_int(t, kr_exc_type(t, OSError), "not readable");
    return 0;
}

static KrValue stream_readline(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    int64_t size;
    if (stream_size_arg(t, "readline", args, nargs, &size) < 0 || stream_check_readable(t, s) < 0)
        return KR_ERROR;
    s->eof = false;
    return stream_take_line(t, s, size);
}

static KrValue stream_read(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    int64_t size;
    if (stream_size_arg(t, "read", args, nargs, &size) < 0 || stream_check_readable(t, s) < 0)
        return KR_ERROR;
    s->eof = false;
    for (;;) {
        size_t avail = s->rlen - s->rpos;
        if (size >= 0) {
            size_t n = utf8_prefix(s->rbuf + s->rpos, avail, (size_t)size), count = 0;
            for (size_t i = 0; i < n; i++)
                count += ((unsigned char)s->rbuf[s->rpos + i] & 0xC0) != 0x80;
            if (s->eof || count == (size_t)size) {
                KrValue r = decode_input(t, s->rbuf + s->rpos, s->eof ? avail : n);
                if (r != KR_ERROR)
                    s->rpos += s->eof ? avail : n;
                return r;
            }
        } else if (s->eof) {
            KrValue r = decode_input(t, s->rbuf + s->rpos, avail);
            if (r != KR_ERROR)
                s->rpos += avail;
            return r;
        }
        ssize_t n = stream_fill_input(t, s);
        if (n < 0)
            return KR_ERROR;
        if (n == 0)
            s->eof = true;
    }
}

static KrValue stream_readlines(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    int64_t hint;
    if (stream_size_arg(t, "readlines", args, nargs, &hint) < 0 || stream_check_readable(t, s) < 0)
        return KR_ERROR;
    KrValue list = kr_list_new(t, 0);
    int64_t total = 0;
    s->eof = false;
    while (list != KR_ERROR) {
        KrValue line = stream_take_line(t, s, -1);
        if (line == KR_ERROR) {
            kr_decref(t, list);
            return KR_ERROR;
        }
        size_t len = kr_as_str(line)->len;
        if (len == 0) {
            kr_decref(t, line);
            break;
        }
        int r = kr_list_append(t, list, line);
        kr_decref(t, line);
        if (r < 0) {
            kr_decref(t, list);
            return KR_ERROR;
        }
        total += (int64_t)len;
        if (hint > 0 && total >= hint)
            break;
    }
    return list;
}

static KrValue stream_iter(KrThread *t, KrValue self)
{
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    if (stream_check_readable(t, s) < 0)
        return KR_ERROR;
    return kr_incref(self);
}

static KrValue stream_iternext(KrThread *t, KrValue self)
{
    KrStdStream *s = (KrStdStream *)kr_as_ptr(self);
    if (stream_check_readable(t, s) < 0)
        return KR_ERROR;
    s->eof = false;
    KrValue line = stream_take_line(t, s, -1);
    if (line != KR_ERROR && kr_as_str(line)->len == 0) {
        kr_decref(t, line);
        return KR_ABSENT;
    }
    return line;
}

static KrValue stream_readable(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return kr_bool(((KrStdStream *)kr_as_ptr(self))->mode[0] == 'r');
}

static KrValue stream_writable(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return kr_bool(((KrStdStream *)kr_as_ptr(self))->mode[0] == 'w');
}

static KrValue stream_false(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return KR_FALSE;
}

static const KrMethodDef stream_methods[] = {
    {"write", stream_write, 0, NULL},
    {"flush", stream_flush, 0, NULL},
    {"fileno", stream_fileno, 0, NULL},
    {"close", stream_close, 0, NULL},
    {"isatty", stream_isatty, 0, NULL},
    {"readline", stream_readline, 0, NULL},
    {"read", stream_read, 0, NULL},
    {"readlines", stream_readlines, 0, NULL},
    {"writable", stream_writable, 0, NULL},
    {"readable", stream_readable, 0, NULL},
    {"seekable", stream_false, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static KrValue stream_get_encoding(KrThread *t, KrValue self) { (void)self; return kr_str_from_cstr(t, "utf-8"); }
static KrValue stream_get_errors(KrThread *t, KrValue self)
{
    return kr_str_from_cstr(t, ((KrStdStream *)kr_as_ptr(self))->fd == 2 ? "backslashreplace" : "surrogateescape");
}
static KrValue stream_get_name(KrThread *t, KrValue self) { return kr_str_from_cstr(t, ((KrStdStream *)kr_as_ptr(self))->name); }
static KrValue stream_get_mode(KrThread *t, KrValue self) { return kr_str_from_cstr(t, ((KrStdStream *)kr_as_ptr(self))->mode); }
static KrValue stream_get_closed(KrThread *t, KrValue self) { (void)t; return kr_bool(((KrStdStream *)kr_as_ptr(self))->closed); }
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
    free(s->rbuf);
    kr_free_object(t, o);
}

static void stream_fill(KrType *tp)
{
    tp->dealloc = stream_dealloc;
    tp->repr = stream_repr;
    tp->iter = stream_iter;
    tp->iternext = stream_iternext;
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
    KrValue e = kr_topmost_exception(t);
    if (e == KR_NONE)
        return kr_tuple_pack(t, 3, KR_NONE, KR_NONE, KR_NONE);
    return kr_tuple_pack(t, 3, kr_ptr(kr_type(t, e)), e, kr_exception_traceback(e));
}

static KrValue sys_exception(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_incref(kr_topmost_exception(t));
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

/* The default sys.unraisablehook: reports the exception of an
 * UnraisableHookArgs-like object as "Exception ignored in: ...". */
static KrValue sys_unraisablehook(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "unraisablehook", nargs, 1, 1) < 0)
        return KR_ERROR;
    KrValue exc = kr_getattr_cstr(t, args[0], "exc_value");
    if (exc == KR_ERROR)
        return exc;
    KrValue obj = kr_getattr_cstr(t, args[0], "object");
    if (obj == KR_ERROR) {
        kr_decref(t, exc);
        return obj;
    }
    kr_write_unraisable(t, exc, obj);
    kr_decref(t, exc);
    kr_decref(t, obj);
    return KR_NONE;
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

/* Per-thread settings of sys (asyncgen hooks, switch interval) live in
 * the thread's sys_settings dict (not a pointer until first set). */
static KrValue thread_setting(KrThread *t, const char *key, KrValue dflt)
{
    if (!kr_is_ptr(t->sys_settings))
        return dflt;
    KrValue v = kr_dict_get_cstr(t, t->sys_settings, key);
    return v == KR_ABSENT ? dflt : v;
}

static int set_thread_setting(KrThread *t, const char *key, KrValue v)
{
    if (!kr_is_ptr(t->sys_settings)) {
        KrValue d = kr_dict_new(t);
        if (d == KR_ERROR)
            return -1;
        t->sys_settings = d;
    }
    return kr_dict_set_cstr(t, t->sys_settings, key, v);
}

static const KrStructSeqField asyncgen_hooks_fields[] = {
    {"firstiter", "Hook to intercept first iteration"},
    {"finalizer", "Hook to intercept finalization"},
    {NULL, NULL},
};
static const KrStructSeqDesc asyncgen_hooks_desc = {
    KR_STRUCTSEQ_SPEC("asyncgen_hooks", "asyncgen_hooks\n\nA named tuple providing information about asynchronous\n"
                                        "generators hooks.  The attributes are read only."),
    asyncgen_hooks_fields, 2, false,
};

static KrValue sys_get_asyncgen_hooks(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_asyncgen_hooks", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrValue tp = thread_setting(t, "asyncgen_hooks_type", KR_ABSENT);
    if (tp == KR_ERROR)
        return tp;
    if (tp == KR_ABSENT) {
        KrType *type = kr_structseq_new_type(t, &asyncgen_hooks_desc);
        if (!type)
            return KR_ERROR;
        tp = kr_ptr(type);
        int r = set_thread_setting(t, "asyncgen_hooks_type", tp);
        kr_decref(t, tp);
        if (r < 0)
            return KR_ERROR;
    }
    KrValue vals[2] = {kr_incref(thread_setting(t, "asyncgen_firstiter", KR_NONE)),
                       kr_incref(thread_setting(t, "asyncgen_finalizer", KR_NONE))};
    return kr_structseq_make(t, kr_as_type(tp), vals);
}

static KrValue sys_set_asyncgen_hooks(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"firstiter", "finalizer"};
    static const KrArgSpec spec = {"set_asyncgen_hooks", names, 2, 0, 0, 2};
    KrValue a[2];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    for (int i = 0; i < 2; i++)
        if (a[i] != KR_ABSENT && a[i] != KR_NONE && !kr_callable(t, a[i]))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "callable %s expected, got %T", names[i], a[i]);
    static const char *const keys[] = {"asyncgen_firstiter", "asyncgen_finalizer"};
    for (int i = 0; i < 2; i++)
        if (a[i] != KR_ABSENT && set_thread_setting(t, keys[i], a[i]) < 0)
            return KR_ERROR;
    return KR_NONE;
}

static KrValue sys_getswitchinterval(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "getswitchinterval", nargs, 0, 0) < 0)
        return KR_ERROR;
    return kr_incref(thread_setting(t, "switch_interval", kr_float(0.005)));
}

static KrValue sys_setswitchinterval(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "setswitchinterval", nargs, 1, 1) < 0)
        return KR_ERROR;
    double d;
    if (kr_as_double(t, args[0], &d) < 0)
        return KR_ERROR;
    if (!(d > 0.0))
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "switch interval must be strictly positive");
    return set_thread_setting(t, "switch_interval", kr_float(d)) < 0 ? KR_ERROR : KR_NONE;
}

/* Audit hooks are accepted but never called: nothing in Krait raises
 * audit events yet. */
static KrValue sys_audit(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (nargs == 0)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "audit() missing 1 required positional argument: 'event'");
    return KR_NONE;
}

static KrValue sys_addaudithook(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "addaudithook", nargs, 1, 1) < 0)
        return KR_ERROR;
    return KR_NONE;
}

static KrValue sys_is_finalizing(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return KR_FALSE;
}

static KrValue sys_zero(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_smallint(0);
}

static KrValue sys_none(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return KR_NONE;
}

static KrValue sys_getdlopenflags(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)self, (void)args, (void)nargs, (void)kwnames;
    return kr_smallint(2); /* RTLD_NOW */
}

static KrValue sys_set_coroutine_origin_tracking_depth(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                                       KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"depth"};
    static const KrArgSpec spec = {"set_coroutine_origin_tracking_depth", names, 1, 0, 1, 1};
    KrValue a[1];
    int64_t depth;
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0 || kr_as_ssize(t, a[0], &depth) < 0)
        return KR_ERROR;
    if (depth < 0)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "depth must be >= 0");
    return set_thread_setting(t, "coroutine_origin_tracking_depth", a[0]) < 0 ? KR_ERROR : KR_NONE;
}

static KrValue sys_get_coroutine_origin_tracking_depth(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                                       KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_coroutine_origin_tracking_depth", nargs, 0, 0) < 0)
        return KR_ERROR;
    return kr_incref(thread_setting(t, "coroutine_origin_tracking_depth", kr_smallint(0)));
}

static KrValue sys_call_tracing(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "call_tracing", nargs, 2, 2) < 0)
        return KR_ERROR;
    if (!kr_is_tuple(t, args[1]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "call_tracing() argument 2 must be tuple, not %T", args[1]);
    return kr_call(t, args[0], kr_tuple_items(args[1]), kr_tuple_len(args[1]), 0);
}

/* The default sys.breakpointhook: calls the function $PYTHONBREAKPOINT
 * names (pdb.set_trace by default; "0" disables breakpoints). */
static KrValue sys_breakpointhook(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    const char *env = t->vm->flag_ignore_environment ? NULL : getenv("PYTHONBREAKPOINT");
    const char *name = env && *env ? env : "pdb.set_trace";
    if (strcmp(name, "0") == 0)
        return KR_NONE;
    const char *dot = strrchr(name, '.');
    char *modname = dot ? strndup(name, (size_t)(dot - name)) : strdup("builtins");
    if (!modname)
        return kr_no_memory(t);
    KrValue mod = kr_import_module(t, modname);
    free(modname);
    KrValue hook = KR_ERROR;
    if (mod != KR_ERROR) {
        hook = kr_getattr_cstr(t, mod, dot ? dot + 1 : name);
        kr_decref(t, mod);
    }
    if (hook == KR_ERROR) {
        if (!kr_err_matches(t, kr_exc_type(t, ImportError)) && !kr_err_matches(t, kr_exc_type(t, AttributeError)))
            return KR_ERROR;
        kr_err_clear(t);
        kr_flush_std_streams(t);
        fprintf(stderr, "RuntimeWarning: Ignoring unimportable $PYTHONBREAKPOINT: \"%s\"\n", name);
        return KR_NONE;
    }
    KrValue r = kr_call(t, hook, args, nargs, kwnames);
    kr_decref(t, hook);
    return r;
}

static const KrMethodDef sys_methods[] = {
    {"breakpointhook", sys_breakpointhook, KR_METH_KEYWORDS, NULL},
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks, 0, NULL},
    {"set_asyncgen_hooks", sys_set_asyncgen_hooks, KR_METH_KEYWORDS, NULL},
    {"getswitchinterval", sys_getswitchinterval, 0, NULL},
    {"setswitchinterval", sys_setswitchinterval, 0, NULL},
    {"audit", sys_audit, 0, NULL},
    {"addaudithook", sys_addaudithook, 0, NULL},
    {"is_finalizing", sys_is_finalizing, 0, NULL},
    {"getallocatedblocks", sys_zero, 0, NULL},
    {"getdlopenflags", sys_getdlopenflags, 0, NULL},
    {"setdlopenflags", sys_none, 0, NULL},
    {"_clear_type_cache", sys_none, 0, NULL},
    {"get_coroutine_origin_tracking_depth", sys_get_coroutine_origin_tracking_depth, 0, NULL},
    {"set_coroutine_origin_tracking_depth", sys_set_coroutine_origin_tracking_depth, KR_METH_KEYWORDS, NULL},
    {"call_tracing", sys_call_tracing, 0, NULL},
    {"getrefcount", sys_getrefcount, 0, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, 0, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, 0, NULL},
    {"get_int_max_str_digits", kr_sys_get_int_max_str_digits, 0, NULL},
    {"set_int_max_str_digits", kr_sys_set_int_max_str_digits, KR_METH_KEYWORDS, NULL},
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
    {"unraisablehook", sys_unraisablehook, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* Stores v (stolen) as m.name for a module, d[name] for a dict, or
 * appends it to a list when name is NULL. */
static int add(KrThread *t, KrValue m, const char *name, KrValue v)
{
    if (v == KR_ERROR)
        return -1;
    int r = !name ? kr_list_append(t, m, v)
          : kr_is_dict(t, m) ? kr_dict_set_cstr(t, m, name, v)
          : kr_module_add(t, m, name, v);
    kr_decref(t, v);
    return r;
}

/* ---- exit() and quit(): what the site module adds to builtins ---- */

typedef struct KrQuitter {
    KrObject ob;
    const char *name;
} KrQuitter;

static KrValue quitter_repr(KrThread *t, KrValue self)
{
    return kr_format(t, "Use %s() or Ctrl-D (i.e. EOF) to exit", ((KrQuitter *)kr_as_ptr(self))->name);
}

static KrValue quitter_call(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"code"};
    static const KrArgSpec spec = {"Quitter.__call__", names, 1, 0, 0, 1};
    KrValue a[1];
    if (nargs > 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                            "Quitter.__call__() takes from 1 to 2 positional arguments but %zu were given", nargs + 1);
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    /* Like site's Quitter: stdin is closed first, errors ignored. */
    KrValue in = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, "stdin");
    if (kr_is_ptr(in)) {
        KrValue r = kr_call_method(t, in, kr_str_intern_cstr(t, "close"), NULL, 0);
        if (r == KR_ERROR)
            kr_err_clear(t);
        else
            kr_decref(t, r);
    }
    kr_err_clear(t);
    KrValue code = a[0] == KR_ABSENT ? KR_NONE : a[0];
    KrValue targs = kr_tuple_pack(t, 1, code);
    if (targs == KR_ERROR)
        return targs;
    kr_raise_args(t, kr_exc_type(t, SystemExit), targs);
    kr_decref(t, targs);
    return KR_ERROR;
}

static KrValue quitter_get_name(KrThread *t, KrValue self) { return kr_str_from_cstr(t, ((KrQuitter *)kr_as_ptr(self))->name); }
static KrValue quitter_get_eof(KrThread *t, KrValue self) { (void)self; return kr_str_from_cstr(t, "Ctrl-D (i.e. EOF)"); }

static const KrGetSetDef quitter_getsets[] = {
    {"name", quitter_get_name, NULL, NULL},
    {"eof", quitter_get_eof, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void quitter_fill(KrType *tp)
{
    tp->repr = quitter_repr;
    tp->call = quitter_call;
}

const KrTypeSpec kr_quitter_spec = {
    .name = "_sitebuiltins.Quitter",
    .basicsize = sizeof(KrQuitter),
    .getsets = quitter_getsets,
    .fill = quitter_fill,
};

/* Puts exit and quit in builtins, as the site module does unless -S. */
static int add_quitters(KrThread *t)
{
    static const char *const names[] = {"exit", "quit"};
    for (int i = 0; i < 2; i++) {
        KrQuitter *q = (KrQuitter *)kr_alloc(t, kr_builtin_type(t, QUITTER), sizeof(KrQuitter));
        if (!q)
            return -1;
        q->name = names[i];
        int r = kr_dict_set_cstr(t, t->vm->builtins_dict, names[i], kr_ptr(q));
        kr_decref(t, kr_ptr(q));
        if (r < 0)
            return -1;
    }
    return 0;
}

/* ---- the struct sequences of sys ---- */

static const KrStructSeqField version_info_fields[] = {
    {"major", "Major release number"},
    {"minor", "Minor release number"},
    {"micro", "Patch release number"},
    {"releaselevel", "'alpha', 'beta', 'candidate', or 'final'"},
    {"serial", "Serial release number"},
    {NULL, NULL},
};
static const KrStructSeqDesc version_info_desc = {
    KR_STRUCTSEQ_SPEC("sys.version_info", "sys.version_info\n\nVersion information as a named tuple."),
    version_info_fields, 5, false,
};

static const KrStructSeqField flags_fields[] = {
    {"debug", "-d"},
    {"inspect", "-i"},
    {"interactive", "-i"},
    {"optimize", "-O or -OO"},
    {"dont_write_bytecode", "-B"},
    {"no_user_site", "-s"},
    {"no_site", "-S"},
    {"ignore_environment", "-E"},
    {"verbose", "-v"},
    {"bytes_warning", "-b"},
    {"quiet", "-q"},
    {"hash_randomization", "-R"},
    {"isolated", "-I"},
    {"dev_mode", "-X dev"},
    {"utf8_mode", "-X utf8"},
    {"warn_default_encoding", "-X warn_default_encoding"},
    {"safe_path", "-P"},
    {"int_max_str_digits", "-X int_max_str_digits"},
    {NULL, NULL},
};
static const KrStructSeqDesc flags_desc = {
    KR_STRUCTSEQ_SPEC("sys.flags", "sys.flags\n\nFlags provided through command line arguments or environment vars."),
    flags_fields, 18, false,
};

static const KrStructSeqField float_info_fields[] = {
    {"max", "DBL_MAX -- maximum representable finite float"},
    {"max_exp", "DBL_MAX_EXP -- maximum int e such that radix**(e-1) is representable"},
    {"max_10_exp", "DBL_MAX_10_EXP -- maximum int e such that 10**e is representable"},
    {"min", "DBL_MIN -- Minimum positive normalized float"},
    {"min_exp", "DBL_MIN_EXP -- minimum int e such that radix**(e-1) is a normalized float"},
    {"min_10_exp", "DBL_MIN_10_EXP -- minimum int e such that 10**e is a normalized float"},
    {"dig", "DBL_DIG -- maximum number of decimal digits that can be faithfully represented in a float"},
    {"mant_dig", "DBL_MANT_DIG -- mantissa digits"},
    {"epsilon", "DBL_EPSILON -- Difference between 1 and the next representable float"},
    {"radix", "FLT_RADIX -- radix of exponent"},
    {"rounds", "FLT_ROUNDS -- rounding mode used for arithmetic operations"},
    {NULL, NULL},
};
static const KrStructSeqDesc float_info_desc = {
    KR_STRUCTSEQ_SPEC("sys.float_info", "sys.float_info\n\nA named tuple holding information about the float type."),
    float_info_fields, 11, true,
};

static const KrStructSeqField int_info_fields[] = {
    {"bits_per_digit", "size of a digit in bits"},
    {"sizeof_digit", "size in bytes of the C type used to represent a digit"},
    {"default_max_str_digits", "maximum string conversion digits limitation"},
    {"str_digits_check_threshold", "minimum positive value for int_max_str_digits"},
    {NULL, NULL},
};
static const KrStructSeqDesc int_info_desc = {
    KR_STRUCTSEQ_SPEC("sys.int_info", "sys.int_info\n\nA named tuple that holds information about Python's\n"
                                      "internal representation of integers."),
    int_info_fields, 4, true,
};

static const KrStructSeqField hash_info_fields[] = {
    {"width", "width of the type used for hashing, in bits"},
    {"modulus", "prime number giving the modulus on which the hash function is based"},
    {"inf", "value to be used for hash of a positive infinity"},
    {"nan", "value to be used for hash of a nan"},
    {"imag", "multiplier used for the imaginary part of a complex number"},
    {"algorithm", "name of the algorithm for hashing of str, bytes and memoryviews"},
    {"hash_bits", "internal output size of hash algorithm"},
    {"seed_bits", "seed size of hash algorithm"},
    {"cutoff", "small string optimization cutoff"},
    {NULL, NULL},
};
static const KrStructSeqDesc hash_info_desc = {
    KR_STRUCTSEQ_SPEC("sys.hash_info", "hash_info\n\nA named tuple providing parameters used for computing\n"
                                       "hashes. The attributes are read only."),
    hash_info_fields, 9, true,
};

static const KrStructSeqField thread_info_fields[] = {
    {"name", "name of the thread implementation"},
    {"lock", "name of the lock implementation"},
    {"version", "name and version of the thread library"},
    {NULL, NULL},
};
static const KrStructSeqDesc thread_info_desc = {
    KR_STRUCTSEQ_SPEC("sys.thread_info", "sys.thread_info\n\nA named tuple holding information about the thread implementation."),
    thread_info_fields, 3, true,
};

/* Makes an instance of a new struct sequence type and stores it as
 * sys.<name>; the values are stolen. */
static int add_structseq(KrThread *t, KrValue m, const char *name, const KrStructSeqDesc *desc, KrValue *vals)
{
    KrType *tp = kr_structseq_new_type(t, desc);
    if (!tp) {
        for (const KrStructSeqField *f = desc->fields; f->name; f++, vals++)
            kr_xdecref(t, *vals == KR_ERROR ? KR_NONE : *vals);
        return -1;
    }
    KrValue v = kr_structseq_make(t, tp, vals);
    kr_decref(t, kr_ptr(tp));
    if (v == KR_ERROR)
        return -1;
    int r = kr_module_add(t, m, name, v);
    kr_decref(t, v);
    return r;
}

static KrValue str_or_none(KrThread *t, const char *s) { return s ? kr_str_from_cstr(t, s) : KR_NONE; }

/* Text from the OS (argv, paths): UTF-8, or code points for each byte when
 * it is not (CPython would use surrogateescape). */
static KrValue os_str(KrThread *t, const char *s)
{
    KrValue v = kr_str_from_cstr(t, s);
    if (v != KR_ERROR)
        return v;
    kr_err_clear(t);
    KrStrBuilder b;
    kr_sb_init(&b);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (kr_sb_append_char(t, &b, *p < 0x80 ? *p : 0xDC00 + *p) < 0) {
            kr_sb_discard(&b);
            return KR_ERROR;
        }
    return kr_sb_finish(t, &b);
}

/* sys.flags from the command line (NULL: an embedded VM's defaults). */
static int set_flags(KrThread *t, KrValue m, const KrCmdline *c)
{
    KrCmdline dflt;
    if (!c) {
        memset(&dflt, 0, sizeof dflt);
        dflt.hash_randomization = 1;
        dflt.int_max_str_digits = -1;
        c = &dflt;
    }
    int utf8 = c->utf8_mode;
    if (utf8 < 0) {
        /* Unset: CPython turns UTF-8 mode on for the C and POSIX locales. */
        const char *loc = getenv("LC_ALL");
        if (!loc || !*loc)
            loc = getenv("LC_CTYPE");
        if (!loc || !*loc)
            loc = getenv("LANG");
        utf8 = !loc || !*loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0;
    }
    KrValue vals[18] = {
        kr_smallint(c->debug), kr_smallint(c->inspect), kr_smallint(c->interactive),
        kr_smallint(c->optimize), kr_smallint(c->dont_write_bytecode), kr_smallint(c->no_user_site),
        kr_smallint(c->no_site), kr_smallint(c->ignore_environment), kr_smallint(c->verbose),
        kr_smallint(c->bytes_warning), kr_smallint(c->quiet), kr_smallint(c->hash_randomization),
        kr_smallint(c->isolated), kr_bool(c->dev_mode), kr_smallint(utf8),
        kr_smallint(c->warn_default_encoding), kr_bool(c->safe_path), kr_smallint(c->int_max_str_digits),
    };
    return add_structseq(t, m, "flags", &flags_desc, vals);
}

static int add_info_structseqs(KrThread *t, KrValue m)
{
    KrValue vi[5] = {kr_smallint(3), kr_smallint(11), kr_smallint(2), kr_str_intern_cstr(t, "final"), kr_smallint(0)};
    KrValue fi[11] = {
        kr_float(DBL_MAX), kr_smallint(DBL_MAX_EXP), kr_smallint(DBL_MAX_10_EXP), kr_float(DBL_MIN),
        kr_smallint(DBL_MIN_EXP), kr_smallint(DBL_MIN_10_EXP), kr_smallint(DBL_DIG), kr_smallint(DBL_MANT_DIG),
        kr_float(DBL_EPSILON), kr_smallint(FLT_RADIX), kr_smallint(1),
    };
    /* Krait's ints are not made of 30-bit digits, but programs use these
     * numbers to size things; CPython's values keep them working. */
    KrValue ii[4] = {kr_smallint(30), kr_smallint(4), kr_smallint(4300), kr_smallint(640)};
    KrValue hi[9] = {
        kr_smallint(64), kr_int_from_i64(t, (INT64_C(1) << 61) - 1), kr_smallint(314159), kr_smallint(0),
        kr_smallint(1000003), kr_str_from_cstr(t, "siphash13"), kr_smallint(64), kr_smallint(128), kr_smallint(0),
    };
    char ver[128] = "";
#ifdef _CS_GNU_LIBPTHREAD_VERSION
    if (confstr(_CS_GNU_LIBPTHREAD_VERSION, ver, sizeof ver) == 0)
        ver[0] = '\0';
#endif
    KrValue ti[3] = {kr_str_from_cstr(t, "pthread"), kr_str_from_cstr(t, "semaphore"), str_or_none(t, ver[0] ? ver : NULL)};
    if (add_structseq(t, m, "version_info", &version_info_desc, vi) < 0 ||
        add_structseq(t, m, "float_info", &float_info_desc, fi) < 0 ||
        add_structseq(t, m, "int_info", &int_info_desc, ii) < 0 ||
        add_structseq(t, m, "hash_info", &hash_info_desc, hi) < 0 ||
        add_structseq(t, m, "thread_info", &thread_info_desc, ti) < 0 || set_flags(t, m, NULL) < 0)
        return -1;
    return 0;
}

KrValue kr_sys_module_new(KrThread *t)
{
    KrValue m = kr_module_new_c(t, "sys", sys_methods);
    if (m == KR_ERROR)
        return m;
    int ok = 0;
    ok |= kr_module_add(t, m, "modules", t->vm->modules);
    ok |= add(t, m, "argv", kr_list_new(t, 0));
    ok |= add(t, m, "orig_argv", kr_list_new(t, 0));
    ok |= add(t, m, "path", kr_list_new(t, 0));
    ok |= add(t, m, "meta_path", kr_list_new(t, 0));
    ok |= add(t, m, "path_hooks", kr_list_new(t, 0));
    ok |= add(t, m, "path_importer_cache", kr_dict_new(t));
    ok |= add(t, m, "warnoptions", kr_list_new(t, 0));
    ok |= add(t, m, "_xoptions", kr_dict_new(t));
    ok |= add(t, m, "version", kr_str_from_cstr(t, "3.11.2 (main, Krait) [GCC]"));
    ok |= add_info_structseqs(t, m);
    ok |= add(t, m, "hexversion", kr_smallint(0x030B02F0));
    ok |= add(t, m, "api_version", kr_smallint(1013));
    ok |= add(t, m, "copyright", kr_str_from_cstr(t, "Copyright (c) Krait authors.\nPython language: Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved."));
    ok |= add(t, m, "platform", kr_str_from_cstr(t, "linux"));
    ok |= add(t, m, "byteorder", kr_str_from_cstr(t, "little"));
    ok |= add(t, m, "maxsize", kr_int_from_i64(t, INT64_MAX));
    ok |= add(t, m, "maxunicode", kr_smallint(0x10FFFF));
    ok |= add(t, m, "float_repr_style", kr_str_from_cstr(t, "short"));
    ok |= add(t, m, "abiflags", kr_str_from_cstr(t, ""));
    ok |= add(t, m, "platlibdir", kr_str_from_cstr(t, "lib"));
    ok |= add(t, m, "pycache_prefix", KR_NONE);
    ok |= add(t, m, "_stdlib_dir", kr_str_from_cstr(t, "/usr/lib/python3.11"));
    ok |= add(t, m, "_framework", kr_str_from_cstr(t, ""));
    KrValue krait = kr_str_intern_cstr(t, "Krait");
    ok |= add(t, m, "_git", krait == KR_ERROR ? KR_ERROR : kr_tuple_pack(t, 3, krait, t->vm->empty_str, t->vm->empty_str));
    kr_xdecref(t, krait == KR_ERROR ? KR_NONE : krait);
    ok |= add(t, m, "executable", kr_str_from_cstr(t, ""));
    ok |= add(t, m, "_base_executable", kr_str_from_cstr(t, ""));
    ok |= add(t, m, "prefix", kr_str_from_cstr(t, "/usr"));
    ok |= add(t, m, "exec_prefix", kr_str_from_cstr(t, "/usr"));
    ok |= add(t, m, "base_prefix", kr_str_from_cstr(t, "/usr"));
    ok |= add(t, m, "base_exec_prefix", kr_str_from_cstr(t, "/usr"));
    ok |= add(t, m, "dont_write_bytecode", kr_bool(t->vm->flag_dont_write_bytecode));
    ok |= add(t, m, "builtin_module_names", kr_tuple_pack(t, 2, kr_str_intern_cstr(t, "builtins"),
                                                          kr_str_intern_cstr(t, "sys")));
    /* A standard descriptor closed when the process started gives None,
     * as in CPython (print() then writes nothing). */
    KrValue out = fcntl(1, F_GETFD) < 0 ? KR_NONE : stream_new(t, 1, "<stdout>", "w");
    KrValue err = fcntl(2, F_GETFD) < 0 ? KR_NONE : stream_new(t, 2, "<stderr>", "w");
    KrValue in = fcntl(0, F_GETFD) < 0 ? KR_NONE : stream_new(t, 0, "<stdin>", "r");
    ok |= kr_module_add(t, m, "stdout", out) | kr_module_add(t, m, "__stdout__", out);
    ok |= kr_module_add(t, m, "stderr", err) | kr_module_add(t, m, "__stderr__", err);
    ok |= kr_module_add(t, m, "stdin", in) | kr_module_add(t, m, "__stdin__", in);
    kr_xdecref(t, out);
    kr_xdecref(t, err);
    kr_xdecref(t, in);
    KrValue d = ((KrModule *)kr_as_ptr(m))->dict;
    static const char *const hooks[] = {"displayhook", "excepthook", "unraisablehook", "breakpointhook"};
    for (size_t i = 0; i < sizeof hooks / sizeof *hooks; i++) {
        KrValue hook = kr_dict_get_cstr(t, d, hooks[i]);
        char dunder[64];
        snprintf(dunder, sizeof dunder, "__%s__", hooks[i]);
        if (hook != KR_ABSENT && hook != KR_ERROR)
            ok |= kr_module_add(t, m, dunder, hook);
        kr_err_clear(t);
    }
    /* sys.implementation: a SimpleNamespace */
    KrValue ns = kr_call0(t, kr_ptr(kr_builtin_type(t, NAMESPACE)));
    if (ns != KR_ERROR) {
        KrValue nd = kr_getattr(t, ns, kr_name(t, dunder_dict));
        if (nd != KR_ERROR) {
            KrValue name = kr_str_intern_cstr(t, "krait"), tag = kr_str_intern_cstr(t, "krait-311");
            ok |= kr_dict_set_cstr(t, nd, "name", name);
            ok |= kr_dict_set_cstr(t, nd, "cache_tag", tag);
            kr_xdecref(t, name);
            kr_xdecref(t, tag);
            KrValue vi = kr_dict_get_cstr(t, d, "version_info");
            if (vi != KR_ABSENT && vi != KR_ERROR)
                kr_dict_set_cstr(t, nd, "version", vi);
            kr_dict_set_cstr(t, nd, "hexversion", kr_smallint(0x030B02F0));
            ok |= add(t, nd, "_multiarch", kr_str_from_cstr(t, "x86_64-linux-gnu")) ;
            kr_decref(t, nd);
        }
        ok |= add(t, m, "implementation", ns);
    }
    /* builtins exists by now; both are built-in modules to the import
     * system. */
    ok |= kr_module_set_builtin_spec(t, m);
    if (kr_is_ptr(t->vm->builtins))
        ok |= kr_module_set_builtin_spec(t, t->vm->builtins);
    if (ok) {
        kr_decref(t, m);
        return KR_ERROR;
    }
    return m;
}

/* The parts of sys that come from the command line: argv, orig_argv,
 * flags, warnoptions, _xoptions, path, executable.  `argv0` replaces
 * sys.argv[0] when not NULL (-m: the module's file). */
int kr_sys_set_cmdline(KrThread *t, const KrCmdline *cfg, int orig_argc, char **orig_argv)
{
    KrValue m = t->vm->sys;
    KrValue d = ((KrModule *)kr_as_ptr(m))->dict;
    KrValue argv = kr_list_new(t, 0), orig = kr_list_new(t, 0), warn = kr_list_new(t, 0), xopt = kr_dict_new(t);
    int ok = argv == KR_ERROR || orig == KR_ERROR || warn == KR_ERROR || xopt == KR_ERROR ? -1 : 0;
    for (int i = 0; !ok && i < cfg->argc; i++)
        ok |= add(t, argv, NULL, os_str(t, cfg->argv[i])) ;
    for (int i = 0; !ok && i < orig_argc; i++)
        ok |= add(t, orig, NULL, os_str(t, orig_argv[i]));
    for (int i = 0; !ok && i < cfg->nwarnoptions; i++)
        ok |= add(t, warn, NULL, os_str(t, cfg->warnoptions[i]));
    for (int i = 0; !ok && i < cfg->nxoptions; i++) {
        const char *x = cfg->xoptions[i], *eq = strchr(x, '=');
        KrValue key = eq ? kr_str_from_utf8(t, x, (size_t)(eq - x)) : os_str(t, x);
        KrValue val = eq ? os_str(t, eq + 1) : KR_TRUE;
        if (key == KR_ERROR || val == KR_ERROR || kr_dict_set(t, xopt, key, val) < 0)
            ok = -1;
        kr_xdecref(t, key == KR_ERROR ? KR_NONE : key);
        kr_xdecref(t, val == KR_ERROR ? KR_NONE : val);
    }
    if (!ok) {
        ok |= kr_dict_set_cstr(t, d, "argv", argv);
        ok |= kr_dict_set_cstr(t, d, "orig_argv", orig);
        ok |= kr_dict_set_cstr(t, d, "warnoptions", warn);
        ok |= kr_dict_set_cstr(t, d, "_xoptions", xopt);
    }
    kr_xdecref(t, argv == KR_ERROR ? KR_NONE : argv);
    kr_xdecref(t, orig == KR_ERROR ? KR_NONE : orig);
    kr_xdecref(t, warn == KR_ERROR ? KR_NONE : warn);
    kr_xdecref(t, xopt == KR_ERROR ? KR_NONE : xopt);
    if (ok || set_flags(t, m, cfg) < 0)
        return -1;
    KrVM *vm = t->vm;
    vm->flag_optimize = cfg->optimize;
    vm->flag_verbose = cfg->verbose;
    vm->flag_inspect = cfg->inspect;
    vm->flag_dont_write_bytecode = cfg->dont_write_bytecode;
    vm->flag_no_user_site = cfg->no_user_site;
    vm->flag_no_site = cfg->no_site;
    vm->flag_ignore_environment = cfg->ignore_environment;
    vm->flag_safe_path = cfg->safe_path;
    vm->flag_bytes_warning = cfg->bytes_warning;
    vm->flag_quiet = cfg->quiet;
    vm->flag_isolated = cfg->isolated;
    vm->flag_unbuffered = cfg->unbuffered;
    vm->flag_skip_first_line = cfg->skip_first_line;
    kr_sys_configure_streams(t);
    if (add(t, m, "dont_write_bytecode", kr_bool(cfg->dont_write_bytecode)) < 0)
        return -1;
    if (!cfg->no_site && add_quitters(t) < 0)
        return -1;
    /* __debug__ is false under -O. */
    if (kr_dict_set_cstr(t, vm->builtins_dict, "__debug__", kr_bool(cfg->optimize == 0)) < 0)
        return -1;
    char *exe = realpath("/proc/self/exe", NULL);
    if (exe) {
        KrValue e = os_str(t, exe);
        free(exe);
        if (kr_module_add(t, m, "executable", e) < 0 || kr_module_add(t, m, "_base_executable", e) < 0)
            ok = -1;
        kr_xdecref(t, e == KR_ERROR ? KR_NONE : e);
    }
    /* sys.path: the script's directory ('' for -c, -m, stdin and the
     * prompt) unless -P/-I, then KRAIT_PATH's and PYTHONPATH's entries,
     * then the standard library. */
    KrValue path = kr_list_new(t, 0);
    if (path == KR_ERROR)
        return -1;
    if (!cfg->safe_path) {
        KrValue first;
        if (cfg->run == KR_RUN_FILE) {
            /* A directory argument is itself the first entry. */
            struct stat sb;
            bool isdir = stat(cfg->run_filename, &sb) == 0 && S_ISDIR(sb.st_mode);
            char *dir = realpath(cfg->run_filename, NULL);
            char *slash = dir && !isdir ? strrchr(dir, '/') : NULL;
            if (slash)
                *slash = '\0';
            first = os_str(t, dir ? (dir[0] ? dir : "/") : "");
            free(dir);
        } else if (cfg->run == KR_RUN_MODULE) {
            char *cwd = getcwd(NULL, 0);
            first = os_str(t, cwd ? cwd : "");
            free(cwd);
        } else {
            first = kr_incref(t->vm->empty_str);
        }
        ok |= add(t, path, NULL, first);
    }
    const char *envs[2] = {cfg->krait_path, cfg->python_path};
    for (int e = 0; e < 2; e++) {
        const char *p = envs[e];
        while (p && *p) {
            const char *colon = strchr(p, ':');
            size_t n = colon ? (size_t)(colon - p) : strlen(p);
            if (n) {
                char *dir = strndup(p, n);
                ok |= add(t, path, NULL, dir ? os_str(t, dir) : kr_no_memory(t));
                free(dir);
            }
            p = colon ? colon + 1 : NULL;
        }
    }
    static const char *const stdlib_dirs[] = {"/usr/lib/python311.zip", "/usr/lib/python3.11",
                                              "/usr/lib/python3.11/lib-dynload"};
    for (size_t i = 0; i < sizeof stdlib_dirs / sizeof *stdlib_dirs; i++)
        ok |= add(t, path, NULL, kr_str_from_cstr(t, stdlib_dirs[i]));
    /* The list object stays the same: the import system holds it. */
    KrValue old = kr_dict_get_cstr(t, d, "path");
    if (kr_is_ptr(old) && kr_is_list(t, old)) {
        KrValue r = kr_call_method(t, old, kr_str_intern_cstr(t, "extend"), &path, 1);
        if (r == KR_ERROR)
            ok = -1;
        else
            kr_decref(t, r);
    } else {
        ok |= kr_dict_set_cstr(t, d, "path", path);
    }
    kr_decref(t, path);
    return ok ? -1 : 0;
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
