/* bytearray: a mutable byte string.  Its methods shared with bytes are in
 * bytes_methods.c; here are construction, the mutating methods and the
 * slots.  The buffer keeps a NUL after the data (for C callers) and grows
 * with CPython's policy so that __alloc__ and __sizeof__ agree with it.
 * While memoryviews are exported from it (`exports`), its size may not
 * change: the views hold pointers into the buffer. */
#include <string.h>

#include "objects/bytes_common.h"
#include "objects/seq.h"

/* ---- storage ---- */

static int ba_check_exports(KrThread *t, KrByteArray *ba)
{
    if (ba->exports > 0)
        return kr_raise_fmt_int(t, kr_exc_type(t, BufferError), "Existing exports of data: object cannot be re-sized");
    return 0;
}

/* Sets the length to n (contents beyond the old length are undefined),
 * with CPython's over-allocation. */
static int ba_resize(KrThread *t, KrByteArray *ba, size_t n)
{
    if (n == ba->len)
        return 0;
    if (ba_check_exports(t, ba) < 0)
        return -1;
    if (n > (size_t)INT64_MAX - 16)
        return kr_no_memory(t), -1;
    size_t alloc = ba->cap;
    if (n + 1 <= alloc) {
        if (n >= alloc / 2) {
            ba->len = n;
            ba->data[n] = 0;
            return 0;
        }
        alloc = n + 1;
    } else if ((double)n <= (double)alloc * 1.125) {
        alloc = n + (n >> 3) + (n < 9 ? 3 : 6);
    } else {
        alloc = n + 1;
    }
    unsigned char *p = realloc(ba->data, alloc);
    if (!p)
        return kr_no_memory(t), -1;
    ba->data = p;
    ba->cap = alloc;
    ba->len = n;
    p[n] = 0;
    return 0;
}

/* Replaces ba[lo:hi] by n bytes from src (src must not point into ba). */
static int ba_replace(KrThread *t, KrByteArray *ba, size_t lo, size_t hi, const unsigned char *src, size_t n)
{
    size_t old = ba->len, tail = old - hi;
    size_t newlen = old - (hi - lo) + n;
    if (newlen > old) {
        if (ba_resize(t, ba, newlen) < 0)
            return -1;
        memmove(ba->data + lo + n, ba->data + hi, tail);
    } else if (newlen < old) {
        if (ba_check_exports(t, ba) < 0)
            return -1;
        memmove(ba->data + lo + n, ba->data + hi, tail);
        if (ba_resize(t, ba, newlen) < 0)
            return -1;
    }
    if (n)
        memcpy(ba->data + lo, src, n);
    return 0;
}

static KrValue ba_alloc(KrThread *t, KrType *type)
{
    KrByteArray *ba = (KrByteArray *)kr_alloc(t, type, type->basicsize);
    if (!ba)
        return KR_ERROR;
    ba->data = NULL;
    ba->len = ba->cap = 0;
    ba->exports = 0;
    return kr_ptr(ba);
}

KrValue kr_bytearray_new(KrThread *t, const void *data, size_t len)
{
    KrValue r = ba_alloc(t, kr_builtin_type(t, BYTEARRAY));
    if (r == KR_ERROR || len == 0)
        return r;
    KrByteArray *ba = kr_as_bytearray(r);
    ba->data = malloc(len + 1);
    if (!ba->data) {
        kr_decref(t, r);
        return kr_no_memory(t);
    }
    ba->cap = len + 1;
    ba->len = len;
    if (data)
        memcpy(ba->data, data, len);
    else
        memset(ba->data, 0, len);
    ba->data[len] = 0;
    return r;
}

static int ba_append_data(KrThread *t, KrByteArray *ba, const unsigned char *d, size_t n)
{
    size_t old = ba->len;
    if (n == 0)
        return 0;
    if (ba_resize(t, ba, old + n) < 0)
        return -1;
    memcpy(ba->data + old, d, n);
    return 0;
}

/* ---- construction ---- */

static KrValue ba_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    return ba_alloc(t, type);
}

