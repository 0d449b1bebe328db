/* memoryview: a one-dimensional view of the bytes of a bytes or bytearray,
 * possibly strided (m[::2]) and with a struct format other than 'B' after
 * cast().  A view of a bytearray counts as an export of it, which stops the
 * bytearray from resizing (and so from moving its buffer) until the view
 * is released or freed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/bytes_common.h"

typedef struct KrMemoryView {
    KrObject ob;
    KrValue obj;            /* the exporter: bytes or bytearray */
    size_t offset;          /* byte offset of item 0 in the exporter's buffer */
    int64_t stride;         /* bytes from one item to the next */
    size_t nitems;
    size_t itemsize;
    char format[3];         /* as given to cast(): 'B', 'H', '@H'...; NUL-terminated */
    bool readonly;
    bool released;
    int64_t hash;           /* -1 until computed */
    KrValue packed;         /* bytes: a contiguous copy for kr_get_buffer of a
                               strided view, or KR_ABSENT */
    int ndim;               /* 1 unless cast() gave another shape */
    size_t *shape;          /* ndim > 1: the dimensions (malloc'd), else NULL.
                               Dimension 0 steps by `stride` bytes (slicing
                               may change it); the rest are C-contiguous. */
    size_t inner;           /* ndim > 1: items per step of dimension 0 */
} KrMemoryView;

#define MV_MAX_NDIM 64

static KrMemoryView *mv_of(KrValue v) { return (KrMemoryView *)kr_as_ptr(v); }

/* The struct format character (without the '@' prefix). */
static char mv_fmt(const KrMemoryView *m)
{
    return m->format[0] == '@' ? m->format[1] : m->format[0];
}

static int mv_released_error(KrThread *t)
{
    return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "operation forbidden on released memoryview object");
}

static int mv_check(KrThread *t, KrMemoryView *m)
{
    return m->released ? mv_released_error(t) : 0;
}

/* The exporter's buffer start. */
static unsigned char *mv_base(KrThread *t, KrMemoryView *m)
{
    if (bytes_is_bytes(t, m->obj))
        return kr_bytes_data(m->obj);
    KrByteArray *ba = kr_as_bytearray(m->obj);
    return ba->data ? ba->data : (unsigned char *)"";
}

/* Item i in row-major order. */
static unsigned char *mv_item(KrThread *t, KrMemoryView *m, size_t i)
{
    if (m->ndim > 1)
        return mv_base(t, m) + (int64_t)m->offset + (int64_t)(i / m->inner) * m->stride +
               (int64_t)((i % m->inner) * m->itemsize);
    return mv_base(t, m) + (int64_t)m->offset + (int64_t)i * m->stride;
}

static bool mv_contiguous(KrMemoryView *m)
{
    if (m->ndim > 1)
        return m->shape[0] <= 1 || m->stride == (int64_t)(m->inner * m->itemsize);
    return m->nitems <= 1 || m->stride == (int64_t)m->itemsize;
}

/* ---- formats ---- */

/* The size of a native struct format character, or 0 if unsupported. */
static size_t mv_format_size(char f)
{
    switch (f) {
    case 'B': case 'b': case 'c': case '?': return 1;
    case 'h': case 'H': return sizeof(short);
    case 'i': case 'I': return sizeof(int);
    case 'l': case 'L': return sizeof(long);
    case 'q': case 'Q': return sizeof(long long);
    case 'n': case 'N': return sizeof(size_t);
    case 'P': return sizeof(void *);
    case 'f': return sizeof(float);
    case 'd': return sizeof(double);
    default: return 0;
    }
}

static bool mv_is_byte_format(char f)
{
    return f == 'B' || f == 'b' || f == 'c';
}

static KrValue mv_unpack(KrThread *t, char f, const unsigned char *p)
{
    switch (f) {
    case 'B': return kr_smallint(p[0]);
    case 'b': return kr_smallint((int8_t)p[0]);
    case 'c': return kr_bytes_new(t, p, 1);
    case '?': return kr_bool(p[0] != 0);
    case 'h': { short v; memcpy(&v, p, sizeof v); return kr_smallint(v); }
    case 'H': { unsigned short v; memcpy(&v, p, sizeof v); return kr_smallint(v); }
    case 'i': { int v; memcpy(&v, p, sizeof v); return kr_smallint(v); }
    case 'I': { unsigned v; memcpy(&v, p, sizeof v); return kr_smallint(v); }
    case 'l': { long v; memcpy(&v, p, sizeof v); return kr_int_from_i64(t, v); }
    case 'L': { unsigned long v; memcpy(&v, p, sizeof v); return kr_int_from_u64(t, v); }
    case 'q': { long long v; memcpy(&v, p, sizeof v); return kr_int_from_i64(t, v); }
    case 'Q': { unsigned long long v; memcpy(&v, p, sizeof v); return kr_int_from_u64(t, v); }
    case 'n': { ptrdiff_t v; memcpy(&v, p, sizeof v); return kr_int_from_i64(t, v); }
    case 'N': { size_t v; memcpy(&v, p, sizeof v); return kr_int_from_u64(t, v); }
    case 'P': { uintptr_t v; memcpy(&v, p, sizeof v); return kr_int_from_u64(t, v); }
    case 'f': { float v; memcpy(&v, p, sizeof v); return kr_float(v); }
    default: { double v; memcpy(&v, p, sizeof v); return kr_float(v); }
    }
}

