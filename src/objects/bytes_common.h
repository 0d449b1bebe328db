/* What bytes.c, bytes_methods.c, bytes_format.c, bytearray.c and
 * memoryview.c share: a growable byte buffer, the argument conversions every
 * bytes method uses, and the method table common to bytes and bytearray.
 * Internal to these files; the rest of Krait uses objects.h. */
#ifndef KRAIT_BYTES_COMMON_H
#define KRAIT_BYTES_COMMON_H

#include <stdlib.h>

#include "objects/objects.h"

/* ---- a growable byte buffer ---- */

typedef struct BytesBuf {
    unsigned char *data;    /* malloc'd, NULL while empty */
    size_t len, cap;
} BytesBuf;

static inline void bbuf_init(BytesBuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}
void bbuf_free(BytesBuf *b);
/* Room for n more bytes; -1 with MemoryError set. */
int bbuf_reserve(KrThread *t, BytesBuf *b, size_t n);
int bbuf_append(KrThread *t, BytesBuf *b, const void *data, size_t n);
int bbuf_append_byte(KrThread *t, BytesBuf *b, unsigned char c);
int bbuf_append_repeat(KrThread *t, BytesBuf *b, unsigned char c, size_t n);
/* The buffer as exact bytes (as_bytearray false) or bytearray; frees it. */
KrValue bbuf_finish(KrThread *t, BytesBuf *b, bool as_bytearray);

/* ---- values ---- */

static inline bool bytes_is_bytes(KrThread *t, KrValue v)
{
    (void)t;
    return kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_BYTES_SUBCLASS);
}
static inline bool bytes_is_bytearray(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_type_check(t, v, kr_builtin_type(t, BYTEARRAY));
}
static inline bool bytes_is_memoryview(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_type_check(t, v, kr_builtin_type(t, MEMORYVIEW));
}
static inline KrByteArray *kr_as_bytearray(KrValue v) { return (KrByteArray *)kr_as_ptr(v); }

/* The bytes of a bytes or bytearray `self` (the receiver of a shared
 * method).  For a bytearray the pointer is valid only until Python code
 * runs, so take it after converting the arguments. */
static inline void bytes_self_data(KrThread *t, KrValue self, const unsigned char **data, size_t *len)
{
    if (bytes_is_bytes(t, self)) {
        *data = kr_bytes_data(self);
        *len = kr_bytes_len(self);
    } else {
        KrByteArray *ba = kr_as_bytearray(self);
        *data = ba->data ? ba->data : (const unsigned char *)"";
        *len = ba->len;
    }
}

/* A result of a shared method: bytes for a bytes receiver, bytearray for a
 * bytearray one (exact types both, as CPython's methods return). */
KrValue bytes_result(KrThread *t, KrValue self, const void *data, size_t len);

/* A byte argument: an int in range(256) via __index__ ("byte must be in
 * range(0, 256)"); 0 or -1. */
int bytes_byte_arg(KrThread *t, KrValue v, unsigned char *out);
/* bytes(x) for any object: the rules of bytes() with one argument, as
 * the type `as` (bytes or bytearray, for the message "cannot convert 'X'
 * object to bytearray").  Appends to *out. */
int bytes_from_object(KrThread *t, KrValue v, BytesBuf *out, const char *as);

/* The buffer of a bytes-like argument, copied when it belongs to a mutable
 * object so that Python code run later cannot move it.  A held view is
 * released with bytes_arg_release. */
typedef struct BytesArg {
    const unsigned char *data;
    size_t len;
    unsigned char *owned;   /* malloc'd copy, or NULL */
} BytesArg;
/* -1 with "a bytes-like object is required, not 'X'". */
int bytes_arg_get(KrThread *t, KrValue v, BytesArg *out);
static inline void bytes_arg_release(BytesArg *a)
{
    free(a->owned);
    a->owned = NULL;
}

/* The bytes repr of data: b'...' with CPython's quote choice. */
int bytes_repr_append(KrThread *t, KrStrBuilder *b, const unsigned char *data, size_t len);

/* Hash of a byte string, the same as the str of the same Latin-1
 * characters hashes to (hash(b'') == 0). */
int64_t bytes_hash_data(const unsigned char *data, size_t len);

/* Rich comparison of two byte strings. */
KrValue bytes_compare_data(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen,
                           KrCompareOp op);

/* bytes % args / bytearray % args. */
KrValue bytes_percent_format(KrThread *t, const unsigned char *fmt, size_t n, KrValue args,
                             bool as_bytearray);

/* The getitem slot shared shape: data[key] for bytes-like data with
 * `tname` for the messages ("byte" / "bytearray"). */
KrValue bytes_subscript(KrThread *t, KrValue self, const unsigned char *data, size_t len, KrValue key,
                        const char *what);

/* The methods common to bytes and bytearray (bytes_methods.c):
 * X(name, function, flags, doc).  Every one takes KR_METH_KEYWORDS and
 * checks its own arguments, to give CPython's exact messages. */