static int ba_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors"};
    KrValue a[3] = {KR_ABSENT, KR_ABSENT, KR_ABSENT};
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nargs + nkw > 3)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "bytearray() takes at most 3 arguments (%zu given)",
                                nargs + nkw);
    for (size_t i = 0; i < nargs; i++)
        a[i] = args[i];
    for (size_t k = 0; k < nkw; k++) {
        KrValue name = kr_tuple_items(kwnames)[k];
        int idx = -1;
        for (int j = 0; j < 3; j++)
            if (kr_str_equal_cstr(name, names[j]))
                idx = j;
        if (idx < 0)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for bytearray()",
                                    name);
        if ((size_t)idx < nargs)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "argument for bytearray() given by name ('%s') and position (%d)", names[idx],
                                    idx + 1);
        a[idx] = args[nargs + k];
    }
    for (int j = 1; j < 3; j++)
        if (a[j] != KR_ABSENT && !kr_is_str(t, a[j]))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "bytearray() argument '%s' must be str, not %s",
                                    names[j], kr_typename_of(t, a[j]));
    KrByteArray *ba = kr_as_bytearray(self);
    BytesBuf b;
    bbuf_init(&b);
    KrValue src = a[0];
    if (src == KR_ABSENT) {
        if (a[1] != KR_ABSENT || a[2] != KR_ABSENT)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s without a string argument",
                                    a[1] != KR_ABSENT ? "encoding" : "errors");
    } else if (kr_is_str(t, src)) {
        if (a[1] == KR_ABSENT)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "string argument without an encoding");
        KrValue enc = kr_bytes_from_str(t, src, a[1], a[2]);
        if (enc == KR_ERROR)
            return -1;
        int st = bbuf_append(t, &b, kr_bytes_data(enc), kr_bytes_len(enc));
        kr_decref(t, enc);
        if (st < 0)
            return -1;
    } else if (a[1] != KR_ABSENT || a[2] != KR_ABSENT) {
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s without a string argument",
                                a[1] != KR_ABSENT ? "encoding" : "errors");
    } else if (bytes_from_object(t, src, &b, "bytearray") < 0) {
        bbuf_free(&b);
        return -1;
    }
    /* __init__ again on a live object replaces its contents. */
    if (ba_resize(t, ba, b.len) < 0) {
        bbuf_free(&b);
        return -1;
    }
    if (b.len)
        memcpy(ba->data, b.data, b.len);
    bbuf_free(&b);
    return 0;
}

/* ---- slots ---- */

static void ba_dealloc(KrThread *t, KrObject *o)
{
    free(((KrByteArray *)o)->data);
    kr_free_object(t, o);
}

static KrValue ba_repr(KrThread *t, KrValue self)
{
    KrByteArray *ba = kr_as_bytearray(self);
    return kr_bytearray_repr_data(t, self, ba->data ? ba->data : (const unsigned char *)"", ba->len);
}

static int64_t ba_len(KrThread *t, KrValue self)
{
    (void)t;
    return (int64_t)kr_as_bytearray(self)->len;
}

static KrValue ba_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    /* Both operands must be bytes-like; bytes.__eq__ defers to us for
     * mixed pairs. */
    bool a_ok = bytes_is_bytes(t, a) || bytes_is_bytearray(t, a);
    bool b_ok = bytes_is_bytes(t, b) || bytes_is_bytearray(t, b) || bytes_is_memoryview(t, b);
    if (!a_ok || !b_ok)
        return KR_NOTIMPLEMENTED;
    const unsigned char *ad, *bd;
    size_t an, bn;
    if (kr_get_buffer(t, a, &ad, &an, NULL) < 0)
        return KR_ERROR;
    if (kr_get_buffer(t, b, &bd, &bn, NULL) < 0) {
        kr_err_clear(t);
        return KR_NOTIMPLEMENTED;
    }
    return bytes_compare_data(ad, an, bd, bn, op);
}

static KrValue ba_getitem(KrThread *t, KrValue self, KrValue key)
{
    KrByteArray *ba = kr_as_bytearray(self);
    return bytes_subscript(t, self, ba->data, ba->len, key, "bytearray");
}