static int mv_invalid(KrThread *t, bool type_error, char f)
{
    return kr_raise_fmt_int(t, type_error ? kr_exc_type(t, TypeError) : kr_exc_type(t, ValueError),
                            "memoryview: invalid %s for format '%c'", type_error ? "type" : "value", f);
}

/* Packs v for format f into out (mv_format_size(f) bytes). */
static int mv_pack(KrThread *t, char f, KrValue v, unsigned char *out)
{
    if (f == 'c') {
        if (!bytes_is_bytes(t, v))
            return mv_invalid(t, true, f);
        if (kr_bytes_len(v) != 1)
            return mv_invalid(t, false, f);
        out[0] = kr_bytes_data(v)[0];
        return 0;
    }
    if (f == '?') {
        int b = kr_truth(t, v);
        if (b < 0)
            return -1;
        out[0] = (unsigned char)b;
        return 0;
    }
    if (f == 'f' || f == 'd') {
        if (!kr_is_float_value(t, v) && !kr_is_int(t, v) && !kr_type(t, v)->to_float && !kr_type(t, v)->index)
            return mv_invalid(t, true, f);
        double d;
        if (kr_as_double(t, v, &d) < 0)
            return -1;
        if (f == 'f') {
            float x = (float)d;
            memcpy(out, &x, sizeof x);
        } else {
            memcpy(out, &d, sizeof d);
        }
        return 0;
    }
    if (!kr_is_int(t, v) && !kr_type(t, v)->index)
        return mv_invalid(t, true, f);
    KrValue iv = kr_index(t, v);
    if (iv == KR_ERROR)
        return -1;
    bool is_unsigned = f == 'B' || f == 'H' || f == 'I' || f == 'L' || f == 'Q' || f == 'N' || f == 'P';
    int64_t s = 0;
    uint64_t u = 0;
    bool ok;
    if (is_unsigned) {
        mpz_t z;
        mpz_init(z);
        kr_int_as_mpz(t, iv, z);
        ok = mpz_sgn(z) >= 0 && mpz_sizeinbase(z, 2) <= 64;
        if (ok) {
            mpz_t hi;
            mpz_init(hi);
            mpz_tdiv_q_2exp(hi, z, 32);
            u = ((uint64_t)mpz_get_ui(hi) << 32) | (uint64_t)(mpz_get_ui(z) & 0xFFFFFFFFu);
            mpz_clear(hi);
        }
        mpz_clear(z);
    } else {
        ok = kr_int_as_i64(t, iv, &s) == 0;
        if (!ok)
            kr_err_clear(t);
    }
    kr_decref(t, iv);
    size_t size = mv_format_size(f);
    if (ok && size < 8) {
        int bits = (int)size * 8;
        if (is_unsigned)
            ok = u < (UINT64_C(1) << bits);
        else
            ok = s >= -(INT64_C(1) << (bits - 1)) && s < (INT64_C(1) << (bits - 1));
    }
    if (!ok)
        return mv_invalid(t, false, f);
    switch (f) {
    case 'B': out[0] = (unsigned char)u; break;
    case 'b': out[0] = (unsigned char)(int8_t)s; break;
    case 'h': { short x = (short)s; memcpy(out, &x, sizeof x); break; }
    case 'H': { unsigned short x = (unsigned short)u; memcpy(out, &x, sizeof x); break; }
    case 'i': { int x = (int)s; memcpy(out, &x, sizeof x); break; }
    case 'I': { unsigned x = (unsigned)u; memcpy(out, &x, sizeof x); break; }
    case 'l': case 'q': case 'n': { long long x = s; memcpy(out, &x, size); break; }
    default: { unsigned long long x = u; memcpy(out, &x, size); break; }
    }
    return 0;
}

/* ---- construction and release ---- */

static KrValue mv_new_view(KrThread *t, KrValue obj, bool readonly)
{
    KrMemoryView *m = (KrMemoryView *)kr_alloc(t, kr_builtin_type(t, MEMORYVIEW), sizeof(KrMemoryView));
    if (!m)
        return KR_ERROR;
    m->obj = kr_incref(obj);
    m->offset = 0;
    m->stride = 1;
    m->itemsize = 1;
    m->format[0] = 'B';
    m->format[1] = 0;
    m->readonly = readonly;
    m->released = false;
    m->hash = -1;
    m->packed = KR_ABSENT;
    m->ndim = 1;
    m->shape = NULL;
    if (bytes_is_bytes(t, obj)) {
        m->nitems = kr_bytes_len(obj);
    } else {
        m->nitems = kr_as_bytearray(obj)->len;
        kr_as_bytearray(obj)->exports++;
    }
    return kr_ptr(m);
}