#define BYTES_SHARED_METHODS(X) \
    X("capitalize", bm_capitalize, KR_METH_KEYWORDS, NULL) \
    X("center", bm_center, KR_METH_KEYWORDS, NULL) \
    X("count", bm_count, KR_METH_KEYWORDS, NULL) \
    X("decode", bm_decode, KR_METH_KEYWORDS, NULL) \
    X("endswith", bm_endswith, KR_METH_KEYWORDS, NULL) \
    X("expandtabs", bm_expandtabs, KR_METH_KEYWORDS, NULL) \
    X("find", bm_find, KR_METH_KEYWORDS, NULL) \
    X("fromhex", bm_fromhex, KR_METH_KEYWORDS | KR_METH_CLASS, NULL) \
    X("hex", bm_hex, KR_METH_KEYWORDS, NULL) \
    X("index", bm_index, KR_METH_KEYWORDS, NULL) \
    X("isalnum", bm_isalnum, KR_METH_KEYWORDS, NULL) \
    X("isalpha", bm_isalpha, KR_METH_KEYWORDS, NULL) \
    X("isascii", bm_isascii, KR_METH_KEYWORDS, NULL) \
    X("isdigit", bm_isdigit, KR_METH_KEYWORDS, NULL) \
    X("islower", bm_islower, KR_METH_KEYWORDS, NULL) \
    X("isspace", bm_isspace, KR_METH_KEYWORDS, NULL) \
    X("istitle", bm_istitle, KR_METH_KEYWORDS, NULL) \
    X("isupper", bm_isupper, KR_METH_KEYWORDS, NULL) \
    X("join", bm_join, KR_METH_KEYWORDS, NULL) \
    X("ljust", bm_ljust, KR_METH_KEYWORDS, NULL) \
    X("lower", bm_lower, KR_METH_KEYWORDS, NULL) \
    X("lstrip", bm_lstrip, KR_METH_KEYWORDS, NULL) \
    X("partition", bm_partition, KR_METH_KEYWORDS, NULL) \
    X("removeprefix", bm_removeprefix, KR_METH_KEYWORDS, NULL) \
    X("removesuffix", bm_removesuffix, KR_METH_KEYWORDS, NULL) \
    X("replace", bm_replace, KR_METH_KEYWORDS, NULL) \
    X("rfind", bm_rfind, KR_METH_KEYWORDS, NULL) \
    X("rindex", bm_rindex, KR_METH_KEYWORDS, NULL) \
    X("rjust", bm_rjust, KR_METH_KEYWORDS, NULL) \
    X("rpartition", bm_rpartition, KR_METH_KEYWORDS, NULL) \
    X("rsplit", bm_rsplit, KR_METH_KEYWORDS, NULL) \
    X("rstrip", bm_rstrip, KR_METH_KEYWORDS, NULL) \
    X("split", bm_split, KR_METH_KEYWORDS, NULL) \
    X("splitlines", bm_splitlines, KR_METH_KEYWORDS, NULL) \
    X("startswith", bm_startswith, KR_METH_KEYWORDS, NULL) \
    X("strip", bm_strip, KR_METH_KEYWORDS, NULL) \
    X("swapcase", bm_swapcase, KR_METH_KEYWORDS, NULL) \
    X("title", bm_title, KR_METH_KEYWORDS, NULL) \
    X("translate", bm_translate, KR_METH_KEYWORDS, NULL) \
    X("upper", bm_upper, KR_METH_KEYWORDS, NULL) \
    X("zfill", bm_zfill, KR_METH_KEYWORDS, NULL)

#define BYTES_SHARED_DECL(name, fn, flags, doc) \
    KrValue fn(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames);
BYTES_SHARED_METHODS(BYTES_SHARED_DECL)
#undef BYTES_SHARED_DECL

/* hex(sep, bytes_per_sep) of any data, with the argument checks. */
KrValue bytes_hex_impl(KrThread *t, const unsigned char *d, size_t n, const KrValue *args, size_t nargs,
                       KrValue kwnames);

/* bytes.maketrans / bytearray.maketrans (static: `tname` names the type). */
KrValue bm_maketrans_impl(KrThread *t, const char *tname, const KrValue *args, size_t nargs, KrValue kwnames);
/* `in` for bytes-like containers: an int or a bytes-like needle. */
int bytes_contains_data(KrThread *t, const unsigned char *data, size_t len, KrValue item);

/* Shared slots and pieces (bytes.c). */
KrValue kr_bytearray_repr_data(KrThread *t, KrValue self, const unsigned char *data, size_t len);
/* self * n for bytes or bytearray self. */
KrValue bytes_repeat(KrThread *t, KrValue self, KrValue n);
KrValue bytes_mul_slot(KrThread *t, KrValue a, KrValue b);
/* bytes_iterator and bytearray_iterator. */
typedef struct BytesIter {
    KrObject ob;
    KrValue seq;        /* bytes or bytearray; KR_ABSENT when exhausted */
    size_t index;
} BytesIter;
KrValue bytes_iter_new(KrThread *t, KrValue seq, KrType *type);
extern const KrMethodDef kr_bytes_iter_methods[];
void bytes_iter_fill(KrType *tp);

/* memoryview.c: the bytes a view shows (contiguous false for a strided
 * view, whose data then is the first item). */
int kr_memoryview_buffer(KrThread *t, KrValue mv, const unsigned char **data, size_t *len, bool *readonly,
                         bool *contiguous);

#endif