static int ba_contains(KrThread *t, KrValue self, KrValue item)
{
    KrByteArray *ba = kr_as_bytearray(self);
    /* The needle's conversion may run code; the helper converts the
     * needle before looking at the data only for bytes-like needles, so
     * take a copy for safety when the needle is not a plain int. */
    if (kr_is_smallint(item)) {
        int64_t v = kr_as_smallint(item);
        if (v < 0 || v > 255)
            return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "byte must be in range(0, 256)");
        return ba->len && memchr(ba->data, (int)v, ba->len) != NULL;
    }
    KrValue copy = kr_bytes_new(t, ba->data, ba->len);
    if (copy == KR_ERROR)
        return -1;
    int r = bytes_contains_data(t, kr_bytes_data(copy), kr_bytes_len(copy), item);
    kr_decref(t, copy);
    return r;
}

static KrValue ba_iter(KrThread *t, KrValue self)
{
    return bytes_iter_new(t, self, kr_builtin_type(t, BYTEARRAY_ITERATOR));
}

static KrValue ba_add(KrThread *t, KrValue a, KrValue b)
{
    if (!bytes_is_bytearray(t, a))
        return KR_NOTIMPLEMENTED;
    const unsigned char *bd;
    size_t bn;
    if (kr_get_buffer(t, b, &bd, &bn, NULL) < 0) {
        kr_err_clear(t);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "can't concat %s to %s", kr_typename_of(t, b),
                            kr_typename_of(t, a));
    }
    KrByteArray *ba = kr_as_bytearray(a);
    KrValue r = kr_bytearray_new(t, NULL, ba->len + bn);
    if (r == KR_ERROR)
        return r;
    if (ba->len)
        memcpy(kr_as_bytearray(r)->data, ba->data, ba->len);
    if (bn)
        memcpy(kr_as_bytearray(r)->data + ba->len, bd, bn);
    return r;
}

static KrValue ba_iadd(KrThread *t, KrValue a, KrValue b)
{
    if (!bytes_is_bytearray(t, a))
        return KR_NOTIMPLEMENTED;
    BytesArg arg;
    if (bytes_arg_get(t, b, &arg) < 0) {
        kr_err_clear(t);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "can't concat %s to %s", kr_typename_of(t, b),
                            kr_typename_of(t, a));
    }
    int st = ba_append_data(t, kr_as_bytearray(a), arg.data, arg.len);
    bytes_arg_release(&arg);
    return st < 0 ? KR_ERROR : kr_incref(a);
}

static KrValue ba_imul(KrThread *t, KrValue a, KrValue b)
{
    if (!bytes_is_bytearray(t, a))
        return KR_NOTIMPLEMENTED;
    KrValue r = seq_mul_other_first(t, a, b);
    if (r != KR_NOTIMPLEMENTED)
        return r;
    if (!kr_is_int(t, b) && !kr_type(t, b)->index)
        return seq_mul_error(t, b);
    int64_t count;
    if (kr_as_ssize(t, b, &count) < 0)
        return KR_ERROR;
    KrByteArray *ba = kr_as_bytearray(a);
    size_t n = ba->len;
    if (count < 0)
        count = 0;
    if (n && (uint64_t)count > (uint64_t)(INT64_MAX - 16) / n)
        return kr_no_memory(t);
    size_t total = n * (size_t)count;
    if (ba_resize(t, ba, total) < 0)
        return KR_ERROR;
    for (size_t done = n; done < total;) {
        size_t k = done < total - done ? done : total - done;
        memcpy(ba->data + done, ba->data, k);
        done += k;
    }
    return kr_incref(a);
}

static KrValue ba_mod(KrThread *t, KrValue a, KrValue b)
{
    if (!bytes_is_bytearray(t, a))
        return KR_NOTIMPLEMENTED;
    KrByteArray *ba = kr_as_bytearray(a);
    return bytes_percent_format(t, ba->data ? ba->data : (const unsigned char *)"", ba->len, b, true);
}