/* Gives m the shape dims[0..ndim) (ndim 1 drops any stored shape). */
static int mv_set_shape(KrThread *t, KrMemoryView *m, int ndim, const size_t *dims)
{
    free(m->shape);
    m->shape = NULL;
    m->ndim = ndim;
    m->inner = 1;
    if (ndim == 1 || ndim == 0)
        return 0;
    for (int d = 1; d < ndim; d++)
        m->inner *= dims[d];
    m->shape = malloc((size_t)ndim * sizeof(size_t));
    if (!m->shape) {
        m->ndim = 1;
        kr_no_memory(t);
        return -1;
    }
    memcpy(m->shape, dims, (size_t)ndim * sizeof(size_t));
    return 0;
}

/* The length of dimension d. */
static size_t mv_dim(const KrMemoryView *m, int d)
{
    return m->ndim == 1 ? m->nitems : m->shape[d];
}

/* A new view with m's layout (for slices, cast, toreadonly). */
static KrValue mv_clone(KrThread *t, KrMemoryView *m)
{
    KrValue r = mv_new_view(t, m->obj, m->readonly);
    if (r == KR_ERROR)
        return r;
    KrMemoryView *c = mv_of(r);
    c->offset = m->offset;
    c->stride = m->stride;
    c->nitems = m->nitems;
    c->itemsize = m->itemsize;
    memcpy(c->format, m->format, sizeof c->format);
    if (m->ndim != 1 && mv_set_shape(t, c, m->ndim, m->shape) < 0) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    return r;
}

static void mv_do_release(KrThread *t, KrMemoryView *m)
{
    if (m->released)
        return;
    m->released = true;
    if (bytes_is_bytearray(t, m->obj))
        kr_as_bytearray(m->obj)->exports--;
}

static KrValue mv_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type;
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nargs + nkw > 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview() takes at most 1 argument (%zu given)", nargs + nkw);
    KrValue obj = KR_ABSENT;
    if (nargs == 1) {
        obj = args[0];
    } else if (nkw == 1) {
        KrValue name = kr_tuple_items(kwnames)[0];
        if (!kr_str_equal_cstr(name, "object"))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for memoryview()", name);
        obj = args[0];
    }
    if (obj == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview() missing required argument 'object' (pos 1)");
    if (bytes_is_memoryview(t, obj)) {
        KrMemoryView *m = mv_of(obj);
        if (mv_check(t, m) < 0)
            return KR_ERROR;
        return mv_clone(t, m);
    }
    if (bytes_is_bytes(t, obj))
        return mv_new_view(t, obj, true);
    if (bytes_is_bytearray(t, obj))
        return mv_new_view(t, obj, false);
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview: a bytes-like object is required, not '%s'",
                        kr_typename_of(t, obj));
}

static void mv_dealloc(KrThread *t, KrObject *o)
{
    KrMemoryView *m = (KrMemoryView *)o;
    kr_gc_untrack(t, o);
    mv_do_release(t, m);
    kr_clear(t, &m->obj);
    kr_xdecref(t, m->packed);
    free(m->shape);
    kr_free_object(t, o);
}

static void mv_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrMemoryView *m = (KrMemoryView *)o;
    if (kr_is_ptr(m->obj))
        visit(kr_as_ptr(m->obj), arg);
}

int kr_memoryview_buffer(KrThread *t, KrValue mv, const unsigned char **data, size_t *len, bool *readonly,
                         bool *contiguous)
{
    KrMemoryView *m = mv_of(mv);
    if (mv_check(t, m) < 0)
        return -1;
    *readonly = m->readonly;
    *contiguous = true;
    *len = m->nitems * m->itemsize;
    if (mv_contiguous(m)) {
        *data = m->nitems ? mv_item(t, m, 0) : (const unsigned char *)"";
        return 0;
    }
    /* A strided view is gathered into a cached bytes object that is
     * rewritten in place on each request, so earlier pointers stay valid. */
    if (m->packed == KR_ABSENT) {
        m->packed = kr_bytes_new(t, NULL, *len);
        if (m->packed == KR_ERROR) {
            m->packed = KR_ABSENT;
            return -1;
        }
    }
    unsigned char *out = kr_bytes_data(m->packed);
    for (size_t i = 0; i < m->nitems; i++)
        memcpy(out + i * m->itemsize, mv_item(t, m, i), m->itemsize);
    *data = out;
    return 0;
}

/* ---- slots ---- */

static KrValue mv_repr(KrThread *t, KrValue self)
{
    char buf[64];
    snprintf(buf, sizeof buf, "<%smemory at %p>", mv_of(self)->released ? "released " : "", (void *)kr_as_ptr(self));
    return kr_str_from_cstr(t, buf);
}

static int64_t mv_len(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    if (mv_check(t, m) < 0)
        return -1;
    return m->ndim == 0 ? 1 : (int64_t)mv_dim(m, 0);
}

/* The kind of a subscript key. */
enum { KEY_INDEX, KEY_SLICE, KEY_MULTI_INDEX, KEY_MULTI_SLICE, KEY_OTHER };