/* The bytes a slice assignment stores: CPython's bytearray(values) with
 * numbers and strs refused. */
static int ba_values(KrThread *t, KrValue self, KrValue v, BytesBuf *out)
{
    if (v == self || !bytes_is_bytearray(t, v)) {
        if (kr_is_str(t, v) || kr_is_int(t, v) || kr_is_float_value(t, v) || kr_type(t, v)->index ||
            kr_type(t, v)->to_int || kr_type(t, v)->to_float)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        return bytes_from_object(t, v, out, "bytearray");
    }
    KrByteArray *o = kr_as_bytearray(v);
    return bbuf_append(t, out, o->data, o->len);
}

static int ba_setitem(KrThread *t, KrValue self, KrValue key, KrValue value)
{
    KrByteArray *ba = kr_as_bytearray(self);
    KrType *kt = kr_type(t, key);
    if (kt != kr_builtin_type(t, SLICE)) {
        if (!kt->index && !kr_is_int(t, key))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "bytearray indices must be integers or slices, not %s",
                                    kr_type_name(kt));
        int64_t i;
        if (kr_as_ssize(t, key, &i) < 0) {
            if (kr_err_matches(t, kr_exc_type(t, OverflowError))) {
                kr_err_clear(t);
                return kr_raise_fmt_int(t, kr_exc_type(t, IndexError), "cannot fit '%s' into an index-sized integer",
                                        kr_type_name(kt));
            }
            return -1;
        }
        unsigned char c = 0;
        if (value != KR_ABSENT && bytes_byte_arg(t, value, &c) < 0)
            return -1;
        if (i < 0)
            i += (int64_t)ba->len;
        if (i < 0 || i >= (int64_t)ba->len)
            return kr_raise_fmt_int(t, kr_exc_type(t, IndexError), "bytearray index out of range");
        if (value != KR_ABSENT) {
            ba->data[i] = c;
            return 0;
        }
        return ba_replace(t, ba, (size_t)i, (size_t)i + 1, NULL, 0);
    }
    int64_t start, stop, step;
    if (kr_slice_unpack(t, key, &start, &stop, &step) < 0)
        return -1;
    BytesBuf vals;
    bbuf_init(&vals);
    if (value != KR_ABSENT && ba_values(t, self, value, &vals) < 0) {
        bbuf_free(&vals);
        return -1;
    }
    int64_t n = kr_slice_adjust((int64_t)ba->len, &start, &stop, step);
    int r = 0;
    if (step == 1) {
        if (stop < start)
            stop = start;
        r = ba_replace(t, ba, (size_t)start, (size_t)stop, vals.data, vals.len);
    } else if (value == KR_ABSENT) {
        if (n > 0) {
            if (ba_check_exports(t, ba) < 0) {
                r = -1;
            } else {
                /* Normalise to an ascending walk, then compact. */
                if (step < 0) {
                    start = start + step * (n - 1);
                    step = -step;
                }
                size_t w = (size_t)start;
                for (size_t rd = (size_t)start; rd < ba->len; rd++) {
                    bool drop = rd < (size_t)(start + step * n) && (rd - (size_t)start) % (size_t)step == 0;
                    if (!drop)
                        ba->data[w++] = ba->data[rd];
                }
                r = ba_resize(t, ba, w);
            }
        }
    } else if ((size_t)n != vals.len) {
        r = kr_raise_fmt_int(t, kr_exc_type(t, ValueError),
                             "attempt to assign bytes of size %zu to extended slice of size %lld", vals.len, (long long)n);
    } else {
        for (int64_t i = 0, j = start; i < n; i++, j += step)
            ba->data[j] = vals.data[i];
    }
    bbuf_free(&vals);
    return r;
}

/* ---- methods of bytearray only ---- */

static int ba_noargs(KrThread *t, const char *name, size_t nargs, KrValue kwnames)
{
    if (kwnames && kr_tuple_len(kwnames))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "bytearray.%s() takes no keyword arguments", name);
    if (nargs)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "bytearray.%s() takes no arguments (%zu given)", name,
                                nargs);
    return 0;
}