static bool mv_is_index(KrThread *t, KrValue v)
{
    return kr_is_int(t, v) || kr_type(t, v)->index;
}

static int mv_key_kind(KrThread *t, KrValue key)
{
    if (mv_is_index(t, key))
        return KEY_INDEX;
    if (kr_type(t, key) == kr_builtin_type(t, SLICE))
        return KEY_SLICE;
    if (!kr_is_tuple(t, key))
        return KEY_OTHER;
    size_t n = kr_tuple_len(key), nidx = 0, nslice = 0;
    for (size_t i = 0; i < n; i++) {
        KrValue v = kr_tuple_items(key)[i];
        if (mv_is_index(t, v))
            nidx++;
        else if (kr_type(t, v) == kr_builtin_type(t, SLICE))
            nslice++;
    }
    return nidx == n ? KEY_MULTI_INDEX : nslice == n ? KEY_MULTI_SLICE : KEY_OTHER;
}

/* The address of m[i, j, ...] (a tuple of one index per dimension). */
static unsigned char *mv_multi_item(KrThread *t, KrMemoryView *m, KrValue key)
{
    size_t n = kr_tuple_len(key);
    if (n < (size_t)m->ndim) {
        kr_raise_fmt(t, kr_exc_type(t, NotImplementedError), "sub-views are not implemented");
        return NULL;
    }
    if (n > (size_t)m->ndim) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "cannot index %d-dimension view with %zu-element tuple", m->ndim, n);
        return NULL;
    }
    int64_t off = (int64_t)m->offset;
    int64_t stride = (int64_t)m->itemsize;
    for (int d = m->ndim - 1; d >= 0; d--) {
        int64_t i;
        if (kr_as_ssize(t, kr_tuple_items(key)[d], &i) < 0)
            return NULL;
        size_t len = mv_dim(m, d);
        if (i < 0)
            i += (int64_t)len;
        if (i < 0 || i >= (int64_t)len) {
            kr_raise_fmt(t, kr_exc_type(t, IndexError), "index out of bounds on dimension %d", d + 1);
            return NULL;
        }
        off += i * (d == 0 ? m->stride : stride);
        stride *= (int64_t)len;
    }
    return mv_base(t, m) + off;
}

/* An item index: -1 on error (IndexError "index out of bounds on
 * dimension 1"). */
static int mv_index(KrThread *t, KrMemoryView *m, KrValue key, size_t *out)
{
    int64_t i;
    if (kr_as_ssize(t, key, &i) < 0)
        return -1;
    if (i < 0)
        i += (int64_t)m->nitems;
    if (i < 0 || i >= (int64_t)m->nitems)
        return kr_raise_fmt_int(t, kr_exc_type(t, IndexError), "index out of bounds on dimension 1");
    *out = (size_t)i;
    return 0;
}

static KrValue mv_getitem(KrThread *t, KrValue self, KrValue key)
{
    KrMemoryView *m = mv_of(self);
    if (mv_check(t, m) < 0)
        return KR_ERROR;
    if (m->ndim == 0) {
        if (key == KR_ELLIPSIS)
            return kr_incref(self);
        if (kr_is_tuple(t, key) && kr_tuple_len(key) == 0)
            return mv_unpack(t, mv_fmt(m), mv_item(t, m, 0));
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "invalid indexing of 0-dim memory");
    }
    int kind = mv_key_kind(t, key);
    if (kind == KEY_SLICE) {
        /* Slicing steps through dimension 0. */
        int64_t start, stop, step;
        if (kr_slice_unpack(t, key, &start, &stop, &step) < 0)
            return KR_ERROR;
        int64_t n = kr_slice_adjust((int64_t)mv_dim(m, 0), &start, &stop, step);
        KrValue r = mv_clone(t, m);
        if (r == KR_ERROR)
            return r;
        KrMemoryView *c = mv_of(r);
        c->offset = (size_t)((int64_t)m->offset + start * m->stride);
        c->stride = m->stride * step;
        if (c->ndim > 1) {
            c->shape[0] = (size_t)n;
            c->nitems = (size_t)n * c->inner;
        } else {
            c->nitems = (size_t)n;
        }
        return r;
    }
    if (kind == KEY_MULTI_INDEX) {
        unsigned char *p = mv_multi_item(t, m, key);
        return p ? mv_unpack(t, mv_fmt(m), p) : KR_ERROR;
    }
    if (kind == KEY_MULTI_SLICE)
        return kr_raise_fmt(t, kr_exc_type(t, NotImplementedError), "multi-dimensional slicing is not implemented");
    if (kind != KEY_INDEX)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview: invalid slice key");
    if (m->ndim > 1)
        return kr_raise_fmt(t, kr_exc_type(t, NotImplementedError), "multi-dimensional sub-views are not implemented");
    size_t i;
    if (mv_index(t, m, key, &i) < 0)
        return KR_ERROR;
    return mv_unpack(t, mv_fmt(m), mv_item(t, m, i));
}