static int ba_onearg(KrThread *t, const char *name, size_t nargs, KrValue kwnames)
{
    if (kwnames && kr_tuple_len(kwnames))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "bytearray.%s() takes no keyword arguments", name);
    if (nargs != 1)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "bytearray.%s() takes exactly one argument (%zu given)",
                                name, nargs);
    return 0;
}

static int ba_posargs(KrThread *t, const char *name, size_t nargs, KrValue kwnames, size_t min, size_t max)
{
    if (kwnames && kr_tuple_len(kwnames))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "bytearray.%s() takes no keyword arguments", name);
    if (min == max && nargs != min)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s expected %zu argument%s, got %zu", name, min,
                                min == 1 ? "" : "s", nargs);
    if (nargs < min)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s expected at least %zu argument%s, got %zu", name, min,
                                min == 1 ? "" : "s", nargs);
    if (nargs > max)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s expected at most %zu argument%s, got %zu", name, max,
                                max == 1 ? "" : "s", nargs);
    return 0;
}

static KrValue ba_append(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (ba_onearg(t, "append", nargs, kwnames) < 0)
        return KR_ERROR;
    unsigned char c;
    if (bytes_byte_arg(t, args[0], &c) < 0)
        return KR_ERROR;
    return ba_append_data(t, kr_as_bytearray(self), &c, 1) < 0 ? KR_ERROR : KR_NONE;
}

static KrValue ba_extend(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (ba_onearg(t, "extend", nargs, kwnames) < 0)
        return KR_ERROR;
    KrValue v = args[0];
    BytesBuf b;
    bbuf_init(&b);
    if (bytes_is_bytes(t, v) || bytes_is_bytearray(t, v) || bytes_is_memoryview(t, v)) {
        const unsigned char *d;
        size_t n;
        if (kr_get_buffer(t, v, &d, &n, NULL) < 0 || bbuf_append(t, &b, d, n) < 0)
            goto fail;
    } else {
        KrValue it = kr_iter(t, v);
        if (it == KR_ERROR) {
            if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
                kr_err_clear(t);
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "can't extend bytearray with %s", kr_typename_of(t, v));
            }
            goto fail;
        }
        for (;;) {
            KrValue item = kr_next(t, it);
            if (item == KR_ABSENT)
                break;
            unsigned char c;
            int st = item == KR_ERROR ? -1 : bytes_byte_arg(t, item, &c);
            kr_xdecref(t, item);
            if (st < 0 || bbuf_append_byte(t, &b, c) < 0) {
                kr_decref(t, it);
                goto fail;
            }
        }
        kr_decref(t, it);
    }
    int st = ba_append_data(t, kr_as_bytearray(self), b.data, b.len);
    bbuf_free(&b);
    return st < 0 ? KR_ERROR : KR_NONE;
fail:
    bbuf_free(&b);
    return KR_ERROR;
}

static KrValue ba_insert(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (ba_posargs(t, "insert", nargs, kwnames, 2, 2) < 0)
        return KR_ERROR;
    int64_t i;
    unsigned char c;
    if (kr_as_ssize(t, args[0], &i) < 0 || bytes_byte_arg(t, args[1], &c) < 0)
        return KR_ERROR;
    KrByteArray *ba = kr_as_bytearray(self);
    int64_t n = (int64_t)ba->len;
    if (i < 0) {
        i += n;
        if (i < 0)
            i = 0;
    }
    if (i > n)
        i = n;
    return ba_replace(t, ba, (size_t)i, (size_t)i, &c, 1) < 0 ? KR_ERROR : KR_NONE;
}

static KrValue ba_pop(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (ba_posargs(t, "pop", nargs, kwnames, 0, 1) < 0)
        return KR_ERROR;
    int64_t i = -1;
    if (nargs && kr_as_ssize(t, args[0], &i) < 0)
        return KR_ERROR;
    KrByteArray *ba = kr_as_bytearray(self);
    int64_t n = (int64_t)ba->len;
    if (n == 0)
        return kr_raise_fmt(t, kr_exc_type(t, IndexError), "pop from empty bytearray");
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return kr_raise_fmt(t, kr_exc_type(t, IndexError), "pop index out of range");
    unsigned char c = ba->data[i];
    if (ba_replace(t, ba, (size_t)i, (size_t)i + 1, NULL, 0) < 0)
        return KR_ERROR;
    return kr_smallint(c);
}