static int mv_setitem(KrThread *t, KrValue self, KrValue key, KrValue value)
{
    KrMemoryView *m = mv_of(self);
    if (mv_check(t, m) < 0)
        return -1;
    if (m->readonly)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "cannot modify read-only memory");
    if (value == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "cannot delete memory");
    unsigned char *target = NULL;
    int kind = KEY_OTHER;
    if (m->ndim == 0) {
        if (key != KR_ELLIPSIS && !(kr_is_tuple(t, key) && kr_tuple_len(key) == 0))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "invalid indexing of 0-dim memory");
        target = mv_item(t, m, 0);
    } else {
        kind = mv_key_kind(t, key);
        if (kind == KEY_MULTI_INDEX) {
            target = mv_multi_item(t, m, key);
            if (!target)
                return -1;
        } else if (kind == KEY_MULTI_SLICE || (kind == KEY_SLICE && m->ndim > 1)) {
            return kr_raise_fmt_int(t, kr_exc_type(t, NotImplementedError),
                                    "memoryview slice assignments are currently restricted to ndim = 1");
        } else if (kind == KEY_INDEX && m->ndim > 1) {
            return kr_raise_fmt_int(t, kr_exc_type(t, NotImplementedError), "sub-views are not implemented");
        }
    }
    if (target) {
        unsigned char packed[16];
        if (mv_pack(t, mv_fmt(m), value, packed) < 0)
            return -1;
        memcpy(target, packed, m->itemsize);
        return 0;
    }
    if (kind == KEY_SLICE) {
        int64_t start, stop, step;
        if (kr_slice_unpack(t, key, &start, &stop, &step) < 0)
            return -1;
        int64_t n = kr_slice_adjust((int64_t)m->nitems, &start, &stop, step);
        BytesArg src;
        if (bytes_arg_get(t, value, &src) < 0)
            return -1;
        bool same = src.len == (size_t)n * m->itemsize;
        if (bytes_is_memoryview(t, value)) {
            KrMemoryView *o = mv_of(value);
            same = same && o->nitems == (size_t)n && mv_fmt(o) == mv_fmt(m);
        } else {
            same = same && m->itemsize == 1 && strcmp(m->format, "B") == 0;
        }
        if (!same) {
            bytes_arg_release(&src);
            return kr_raise_fmt_int(t, kr_exc_type(t, ValueError),
                                    "memoryview assignment: lvalue and rvalue have different structures");
        }
        for (int64_t i = 0; i < n; i++)
            memcpy(mv_item(t, m, (size_t)(start + i * step)), src.data + i * (int64_t)m->itemsize, m->itemsize);
        bytes_arg_release(&src);
        return 0;
    }
    if (kind != KEY_INDEX)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "memoryview: invalid slice key");
    size_t i;
    if (mv_index(t, m, key, &i) < 0)
        return -1;
    unsigned char packed[16];
    if (mv_pack(t, mv_fmt(m), value, packed) < 0)
        return -1;
    memcpy(mv_item(t, m, i), packed, m->itemsize);
    return 0;
}

/* Item-by-item equality of two 1-D views (or a view and a buffer as 'B'). */
static KrValue mv_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if (op != KR_EQ && op != KR_NE)
        return KR_NOTIMPLEMENTED;
    KrValue self = bytes_is_memoryview(t, a) ? a : b, other = self == a ? b : a;
    if (a == b)
        return kr_bool(op == KR_EQ);
    KrMemoryView *m = mv_of(self);
    bool other_mv = bytes_is_memoryview(t, other);
    if (!other_mv && !bytes_is_bytes(t, other) && !bytes_is_bytearray(t, other))
        return KR_NOTIMPLEMENTED;
    if (m->released || (other_mv && mv_of(other)->released))
        return kr_bool(op == KR_NE);
    /* The other side as a view: a temporary one for bytes and bytearray. */
    KrValue ov = other_mv ? kr_incref(other) : mv_new_view(t, other, true);
    if (ov == KR_ERROR)
        return KR_ERROR;
    KrMemoryView *o = mv_of(ov);
    bool eq = m->nitems == o->nitems && m->ndim == o->ndim;
    for (int d = 0; eq && d < m->ndim; d++)
        eq = mv_dim(m, d) == mv_dim(o, d);
    char f1 = mv_fmt(m), f2 = mv_fmt(o);
    for (size_t i = 0; eq && i < m->nitems; i++) {
        const unsigned char *p = mv_item(t, m, i), *q = mv_item(t, o, i);
        if (f1 == f2 && f1 != 'f' && f1 != 'd') {
            eq = memcmp(p, q, m->itemsize) == 0;
            continue;
        }
        KrValue x = mv_unpack(t, f1, p);
        if (x == KR_ERROR)
            goto fail;
        KrValue y = mv_unpack(t, f2, q);
        if (y == KR_ERROR) {
            kr_decref(t, x);
            goto fail;
        }
        int r = kr_richcompare_bool(t, x, y, KR_EQ);
        kr_decref(t, x);
        kr_decref(t, y);
        if (r < 0)
            goto fail;
        eq = r == 1;
    }
    kr_decref(t, ov);
    return kr_bool(op == KR_EQ ? eq : !eq);