static KrValue ba_remove(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (ba_onearg(t, "remove", nargs, kwnames) < 0)
        return KR_ERROR;
    unsigned char c;
    if (bytes_byte_arg(t, args[0], &c) < 0)
        return KR_ERROR;
    KrByteArray *ba = kr_as_bytearray(self);
    unsigned char *p = ba->len ? memchr(ba->data, c, ba->len) : NULL;
    if (!p)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "value not found in bytearray");
    size_t i = (size_t)(p - ba->data);
    return ba_replace(t, ba, i, i + 1, NULL, 0) < 0 ? KR_ERROR : KR_NONE;
}

static KrValue ba_reverse(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (ba_noargs(t, "reverse", nargs, kwnames) < 0)
        return KR_ERROR;
    KrByteArray *ba = kr_as_bytearray(self);
    for (size_t i = 0, j = ba->len; i + 1 < j; i++, j--) {
        unsigned char c = ba->data[i];
        ba->data[i] = ba->data[j - 1];
        ba->data[j - 1] = c;
    }
    return KR_NONE;
}

static KrValue ba_clear(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (ba_noargs(t, "clear", nargs, kwnames) < 0)
        return KR_ERROR;
    KrByteArray *ba = kr_as_bytearray(self);
    if (ba->len == 0)
        return KR_NONE;
    if (ba_check_exports(t, ba) < 0)
        return KR_ERROR;
    free(ba->data);
    ba->data = NULL;
    ba->len = ba->cap = 0;
    return KR_NONE;
}

static KrValue ba_copy(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (ba_noargs(t, "copy", nargs, kwnames) < 0)
        return KR_ERROR;
    KrByteArray *ba = kr_as_bytearray(self);
    return kr_bytearray_new(t, ba->data, ba->len);
}

static KrValue ba_alloc_method(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (ba_noargs(t, "__alloc__", nargs, kwnames) < 0)
        return KR_ERROR;
    return kr_int_from_i64(t, (int64_t)kr_as_bytearray(self)->cap);
}

static KrValue ba_sizeof(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (ba_noargs(t, "__sizeof__", nargs, kwnames) < 0)
        return KR_ERROR;
    /* CPython's PyByteArrayObject is 56 bytes, plus the allocation. */
    return kr_int_from_i64(t, 56 + (int64_t)kr_as_bytearray(self)->cap);
}

/* (type(self), (latin-1 text, 'latin-1'), __dict__ or None) */
static KrValue ba_reduce_common(KrThread *t, KrValue self)
{
    KrByteArray *ba = kr_as_bytearray(self);
    KrValue text;
    if (ba->len) {
        uint8_t *d = ba->data;
        text = kr_str_from_ucs(t, d, ba->len, 1);
    } else {
        text = kr_str_from_cstr(t, "");
    }
    if (text == KR_ERROR)
        return KR_ERROR;
    KrValue enc = kr_str_from_cstr(t, "latin-1");
    if (enc == KR_ERROR) {
        kr_decref(t, text);
        return KR_ERROR;
    }
    KrValue inner = ba->len ? kr_tuple_pack(t, 2, text, enc) : kr_tuple_new(t, 0);
    kr_decref(t, text);
    kr_decref(t, enc);
    if (inner == KR_ERROR)
        return KR_ERROR;
    KrValue dict = KR_NONE;
    KrValue *dp = kr_instance_dict_ptr(t, self);
    if (dp && *dp != KR_ABSENT)
        dict = *dp;
    KrValue r = kr_tuple_pack(t, 3, kr_type_value(kr_type(t, self)), inner, dict);
    kr_decref(t, inner);
    return r;
}

static KrValue ba_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (ba_noargs(t, "__reduce__", nargs, kwnames) < 0)
        return KR_ERROR;
    return ba_reduce_common(t, self);
}