fail:
    kr_decref(t, ov);
    return KR_ERROR;
}

static int64_t mv_hash(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    if (m->hash != -1)
        return m->hash;
    if (mv_check(t, m) < 0)
        return -1;
    if (!m->readonly)
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "cannot hash writable memoryview object");
    if (!mv_is_byte_format(mv_fmt(m)))
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError),
                                "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    const unsigned char *d;
    size_t n;
    bool ro, contiguous;
    if (kr_memoryview_buffer(t, self, &d, &n, &ro, &contiguous) < 0)
        return -1;
    m->hash = bytes_hash_data(d, n);
    return m->hash;
}

static int mv_contains(KrThread *t, KrValue self, KrValue item)
{
    KrMemoryView *m = mv_of(self);
    if (mv_check(t, m) < 0)
        return -1;
    for (size_t i = 0; i < m->nitems; i++) {
        KrValue x = mv_unpack(t, mv_fmt(m), mv_item(t, m, i));
        if (x == KR_ERROR)
            return -1;
        int r = kr_eq(t, x, item);
        kr_decref(t, x);
        if (r != 0)
            return r;
        if (m->released)
            return mv_released_error(t);
    }
    return 0;
}

/* ---- methods ---- */

static int mv_noargs(KrThread *t, const char *name, size_t nargs, KrValue kwnames)
{
    if (kwnames && kr_tuple_len(kwnames))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "memoryview.%s() takes no keyword arguments", name);
    if (nargs)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "memoryview.%s() takes no arguments (%zu given)", name,
                                nargs);
    return 0;
}

static KrValue mv_tobytes_value(KrThread *t, KrValue self)
{
    const unsigned char *d;
    size_t n;
    bool ro, contiguous;
    if (kr_memoryview_buffer(t, self, &d, &n, &ro, &contiguous) < 0)
        return KR_ERROR;
    return kr_bytes_new(t, d, n);
}

static KrValue mv_tobytes(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nargs + nkw > 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "tobytes() takes at most 1 argument (%zu given)", nargs + nkw);
    KrValue order = nargs ? args[0] : KR_ABSENT;
    if (nkw) {
        KrValue name = kr_tuple_items(kwnames)[0];
        if (!kr_str_equal_cstr(name, "order"))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for tobytes()", name);
        order = args[0];
    }
    if (order != KR_ABSENT && order != KR_NONE) {
        if (!kr_is_str(t, order))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "tobytes() argument 'order' must be str or None, not %s",
                                kr_typename_of(t, order));
        if (!kr_str_equal_cstr(order, "C") && !kr_str_equal_cstr(order, "F") && !kr_str_equal_cstr(order, "A"))
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "order must be 'C', 'F' or 'A'");
    }
    return mv_tobytes_value(t, self);
}

/* The nested lists of dimension d onwards, items taken from *next on. */
static KrValue mv_tolist_dim(KrThread *t, KrMemoryView *m, int d, size_t *next)
{
    size_t n = mv_dim(m, d);
    KrValue list = kr_list_new(t, n);
    if (list == KR_ERROR)
        return list;
    for (size_t i = 0; i < n; i++) {
        KrValue x;
        if (d + 1 < m->ndim)
            x = mv_tolist_dim(t, m, d + 1, next);
        else
            x = mv_unpack(t, mv_fmt(m), mv_item(t, m, (*next)++));
        if (x == KR_ERROR) {
            kr_decref(t, list);
            return KR_ERROR;
        }
        kr_as_list(list)->items[i] = x;
    }
    return list;
}

static KrValue mv_tolist(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (mv_noargs(t, "tolist", nargs, kwnames) < 0)
        return KR_ERROR;
    KrMemoryView *m = mv_of(self);
    if (mv_check(t, m) < 0)
        return KR_ERROR;
    if (m->ndim == 0)
        return mv_unpack(t, mv_fmt(m), mv_item(t, m, 0));
    size_t next = 0;
    return mv_tolist_dim(t, m, 0, &next);
}

static KrValue mv_hex(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrValue b = mv_tobytes_value(t, self);
    if (b == KR_ERROR)
        return b;
    KrValue r = bytes_hex_impl(t, kr_bytes_data(b), kr_bytes_len(b), args, nargs, kwnames);
    kr_decref(t, b);
    return r;
}

static KrValue mv_release(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (mv_noargs(t, "release", nargs, kwnames) < 0)
        return KR_ERROR;
    mv_do_release(t, mv_of(self));
    return KR_NONE;
}

static KrValue mv_enter(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (mv_noargs(t, "__enter__", nargs, kwnames) < 0 || mv_check(t, mv_of(self)) < 0)
        return KR_ERROR;
    return kr_incref(self);
}

static KrValue mv_exit(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (kwnames && kr_tuple_len(kwnames))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview.__exit__() takes no keyword arguments");
    (void)nargs;
    mv_do_release(t, mv_of(self));
    return KR_NONE;
}

static KrValue mv_toreadonly(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (mv_noargs(t, "toreadonly", nargs, kwnames) < 0)
        return KR_ERROR;
    KrMemoryView *m = mv_of(self);
    if (mv_check(t, m) < 0)
        return KR_ERROR;
    KrValue r = mv_clone(t, m);
    if (r != KR_ERROR)
        mv_of(r)->readonly = true;
    return r;
}

static KrValue mv_cast(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"format", "shape"};
    KrValue a[2] = {KR_ABSENT, KR_ABSENT};
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nargs + nkw > 2)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "cast() takes at most 2 arguments (%zu given)", nargs + nkw);
    for (size_t i = 0; i < nargs; i++)
        a[i] = args[i];
    for (size_t k = 0; k < nkw; k++) {
        KrValue name = kr_tuple_items(kwnames)[k];
        int idx = kr_str_equal_cstr(name, "format") ? 0 : kr_str_equal_cstr(name, "shape") ? 1 : -1;
        if (idx < 0)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for cast()", name);
        if ((size_t)idx < nargs)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                "argument for cast() given by name ('%s') and position (%d)", names[idx], idx + 1);
        a[idx] = args[nargs + k];
    }
    if (a[0] == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "cast() missing required argument 'format' (pos 1)");
    if (!kr_is_str(t, a[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "cast() argument 'format' must be str, not %s",
                            kr_typename_of(t, a[0]));
    KrMemoryView *m = mv_of(self);
    if (mv_check(t, m) < 0)
        return KR_ERROR;
    if (!mv_contiguous(m))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview: casts are restricted to C-contiguous views");
    size_t flen;
    const char *given = kr_str_utf8(t, a[0], &flen), *fs = given;
    if (!fs)
        return KR_ERROR;
    size_t given_len = flen;
    if (flen == 2 && fs[0] == '@')
        fs++, flen--;
    if (flen != 1 || !mv_format_size(fs[0]))
        return kr_raise_fmt(t, kr_exc_type(t, ValueError),
                            "memoryview: destination format must be a native single character format prefixed with an "
                            "optional '@'");
    char f = fs[0];
    if (!mv_is_byte_format(mv_fmt(m)) && !mv_is_byte_format(f))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview: cannot cast between two non-byte formats");
    size_t size = mv_format_size(f), nbytes = m->nitems * m->itemsize;
    if (nbytes % size)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview: length is not a multiple of itemsize");
    size_t ndim = 1, dimv[MV_MAX_NDIM];
    if (a[1] != KR_ABSENT) {
        if (!kr_is_list(t, a[1]) && !kr_is_tuple(t, a[1]))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "shape must be a list or a tuple");
        ndim = kr_is_list(t, a[1]) ? kr_as_list(a[1])->len : kr_tuple_len(a[1]);
        const KrValue *dims = kr_is_list(t, a[1]) ? kr_as_list(a[1])->items : kr_tuple_items(a[1]);
        if (m->ndim != 1 && ndim != 1)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview: cast must be 1D -> ND or ND -> 1D");
        if (ndim > MV_MAX_NDIM)
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "memoryview: number of dimensions must not exceed %d",
                                MV_MAX_NDIM);
        if (ndim == 0 && size != nbytes)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview: product(shape) * itemsize != buffer size");
        uint64_t product = 1;
        for (size_t i = 0; i < ndim; i++) {
            if (!kr_is_int(t, dims[i]))
                return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview.cast(): elements of shape must be integers");
            int64_t d;
            if (kr_as_ssize(t, dims[i], &d) < 0)
                return KR_ERROR;
            if (d <= 0)
                return kr_raise_fmt(t, kr_exc_type(t, ValueError),
                                    "memoryview.cast(): elements of shape must be integers > 0");
            if (product > (uint64_t)INT64_MAX / (uint64_t)d)
                return kr_raise_fmt(t, kr_exc_type(t, ValueError), "memoryview.cast(): product(shape) > SSIZE_MAX");
            product *= (uint64_t)d;
            dimv[i] = (size_t)d;
        }
        if (ndim > 0 && product * size != nbytes)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "memoryview: product(shape) * itemsize != buffer size");
    }
    KrValue r = mv_clone(t, m);
    if (r == KR_ERROR)
        return r;
    KrMemoryView *c = mv_of(r);
    if (mv_set_shape(t, c, (int)ndim, dimv) < 0) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    memcpy(c->format, given, given_len);
    c->format[given_len] = 0;
    c->itemsize = size;
    c->stride = (int64_t)(c->ndim > 1 ? c->inner * size : size);
    c->nitems = nbytes / size;
    return r;
}