static KrValue ba_reduce_ex(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (ba_posargs(t, "__reduce_ex__", nargs, kwnames, 0, 1) < 0)
        return KR_ERROR;
    return ba_reduce_common(t, self);
}

static KrValue ba_maketrans(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    return bm_maketrans_impl(t, "bytearray", args, nargs, kwnames);
}

#define BA_SHARED_DEF(name, fn, flags, doc) {name, fn, flags, doc},
static const KrMethodDef ba_methods[] = {
    BYTES_SHARED_METHODS(BA_SHARED_DEF)
    {"maketrans", ba_maketrans, KR_METH_KEYWORDS | KR_METH_STATIC, NULL},
    {"append", ba_append, KR_METH_KEYWORDS, "Append a single item to the end of the bytearray."},
    {"extend", ba_extend, KR_METH_KEYWORDS, "Append all the items from the iterator or sequence to the end of the bytearray."},
    {"insert", ba_insert, KR_METH_KEYWORDS, "Insert a single item into the bytearray before the given index."},
    {"pop", ba_pop, KR_METH_KEYWORDS, "Remove and return a single item from B."},
    {"remove", ba_remove, KR_METH_KEYWORDS, "Remove the first occurrence of a value in the bytearray."},
    {"reverse", ba_reverse, KR_METH_KEYWORDS, "Reverse the order of the values in B in place."},
    {"clear", ba_clear, KR_METH_KEYWORDS, "Remove all items from the bytearray."},
    {"copy", ba_copy, KR_METH_KEYWORDS, "Return a copy of B."},
    {"__alloc__", ba_alloc_method, KR_METH_KEYWORDS, "B.__alloc__() -> int\n\nReturn the number of bytes actually allocated."},
    {"__sizeof__", ba_sizeof, KR_METH_KEYWORDS, "Returns the size of the bytearray object in memory, in bytes."},
    {"__reduce__", ba_reduce, KR_METH_KEYWORDS, "Return state information for pickling."},
    {"__reduce_ex__", ba_reduce_ex, KR_METH_KEYWORDS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

static void ba_fill(KrType *tp)
{
    tp->dealloc = ba_dealloc;
    tp->new_ = ba_new;
    tp->init = ba_init;
    tp->repr = ba_repr;
    tp->str = ba_repr;
    tp->hash = kr_hash_not_implemented;
    tp->compare = ba_compare;
    tp->iter = ba_iter;
    tp->len = ba_len;
    tp->getitem = ba_getitem;
    tp->setitem = ba_setitem;
    tp->contains = ba_contains;
    tp->binary[KR_OP_ADD] = ba_add;
    tp->binary[KR_OP_MUL] = bytes_mul_slot;
    tp->binary[KR_OP_MOD] = ba_mod;
    tp->inplace[KR_OP_ADD] = ba_iadd;
    tp->inplace[KR_OP_MUL] = ba_imul;
}

const KrTypeSpec kr_bytearray_spec = {
    .name = "bytearray",
    .basicsize = sizeof(KrByteArray),
    .flags = KR_TPFLAG_BASETYPE,
    .methods = ba_methods,
    .fill = ba_fill,
    .doc = "bytearray(iterable_of_ints) -> bytearray\n"
           "bytearray(string, encoding[, errors]) -> bytearray\n"
           "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
           "bytearray(int) -> bytes array of size given by the parameter initialized with null bytes\n"
           "bytearray() -> empty bytes array\n\n"
           "Construct a mutable bytearray object from:\n"
           "  - an iterable yielding integers in range(256)\n"
           "  - a text string encoded using the specified encoding\n"
           "  - a bytes or a buffer object\n"
           "  - any object implementing the buffer API.\n"
           "  - an integer",
};

const KrTypeSpec kr_bytearray_iterator_spec = {
    .name = "bytearray_iterator",
    .basicsize = sizeof(BytesIter),
    .flags = KR_TPFLAG_GC,
    .methods = kr_bytes_iter_methods,
    .fill = bytes_iter_fill,
};