static const KrMethodDef mv_methods[] = {
    {"tobytes", mv_tobytes, KR_METH_KEYWORDS, "Return the data in the buffer as a byte string."},
    {"tolist", mv_tolist, KR_METH_KEYWORDS, "Return the data in the buffer as a list of elements."},
    {"hex", mv_hex, KR_METH_KEYWORDS, "Return the data in the buffer as a str of hexadecimal numbers."},
    {"release", mv_release, KR_METH_KEYWORDS, "Release the underlying buffer exposed by the memoryview object."},
    {"cast", mv_cast, KR_METH_KEYWORDS, "Cast a memoryview to a new format or shape."},
    {"toreadonly", mv_toreadonly, KR_METH_KEYWORDS, "Return a readonly version of the memoryview."},
    {"__enter__", mv_enter, KR_METH_KEYWORDS, NULL},
    {"__exit__", mv_exit, KR_METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- attributes ---- */

static KrValue mv_get_obj(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    return mv_check(t, m) < 0 ? KR_ERROR : kr_incref(m->obj);
}

static KrValue mv_get_nbytes(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    return mv_check(t, m) < 0 ? KR_ERROR : kr_int_from_i64(t, (int64_t)(m->nitems * m->itemsize));
}

static KrValue mv_get_readonly(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    return mv_check(t, m) < 0 ? KR_ERROR : kr_bool(m->readonly);
}

static KrValue mv_get_itemsize(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    return mv_check(t, m) < 0 ? KR_ERROR : kr_smallint((int64_t)m->itemsize);
}

static KrValue mv_get_format(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    return mv_check(t, m) < 0 ? KR_ERROR : kr_str_from_cstr(t, m->format);
}

static KrValue mv_get_ndim(KrThread *t, KrValue self)
{
    return mv_check(t, mv_of(self)) < 0 ? KR_ERROR : kr_smallint(mv_of(self)->ndim);
}

/* shape (strides false) or strides (true) as a tuple. */
static KrValue mv_dims_tuple(KrThread *t, KrMemoryView *m, bool strides)
{
    KrValue r = kr_tuple_new(t, (size_t)m->ndim);
    if (r == KR_ERROR)
        return r;
    int64_t stride = (int64_t)m->itemsize;
    for (int d = m->ndim - 1; d >= 0; d--) {
        KrValue v = kr_int_from_i64(t, strides ? (d == 0 ? m->stride : stride) : (int64_t)mv_dim(m, d));
        if (v == KR_ERROR) {
            kr_decref(t, r);
            return v;
        }
        kr_tuple_items(r)[d] = v;
        stride *= (int64_t)mv_dim(m, d);
    }
    return r;
}

static KrValue mv_get_shape(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    if (mv_check(t, m) < 0)
        return KR_ERROR;
    return mv_dims_tuple(t, m, false);
}

static KrValue mv_get_strides(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    if (mv_check(t, m) < 0)
        return KR_ERROR;
    return mv_dims_tuple(t, m, true);
}

static KrValue mv_get_suboffsets(KrThread *t, KrValue self)
{
    return mv_check(t, mv_of(self)) < 0 ? KR_ERROR : kr_tuple_new(t, 0);
}

static KrValue mv_get_contiguous(KrThread *t, KrValue self)
{
    KrMemoryView *m = mv_of(self);
    return mv_check(t, m) < 0 ? KR_ERROR : kr_bool(mv_contiguous(m));
}

static const KrGetSetDef mv_getsets[] = {
    {"obj", mv_get_obj, NULL, "The underlying object of the memoryview."},
    {"nbytes", mv_get_nbytes, NULL, "The amount of space in bytes that the array would use in a contiguous representation."},
    {"readonly", mv_get_readonly, NULL, "A bool indicating whether the memory is read only."},
    {"itemsize", mv_get_itemsize, NULL, "The size in bytes of each element of the memoryview."},
    {"format", mv_get_format, NULL, "A string containing the format (in struct module style) for each element in the view."},
    {"ndim", mv_get_ndim, NULL, "An integer indicating how many dimensions of a multi-dimensional array the memory represents."},
    {"shape", mv_get_shape, NULL, "A tuple of ndim integers giving the shape of the memory as an N-dimensional array."},
    {"strides", mv_get_strides, NULL, "A tuple of ndim integers giving the size in bytes to access each element for each dimension of the array."},
    {"suboffsets", mv_get_suboffsets, NULL, "A tuple of integers used internally for PIL-style arrays."},
    {"c_contiguous", mv_get_contiguous, NULL, "A bool indicating whether the memory is C contiguous."},
    {"f_contiguous", mv_get_contiguous, NULL, "A bool indicating whether the memory is Fortran contiguous."},
    {"contiguous", mv_get_contiguous, NULL, "A bool indicating whether the memory is contiguous."},
    {NULL, NULL, NULL, NULL},
};

static void mv_fill(KrType *tp)
{
    tp->dealloc = mv_dealloc;
    tp->traverse = mv_traverse;
    tp->new_ = mv_new;
    tp->repr = mv_repr;
    tp->hash = mv_hash;
    tp->compare = mv_compare;
    tp->len = mv_len;
    tp->getitem = mv_getitem;
    tp->setitem = mv_setitem;
    tp->contains = mv_contains;
}

const KrTypeSpec kr_memoryview_spec = {
    .name = "memoryview",
    .basicsize = sizeof(KrMemoryView),
    .flags = KR_TPFLAG_GC,
    .methods = mv_methods,
    .getsets = mv_getsets,
    .fill = mv_fill,
    .doc = "Create a new memoryview object which references the given object.",
};
