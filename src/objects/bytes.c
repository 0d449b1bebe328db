/* bytes: the immutable byte string, and what bytes, bytearray and
 * memoryview share (buffers, arguments, repr, hash, subscripts, codecs).
 * The methods common to bytes and bytearray are in bytes_methods.c,
 * %-formatting in bytes_format.c.
 *
 * A bytes object holds its data inline after the header, NUL-terminated
 * (so C code may treat it as a string), with its hash cached. */
#include <stdlib.h>
#include <string.h>

#include "core/codecs.h"
#include "objects/bytes_common.h"
#include "objects/seq.h"

/* ---- BytesBuf ---- */

void bbuf_free(BytesBuf *b)
{
    free(b->data);
    bbuf_init(b);
}

int bbuf_reserve(KrThread *t, BytesBuf *b, size_t n)
{
    if (n <= b->cap - b->len)
        return 0;
    if (n > SIZE_MAX / 2 - b->len) {
        kr_no_memory(t);
        return -1;
    }
    size_t cap = b->cap ? b->cap : 16;
    while (cap - b->len < n)
        cap *= 2;
    unsigned char *p = realloc(b->data, cap);
    if (!p) {
        kr_no_memory(t);
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int bbuf_append(KrThread *t, BytesBuf *b, const void *data, size_t n)
{
    if (n == 0)
        return 0;
    if (bbuf_reserve(t, b, n) < 0)
        return -1;
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return 0;
}

int bbuf_append_byte(KrThread *t, BytesBuf *b, unsigned char c)
{
    if (b->len == b->cap && bbuf_reserve(t, b, 1) < 0)
        return -1;
    b->data[b->len++] = c;
    return 0;
}

int bbuf_append_repeat(KrThread *t, BytesBuf *b, unsigned char c, size_t n)
{
    if (n == 0)
        return 0;
    if (bbuf_reserve(t, b, n) < 0)
        return -1;
    memset(b->data + b->len, c, n);
    b->len += n;
    return 0;
}

KrValue bbuf_finish(KrThread *t, BytesBuf *b, bool as_bytearray)
{
    KrValue r = as_bytearray ? kr_bytearray_new(t, b->data, b->len) : kr_bytes_new(t, b->data, b->len);
    bbuf_free(b);
    return r;
}

/* ---- construction ---- */

/* The bytes' own part of an instance: header, data and NUL, rounded so
 * that a subclass's extras after it are aligned. */
static size_t bytes_own_size(size_t len)
{
    return (sizeof(KrBytes) + len + 1 + 7) & ~(size_t)7;
}

static size_t bytes_varsize(KrObject *o)
{
    return bytes_own_size(((KrBytes *)o)->len);
}

/* An instance of `type` (bytes or a subclass) with room for len bytes;
 * a subclass's extras (__dict__, __slots__) follow the data. */
static KrValue bytes_alloc(KrThread *t, KrType *type, size_t len)
{
    if (len > (size_t)INT64_MAX - type->basicsize - 16)
        return kr_no_memory(t);
    size_t extras = type->basicsize - sizeof(KrBytes);
    KrBytes *b = (KrBytes *)kr_alloc(t, type, bytes_own_size(len) + extras);
    if (!b)
        return KR_ERROR;
    b->hash = -1;
    b->len = len;
    return kr_ptr(b);
}

KrValue kr_bytes_new(KrThread *t, const void *data, size_t len)
{
    KrValue r = bytes_alloc(t, kr_builtin_type(t, BYTES), len);
    if (r == KR_ERROR)
        return r;
    unsigned char *p = kr_bytes_data(r);
    if (data && len)
        memcpy(p, data, len);
    else
        memset(p, 0, len);
    p[len] = 0;
    return r;
}

KrValue bytes_result(KrThread *t, KrValue self, const void *data, size_t len)
{
    if (bytes_is_bytes(t, self))
        return kr_bytes_new(t, data, len);
    return kr_bytearray_new(t, data, len);
}

/* ---- the buffer protocol (bytes, bytearray, memoryview) ---- */

int kr_memoryview_buffer(KrThread *t, KrValue mv, const unsigned char **data, size_t *len, bool *readonly,
                         bool *contiguous);

int kr_get_buffer(KrThread *t, KrValue obj, const unsigned char **data, size_t *len, bool *readonly)
{
    if (bytes_is_bytes(t, obj)) {
        *data = kr_bytes_data(obj);
        *len = kr_bytes_len(obj);
        if (readonly)
            *readonly = true;
        return 0;
    }
    if (bytes_is_bytearray(t, obj)) {
        KrByteArray *ba = kr_as_bytearray(obj);
        *data = ba->data ? ba->data : (const unsigned char *)"";
        *len = ba->len;
        if (readonly)
            *readonly = false;
        return 0;
    }
    if (bytes_is_memoryview(t, obj)) {
        bool ro, contiguous;
        if (kr_memoryview_buffer(t, obj, data, len, &ro, &contiguous) < 0)
            return -1;
        if (!contiguous)
            return kr_raise_fmt_int(t, kr_exc_type(t, BufferError), "memoryview: underlying buffer is not C-contiguous");
        if (readonly)
            *readonly = ro;
        return 0;
    }
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "a bytes-like object is required, not '%s'",
                            kr_typename_of(t, obj));
}

int bytes_arg_get(KrThread *t, KrValue v, BytesArg *out)
{
    bool readonly;
    out->owned = NULL;
    if (kr_get_buffer(t, v, &out->data, &out->len, &readonly) < 0)
        return -1;
    if (!readonly && out->len) {
        out->owned = malloc(out->len);
        if (!out->owned) {
            kr_no_memory(t);
            return -1;
        }
        memcpy(out->owned, out->data, out->len);
        out->data = out->owned;
    }
    return 0;
}

int bytes_byte_arg(KrThread *t, KrValue v, unsigned char *out)
{
    int64_t i;
    if (kr_is_smallint(v)) {
        i = kr_as_smallint(v);
    } else {
        KrValue n = kr_index(t, v);
        if (n == KR_ERROR)
            return -1;
        int st = kr_int_as_i64(t, n, &i);
        kr_decref(t, n);
        if (st < 0) {
            if (!kr_err_matches(t, kr_exc_type(t, OverflowError)))
                return -1;
            kr_err_clear(t);
            i = -1;
        }
    }
    if (i < 0 || i > 255)
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "byte must be in range(0, 256)");
    *out = (unsigned char)i;
    return 0;
}

/* ---- bytes(x) ---- */

/* Appends the ints of an iterable; `range_msg` for an int out of range.
 * A non-iterable gets "cannot convert 'X' object to <as>". */
static int bytes_from_iterable(KrThread *t, KrValue v, BytesBuf *out, const char *as, const char *range_msg)
{
    KrValue it = kr_iter(t, v);
    if (it == KR_ERROR) {
        if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
            kr_err_clear(t);
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "cannot convert '%s' object to %s", kr_typename_of(t, v), as);
        }
        return -1;
    }
    for (;;) {
        KrValue item = kr_next(t, it);
        if (item == KR_ABSENT)
            break;
        if (item == KR_ERROR)
            goto fail;
        unsigned char c;
        int st = bytes_byte_arg(t, item, &c);
        kr_decref(t, item);
        if (st < 0) {
            if (kr_err_matches(t, kr_exc_type(t, ValueError))) {
                kr_err_clear(t);
                kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s", range_msg);
            }
            goto fail;
        }
        if (bbuf_append_byte(t, out, c) < 0)
            goto fail;
    }
    kr_decref(t, it);
    return 0;
fail:
    kr_decref(t, it);
    return -1;
}

int bytes_from_object(KrThread *t, KrValue v, BytesBuf *out, const char *as)
{
    bool is_bytes = strcmp(as, "bytes") == 0;
    const unsigned char *d;
    size_t n;
    if (bytes_is_bytes(t, v) || bytes_is_bytearray(t, v) || bytes_is_memoryview(t, v)) {
        if (kr_get_buffer(t, v, &d, &n, NULL) < 0)
            return -1;
        return bbuf_append(t, out, d, n);
    }
    if (kr_is_str(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "string argument without an encoding");
    KrType *tp = kr_type(t, v);
    if (tp->index || kr_is_int(t, v)) {
        int64_t count;
        if (kr_as_ssize(t, v, &count) < 0) {
            if (kr_err_matches(t, kr_exc_type(t, OverflowError))) {
                kr_err_clear(t);
                kr_raise_fmt(t, kr_exc_type(t, OverflowError), "cannot fit '%s' into an index-sized integer",
                             kr_typename_of(t, v));
            }
            return -1;
        }
        if (count < 0)
            return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "negative count");
        return bbuf_append_repeat(t, out, 0, (size_t)count);
    }
    return bytes_from_iterable(t, v, out, as,
                               is_bytes ? "bytes must be in range(0, 256)" : "byte must be in range(0, 256)");
}

KrValue kr_bytes_from_object(KrThread *t, KrValue v)
{
    if (kr_is_ptr(v) && kr_as_ptr(v)->type == kr_builtin_type(t, BYTES))
        return kr_incref(v);
    KrValue r = kr_call_special(t, v, kr_name(t, dunder_bytes), NULL, 0);
    if (r == KR_ERROR)
        return KR_ERROR;
    if (r != KR_ABSENT) {
        if (!bytes_is_bytes(t, r)) {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "__bytes__ returned non-bytes (type %s)", kr_typename_of(t, r));
            kr_decref(t, r);
            return KR_ERROR;
        }
        return r;
    }
    /* PyBytes_FromObject takes neither str nor an int count. */
    if (kr_is_str(t, v) || kr_is_int(t, v))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "cannot convert '%s' object to bytes", kr_typename_of(t, v));
    BytesBuf b;
    bbuf_init(&b);
    if (bytes_from_object(t, v, &b, "bytes") < 0) {
        bbuf_free(&b);
        return KR_ERROR;
    }
    return bbuf_finish(t, &b, false);
}

/* ---- codecs ---- */

typedef enum { ENC_UTF8, ENC_ASCII, ENC_LATIN1, ENC_UTF16, ENC_UTF16LE, ENC_UTF16BE, ENC_UTF32,
               ENC_UTF32LE, ENC_UTF32BE, ENC_UNKNOWN } BytesEncoding;

static const struct {
    const char *name;       /* normalised: lower case, '_' for ' ' and '-' */
    BytesEncoding enc;
} bytes_encodings[] = {
    {"utf_8", ENC_UTF8}, {"utf8", ENC_UTF8}, {"u8", ENC_UTF8}, {"utf", ENC_UTF8}, {"cp65001", ENC_UTF8},
    {"utf8_ucs2", ENC_UTF8}, {"utf8_ucs4", ENC_UTF8},
    {"ascii", ENC_ASCII}, {"us_ascii", ENC_ASCII}, {"646", ENC_ASCII}, {"us", ENC_ASCII},
    {"ansi_x3.4_1968", ENC_ASCII}, {"ansi_x3_4_1968", ENC_ASCII}, {"ansi_x3.4_1986", ENC_ASCII},
    {"cp367", ENC_ASCII}, {"csascii", ENC_ASCII}, {"ibm367", ENC_ASCII}, {"iso646_us", ENC_ASCII},
    {"iso_646.irv_1991", ENC_ASCII}, {"iso_ir_6", ENC_ASCII},
    {"latin_1", ENC_LATIN1}, {"latin1", ENC_LATIN1}, {"latin", ENC_LATIN1}, {"l1", ENC_LATIN1},
    {"iso_8859_1", ENC_LATIN1}, {"iso8859_1", ENC_LATIN1}, {"8859", ENC_LATIN1}, {"cp819", ENC_LATIN1},
    {"iso_8859_1_1987", ENC_LATIN1}, {"iso_ir_100", ENC_LATIN1}, {"ibm819", ENC_LATIN1},
    {"csisolatin1", ENC_LATIN1},
    {"utf_16", ENC_UTF16}, {"utf16", ENC_UTF16}, {"u16", ENC_UTF16},
    {"utf_16_le", ENC_UTF16LE}, {"utf_16le", ENC_UTF16LE}, {"utf_16_be", ENC_UTF16BE}, {"utf_16be", ENC_UTF16BE},
    {"utf_32", ENC_UTF32}, {"utf32", ENC_UTF32}, {"u32", ENC_UTF32},
    {"utf_32_le", ENC_UTF32LE}, {"utf_32le", ENC_UTF32LE}, {"utf_32_be", ENC_UTF32BE}, {"utf_32be", ENC_UTF32BE},
};

/* The codec's name as CPython writes it in UnicodeError messages. */
static const char *bytes_encoding_name(BytesEncoding e)
{
    switch (e) {
    case ENC_UTF8: return "utf-8";
    case ENC_ASCII: return "ascii";
    case ENC_LATIN1: return "latin-1";
    case ENC_UTF16: return "utf-16";
    case ENC_UTF16LE: return "utf-16-le";
    case ENC_UTF16BE: return "utf-16-be";
    case ENC_UTF32: return "utf-32";
    case ENC_UTF32LE: return "utf-32-le";
    case ENC_UTF32BE: return "utf-32-be";
    default: return "?";
    }
}

/* Looks up an encoding name (a str) as the codec registry's normalisation
 * does; raises LookupError "unknown encoding: X" for others. */
static int bytes_lookup_encoding(KrThread *t, KrValue name, BytesEncoding *out)
{
    size_t n;
    const char *s = kr_str_utf8(t, name, &n);
    if (!s)
        return -1;
    char norm[64];
    if (n < sizeof norm) {
        size_t j = 0;
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            else if (c == ' ' || c == '-')
                c = '_';
            norm[j++] = c;
        }
        norm[j] = 0;
        for (size_t i = 0; i < sizeof bytes_encodings / sizeof bytes_encodings[0]; i++) {
            if (strcmp(norm, bytes_encodings[i].name) == 0) {
                *out = bytes_encodings[i].enc;
                return 0;
            }
        }
    }
    return kr_raise_fmt_int(t, kr_exc_type(t, LookupError), "unknown encoding: %U", name);
}

/* A handler name that is not built in: the error is raised only if the
 * codec meets bad input, as CPython looks handlers up lazily. */
typedef struct {
    KrThread *t;
    KrValue name;
} BytesUnknownHandler;

static CodecStatus bytes_unknown_handler(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)err;
    (void)rep;
    BytesUnknownHandler *u = ctx;
    kr_raise_fmt(u->t, kr_exc_type(u->t, LookupError), "unknown error handler name '%U'", u->name);
    return CODEC_HANDLER_FAILED;
}

static int bytes_handler(KrThread *t, KrValue errors, BytesUnknownHandler *u, CodecHandler *h)
{
    const char *name = "strict";
    if (errors != KR_ABSENT) {
        name = kr_str_utf8(t, errors, NULL);
        if (!name)
            return -1;
    }
    if (!codec_builtin_handler(name, h)) {
        u->t = t;
        u->name = errors;
        h->fn = bytes_unknown_handler;
        h->ctx = u;
    }
    return 0;
}

/* Raises the UnicodeDecodeError / UnicodeEncodeError a codec described;
 * `object` is the bytes (decoding) or the str (encoding). */
static void bytes_raise_codec_error(KrThread *t, const CodecResult *res, CodecStatus st, KrValue object)
{
    if (st == CODEC_NOMEM) {
        kr_no_memory(t);
        return;
    }
    if (st == CODEC_HANDLER_FAILED)
        return;
    if (st == CODEC_EXCEPTION) {
        KrType *tp = res->exc_kind == CODEC_EXC_TYPE_ERROR    ? kr_exc_type(t, TypeError)
                     : res->exc_kind == CODEC_EXC_INDEX_ERROR ? kr_exc_type(t, IndexError)
                                                              : kr_exc_type(t, ValueError);
        kr_raise_fmt(t, tp, "%s", res->message);
        return;
    }
    const CodecError *e = &res->error;
    KrValue enc = kr_str_from_cstr(t, e->encoding);
    KrValue why = kr_str_from_cstr(t, e->reason);
    if (enc == KR_ERROR || why == KR_ERROR) {
        kr_xdecref(t, enc);
        kr_xdecref(t, why);
        return;
    }
    KrValue args = kr_tuple_pack(t, 5, enc, object, kr_smallint((int64_t)e->start), kr_smallint((int64_t)e->end), why);
    kr_decref(t, enc);
    kr_decref(t, why);
    if (args == KR_ERROR)
        return;
    kr_raise_args(t, e->encode ? kr_exc_type(t, UnicodeEncodeError) : kr_exc_type(t, UnicodeDecodeError), args);
    kr_decref(t, args);
}

KrValue kr_bytes_decode(KrThread *t, KrValue obj, const unsigned char *data, size_t len, KrValue encoding,
                        KrValue errors)
{
    BytesEncoding enc = ENC_UTF8;
    if (encoding != KR_ABSENT && bytes_lookup_encoding(t, encoding, &enc) < 0)
        return KR_ERROR;
    /* The common case needs no code point buffer. */
    if (enc == ENC_UTF8 || enc == ENC_ASCII) {
        if (codec_ascii_prefix(data, len) == len)
            return kr_str_from_utf8(t, (const char *)data, len);
    }
    BytesUnknownHandler u;
    CodecHandler h;
    if (bytes_handler(t, errors, &u, &h) < 0)
        return KR_ERROR;
    CodecStr out = {0};
    CodecResult res;
    memset(&res, 0, sizeof res);
    CodecStatus st;
    int order;
    switch (enc) {
    case ENC_UTF8: st = codec_utf8_decode(data, len, h, true, &out, &res); break;
    case ENC_ASCII: st = codec_ascii_decode(data, len, h, &out, &res); break;
    case ENC_LATIN1: st = codec_latin1_decode(data, len, h, &out, &res); break;
    case ENC_UTF16: order = 0; st = codec_utf16_decode(data, len, h, &order, true, &out, &res); break;
    case ENC_UTF16LE: order = -1; st = codec_utf16_decode(data, len, h, &order, true, &out, &res); break;
    case ENC_UTF16BE: order = 1; st = codec_utf16_decode(data, len, h, &order, true, &out, &res); break;
    case ENC_UTF32: order = 0; st = codec_utf32_decode(data, len, h, &order, true, &out, &res); break;
    case ENC_UTF32LE: order = -1; st = codec_utf32_decode(data, len, h, &order, true, &out, &res); break;
    default: order = 1; st = codec_utf32_decode(data, len, h, &order, true, &out, &res); break;
    }
    if (st != CODEC_OK) {
        codec_str_free(&out);
        if (st == CODEC_RAISE) {
            /* The exception's object is always a bytes. */
            KrValue b = bytes_is_bytes(t, obj) && kr_as_ptr(obj)->type == kr_builtin_type(t, BYTES)
                            ? kr_incref(obj)
                            : kr_bytes_new(t, data, len);
            if (b == KR_ERROR)
                return KR_ERROR;
            bytes_raise_codec_error(t, &res, st, b);
            kr_decref(t, b);
        } else {
            bytes_raise_codec_error(t, &res, st, KR_NONE);
        }
        return KR_ERROR;
    }
    KrValue r = kr_str_from_ucs(t, out.data, out.len, 4);
    codec_str_free(&out);
    return r;
}

KrValue kr_bytes_from_str(KrThread *t, KrValue s, KrValue encoding, KrValue errors)
{
    BytesEncoding enc = ENC_UTF8;
    if (encoding != KR_ABSENT && bytes_lookup_encoding(t, encoding, &enc) < 0)
        return KR_ERROR;
    KrStr *str = kr_as_str(s);
    if (str->ascii && (enc == ENC_UTF8 || enc == ENC_ASCII || enc == ENC_LATIN1))
        return kr_bytes_new(t, kr_str_data(str), str->len);
    BytesUnknownHandler u;
    CodecHandler h;
    if (bytes_handler(t, errors, &u, &h) < 0)
        return KR_ERROR;
    uint32_t *cps = malloc((str->len ? str->len : 1) * sizeof *cps);
    if (!cps)
        return kr_no_memory(t);
    for (size_t i = 0; i < str->len; i++)
        cps[i] = kr_str_char(str, i);
    CodecBytes out = {0};
    CodecResult res;
    memset(&res, 0, sizeof res);
    CodecStatus st;
    switch (enc) {
    case ENC_UTF8: st = codec_utf8_encode(cps, str->len, h, &out, &res); break;
    case ENC_ASCII: st = codec_ascii_encode(cps, str->len, h, &out, &res); break;
    case ENC_LATIN1: st = codec_latin1_encode(cps, str->len, h, &out, &res); break;
    case ENC_UTF16: st = codec_utf16_encode(cps, str->len, h, 0, &out, &res); break;
    case ENC_UTF16LE: st = codec_utf16_encode(cps, str->len, h, -1, &out, &res); break;
    case ENC_UTF16BE: st = codec_utf16_encode(cps, str->len, h, 1, &out, &res); break;
    case ENC_UTF32: st = codec_utf32_encode(cps, str->len, h, 0, &out, &res); break;
    case ENC_UTF32LE: st = codec_utf32_encode(cps, str->len, h, -1, &out, &res); break;
    default: st = codec_utf32_encode(cps, str->len, h, 1, &out, &res); break;
    }
    free(cps);
    if (st != CODEC_OK) {
        codec_bytes_free(&out);
        bytes_raise_codec_error(t, &res, st, s);
        return KR_ERROR;
    }
    KrValue r = kr_bytes_new(t, out.data, out.len);
    codec_bytes_free(&out);
    (void)bytes_encoding_name;
    return r;
}

/* ---- repr ---- */

static int bytes_repr_body(KrThread *t, KrStrBuilder *b, const unsigned char *data, size_t len, bool bytearray)
{
    bool has_single = memchr(data, '\'', len) != NULL, has_double = memchr(data, '"', len) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    char buf[8];
    if (kr_sb_append_ascii(t, b, "b", 1) < 0 || kr_sb_append_ascii(t, b, &quote, 1) < 0)
        return -1;
    size_t run = 0;   /* printable bytes not yet appended, ending at i */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = data[i];
        const char *esc = NULL;
        size_t n = 2;
        /* bytearray's repr escapes ' whatever the quote (as CPython does). */
        if (c == (unsigned char)quote || c == '\\' || (bytearray && c == '\'')) {
            buf[0] = '\\', buf[1] = (char)c;
            esc = buf;
        } else if (c == '\t') {
            esc = "\\t";
        } else if (c == '\n') {
            esc = "\\n";
        } else if (c == '\r') {
            esc = "\\r";
        } else if (c < 0x20 || c >= 0x7F) {
            static const char hex[] = "0123456789abcdef";
            buf[0] = '\\', buf[1] = 'x', buf[2] = hex[c >> 4], buf[3] = hex[c & 15];
            esc = buf;
            n = 4;
        }
        if (!esc) {
            run++;
            continue;
        }
        if (run && kr_sb_append_ascii(t, b, (const char *)data + i - run, run) < 0)
            return -1;
        run = 0;
        if (kr_sb_append_ascii(t, b, esc, n) < 0)
            return -1;
    }
    if (run && kr_sb_append_ascii(t, b, (const char *)data + len - run, run) < 0)
        return -1;
    return kr_sb_append_ascii(t, b, &quote, 1);
}

int bytes_repr_append(KrThread *t, KrStrBuilder *b, const unsigned char *data, size_t len)
{
    return bytes_repr_body(t, b, data, len, false);
}

/* bytearray(b'...') and subclasses' Name(b'...'). */
KrValue kr_bytearray_repr_data(KrThread *t, KrValue self, const unsigned char *data, size_t len)
{
    KrStrBuilder b;
    kr_sb_init(&b);
    const char *name = kr_type_name(kr_type(t, self));
    if (kr_sb_append_utf8(t, &b, name, strlen(name)) < 0 || kr_sb_append_ascii(t, &b, "(", 1) < 0 ||
        bytes_repr_body(t, &b, data, len, true) < 0 || kr_sb_append_ascii(t, &b, ")", 1) < 0) {
        kr_sb_discard(&b);
        return KR_ERROR;
    }
    return kr_sb_finish(t, &b);
}

static KrValue bytes_repr(KrThread *t, KrValue self)
{
    KrStrBuilder b;
    kr_sb_init(&b);
    if (bytes_repr_append(t, &b, kr_bytes_data(self), kr_bytes_len(self)) < 0) {
        kr_sb_discard(&b);
        return KR_ERROR;
    }
    return kr_sb_finish(t, &b);
}

/* ---- hash and comparison ---- */

/* The same function str.c uses over the code units of a width-1 str, so
 * hash(b'abc') == hash('abc') as in CPython. */
int64_t bytes_hash_data(const unsigned char *p, size_t n)
{
    if (n == 0)
        return 0;
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    int64_t r = (int64_t)h;
    return r == -1 ? -2 : r;
}

static int64_t bytes_hash(KrThread *t, KrValue self)
{
    (void)t;
    KrBytes *b = (KrBytes *)kr_as_ptr(self);
    if (b->hash == -1)
        b->hash = bytes_hash_data(kr_bytes_data(self), b->len);
    return b->hash;
}

KrValue bytes_compare_data(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen,
                           KrCompareOp op)
{
    if (op == KR_EQ || op == KR_NE) {
        bool eq = alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
        return kr_bool(op == KR_EQ ? eq : !eq);
    }
    size_t n = alen < blen ? alen : blen;
    int c = n ? memcmp(a, b, n) : 0;
    if (c == 0)
        c = alen < blen ? -1 : alen > blen ? 1 : 0;
    switch (op) {
    case KR_LT: return kr_bool(c < 0);
    case KR_LE: return kr_bool(c <= 0);
    case KR_GT: return kr_bool(c > 0);
    default: return kr_bool(c >= 0);
    }
}

static KrValue bytes_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    /* bytes compares with bytes only; bytearray.__eq__ handles the mixed
     * pairs via the reflected call. */
    if (!bytes_is_bytes(t, a) || !bytes_is_bytes(t, b))
        return KR_NOTIMPLEMENTED;
    if (a == b && (op == KR_EQ || op == KR_NE))
        return kr_bool(op == KR_EQ);
    return bytes_compare_data(kr_bytes_data(a), kr_bytes_len(a), kr_bytes_data(b), kr_bytes_len(b), op);
}

/* ---- sequence slots ---- */

static int64_t bytes_len(KrThread *t, KrValue self)
{
    (void)t;
    return (int64_t)kr_bytes_len(self);
}

KrValue bytes_subscript(KrThread *t, KrValue self, const unsigned char *data, size_t len, KrValue key,
                        const char *what)
{
    KrType *kt = kr_type(t, key);
    if (kt == kr_builtin_type(t, SLICE)) {
        int64_t start, stop, step;
        if (kr_slice_unpack(t, key, &start, &stop, &step) < 0)
            return KR_ERROR;
        int64_t n = kr_slice_adjust((int64_t)len, &start, &stop, step);
        /* The slice may have run Python code (__index__) that resized a
         * bytearray: refetch. */
        bytes_self_data(t, self, &data, &len);
        if (step == 1)
            return bytes_result(t, self, data + start, (size_t)n);
        BytesBuf b;
        bbuf_init(&b);
        if (bbuf_reserve(t, &b, (size_t)n) < 0)
            return KR_ERROR;
        for (int64_t i = 0, j = start; i < n; i++, j += step)
            b.data[b.len++] = data[j];
        return bbuf_finish(t, &b, !bytes_is_bytes(t, self));
    }
    if (!kt->index && !kr_is_int(t, key))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s indices must be integers or slices, not %s", what,
                            kr_type_name(kt));
    int64_t i;
    if (kr_as_ssize(t, key, &i) < 0) {
        if (kr_err_matches(t, kr_exc_type(t, OverflowError))) {
            kr_err_clear(t);
            return kr_raise_fmt(t, kr_exc_type(t, IndexError), "cannot fit '%s' into an index-sized integer",
                                kr_type_name(kt));
        }
        return KR_ERROR;
    }
    bytes_self_data(t, self, &data, &len);
    if (i < 0)
        i += (int64_t)len;
    if (i < 0 || i >= (int64_t)len)
        return kr_raise_fmt(t, kr_exc_type(t, IndexError), "%s", bytes_is_bytes(t, self) ? "index out of range"
                                                                                      : "bytearray index out of range");
    return kr_smallint(data[i]);
}

static KrValue bytes_getitem(KrThread *t, KrValue self, KrValue key)
{
    return bytes_subscript(t, self, kr_bytes_data(self), kr_bytes_len(self), key, "byte");
}

int bytes_contains_data(KrThread *t, const unsigned char *data, size_t len, KrValue item)
{
    KrType *it = kr_type(t, item);
    if (it->index || kr_is_int(t, item)) {
        unsigned char c;
        if (bytes_byte_arg(t, item, &c) < 0)
            return -1;
        return len && memchr(data, c, len) != NULL;
    }
    BytesArg a;
    if (bytes_arg_get(t, item, &a) < 0)
        return -1;
    int r = ustr_find_all(ustr_view(data, len, 1), ustr_view(a.data, a.len, 1)) >= 0;
    bytes_arg_release(&a);
    return r;
}

static int bytes_contains(KrThread *t, KrValue self, KrValue item)
{
    return bytes_contains_data(t, kr_bytes_data(self), kr_bytes_len(self), item);
}

/* Concatenation of two bytes-like objects; the result type follows the
 * left operand (bytes + bytearray is bytes). */
static KrValue bytes_add(KrThread *t, KrValue a, KrValue b)
{
    if (!bytes_is_bytes(t, a))
        return KR_NOTIMPLEMENTED;
    const unsigned char *bd;
    size_t bn;
    if (kr_get_buffer(t, b, &bd, &bn, NULL) < 0) {
        kr_err_clear(t);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "can't concat %s to %s", kr_typename_of(t, b),
                            kr_typename_of(t, a));
    }
    size_t an = kr_bytes_len(a);
    if (an > SIZE_MAX / 2 || bn > SIZE_MAX / 2)
        return kr_no_memory(t);
    if (bn == 0 && kr_as_ptr(a)->type == kr_builtin_type(t, BYTES))
        return kr_incref(a);
    KrValue r = kr_bytes_new(t, NULL, an + bn);
    if (r == KR_ERROR)
        return r;
    memcpy(kr_bytes_data(r), kr_bytes_data(a), an);
    memcpy(kr_bytes_data(r) + an, bd, bn);
    return r;
}

/* seq * n for a bytes-like `self` and an index-able n. */
KrValue bytes_repeat(KrThread *t, KrValue self, KrValue n)
{
    int64_t count;
    if (kr_as_ssize(t, n, &count) < 0) {
        if (kr_err_matches(t, kr_exc_type(t, OverflowError))) {
            kr_err_clear(t);
            return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "cannot fit '%s' into an index-sized integer",
                                kr_typename_of(t, n));
        }
        return KR_ERROR;
    }
    const unsigned char *d;
    size_t len;
    bytes_self_data(t, self, &d, &len);
    if (count < 0)
        count = 0;
    if (len && (uint64_t)count > (uint64_t)INT64_MAX / len)
        return kr_no_memory(t);
    size_t total = len * (size_t)count;
    if (bytes_is_bytes(t, self) && count == 1 && kr_as_ptr(self)->type == kr_builtin_type(t, BYTES))
        return kr_incref(self);
    KrValue r = bytes_is_bytes(t, self) ? kr_bytes_new(t, NULL, total) : kr_bytearray_new(t, NULL, total);
    if (r == KR_ERROR)
        return r;
    bytes_self_data(t, self, &d, &len);
    unsigned char *out = bytes_is_bytes(t, r) ? kr_bytes_data(r) : kr_as_bytearray(r)->data;
    if (total == 0)
        return r;
    if (len == 1) {
        memset(out, d[0], total);
    } else if (total) {
        /* Double the copied prefix each round. */
        memcpy(out, d, len);
        size_t done = len;
        while (done < total) {
            size_t k = done < total - done ? done : total - done;
            memcpy(out + done, out, k);
            done += k;
        }
    }
    return r;
}

static bool bytes_is_index(KrThread *t, KrValue v)
{
    return kr_is_int(t, v) || kr_type(t, v)->index != NULL;
}

KrValue bytes_mul_slot(KrThread *t, KrValue a, KrValue b)
{
    bool a_seq = bytes_is_bytes(t, a) || bytes_is_bytearray(t, a);
    KrValue seq = a_seq ? a : b, n = a_seq ? b : a;
    if (a_seq) {
        KrValue r = seq_mul_other_first(t, a, b);
        if (r != KR_NOTIMPLEMENTED)
            return r;
    }
    if (!bytes_is_index(t, n))
        return seq_mul_error(t, n);
    return bytes_repeat(t, seq, n);
}

static KrValue bytes_mod(KrThread *t, KrValue a, KrValue b)
{
    if (!bytes_is_bytes(t, a))
        return KR_NOTIMPLEMENTED;
    return bytes_percent_format(t, kr_bytes_data(a), kr_bytes_len(a), b, false);
}

/* ---- bytes() ---- */

static KrValue bytes_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors"};
    KrValue a[3] = {KR_ABSENT, KR_ABSENT, KR_ABSENT};
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nargs + nkw > 3 || nargs > 3)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "bytes() takes at most 3 arguments (%zu given)", nargs + nkw);
    for (size_t i = 0; i < nargs; i++)
        a[i] = args[i];
    for (size_t k = 0; k < nkw; k++) {
        KrValue name = kr_tuple_items(kwnames)[k];
        int idx = -1;
        for (int j = 0; j < 3; j++)
            if (kr_str_equal_cstr(name, names[j]))
                idx = j;
        if (idx < 0)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for bytes()", name);
        if ((size_t)idx < nargs)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                "argument for bytes() given by name ('%s') and position (%d)", names[idx], idx + 1);
        a[idx] = args[nargs + k];
    }
    for (int j = 1; j < 3; j++)
        if (a[j] != KR_ABSENT && !kr_is_str(t, a[j]))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "bytes() argument '%s' must be str, not %s", names[j],
                                kr_typename_of(t, a[j]));
    KrValue result;
    KrValue src = a[0];
    if (src == KR_ABSENT) {
        if (a[1] != KR_ABSENT || a[2] != KR_ABSENT)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s without a string argument",
                                a[1] != KR_ABSENT ? "encoding" : "errors");
        result = kr_bytes_new(t, NULL, 0);
    } else if (a[1] != KR_ABSENT) {
        if (!kr_is_str(t, src))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "encoding without a string argument");
        result = kr_bytes_from_str(t, src, a[1], a[2]);
    } else if (a[2] != KR_ABSENT) {
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s",
                            kr_is_str(t, src) ? "string argument without an encoding"
                                              : "errors without a string argument");
    } else {
        /* __bytes__ first, then the buffer, int and iterable forms. */
        KrValue r = kr_call_special(t, src, kr_name(t, dunder_bytes), NULL, 0);
        if (r == KR_ERROR)
            return KR_ERROR;
        if (r != KR_ABSENT) {
            if (!bytes_is_bytes(t, r)) {
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "__bytes__ returned non-bytes (type %s)",
                             kr_typename_of(t, r));
                kr_decref(t, r);
                return KR_ERROR;
            }
            result = r;
        } else if (type == kr_builtin_type(t, BYTES) && kr_is_ptr(src) &&
                   kr_as_ptr(src)->type == kr_builtin_type(t, BYTES)) {
            return kr_incref(src);
        } else {
            BytesBuf b;
            bbuf_init(&b);
            if (bytes_from_object(t, src, &b, "bytes") < 0) {
                bbuf_free(&b);
                return KR_ERROR;
            }
            result = bbuf_finish(t, &b, false);
        }
    }
    if (result == KR_ERROR || type == kr_builtin_type(t, BYTES))
        return result;
    if (type == kr_as_ptr(result)->type)
        return result;
    /* A subclass: copy into an instance of it. */
    size_t n = kr_bytes_len(result);
    KrValue sub = bytes_alloc(t, type, n);
    if (sub != KR_ERROR) {
        memcpy(kr_bytes_data(sub), kr_bytes_data(result), n);
        kr_bytes_data(sub)[n] = 0;
    }
    kr_decref(t, result);
    return sub;
}

/* ---- iteration ---- */

KrValue bytes_iter_new(KrThread *t, KrValue seq, KrType *type)
{
    BytesIter *it = (BytesIter *)kr_alloc(t, type, sizeof(BytesIter));
    if (!it)
        return KR_ERROR;
    it->seq = kr_incref(seq);
    it->index = 0;
    return kr_ptr(it);
}

static KrValue bytes_iter(KrThread *t, KrValue self)
{
    return bytes_iter_new(t, self, kr_builtin_type(t, BYTES_ITERATOR));
}

static KrValue bytes_iter_next(KrThread *t, KrValue self)
{
    BytesIter *it = (BytesIter *)kr_as_ptr(self);
    if (it->seq == KR_ABSENT)
        return KR_ABSENT;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, it->seq, &d, &n);
    if (it->index < n)
        return kr_smallint(d[it->index++]);
    kr_clear(t, &it->seq);
    return KR_ABSENT;
}

static KrValue bytes_iter_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static void bytes_iter_dealloc(KrThread *t, KrObject *o)
{
    BytesIter *it = (BytesIter *)o;
    kr_gc_untrack(t, o);
    kr_xdecref(t, it->seq);
    kr_free_object(t, o);
}

static void bytes_iter_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    BytesIter *it = (BytesIter *)o;
    if (kr_is_ptr(it->seq))
        visit(kr_as_ptr(it->seq), arg);
}

static KrValue bytes_iter_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (kr_no_kwargs(t, "__length_hint__", kwnames) < 0 || kr_check_nargs(t, "__length_hint__", nargs, 0, 0) < 0)
        return KR_ERROR;
    BytesIter *it = (BytesIter *)kr_as_ptr(self);
    if (it->seq == KR_ABSENT)
        return kr_smallint(0);
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, it->seq, &d, &n);
    return kr_smallint(it->index < n ? (int64_t)(n - it->index) : 0);
}

static KrValue bytes_iter_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (kr_no_kwargs(t, "__reduce__", kwnames) < 0 || kr_check_nargs(t, "__reduce__", nargs, 0, 0) < 0)
        return KR_ERROR;
    BytesIter *it = (BytesIter *)kr_as_ptr(self);
    KrValue iter = kr_dict_get_cstr(t, t->vm->builtins_dict, "iter");
    if (iter == KR_ERROR)
        return KR_ERROR;
    if (iter == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "lost builtins.iter");
    KrValue r;
    if (it->seq == KR_ABSENT) {
        KrValue empty = kr_tuple_new(t, 0);
        if (empty == KR_ERROR)
            return KR_ERROR;
        KrValue inner = kr_tuple_pack(t, 1, empty);
        kr_decref(t, empty);
        if (inner == KR_ERROR)
            return KR_ERROR;
        r = kr_tuple_pack(t, 2, iter, inner);
        kr_decref(t, inner);
        return r;
    }
    KrValue inner = kr_tuple_pack(t, 1, it->seq);
    if (inner == KR_ERROR)
        return KR_ERROR;
    r = kr_tuple_pack(t, 3, iter, inner, kr_smallint((int64_t)it->index));
    kr_decref(t, inner);
    return r;
}

static KrValue bytes_iter_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (kr_no_kwargs(t, "__setstate__", kwnames) < 0 || kr_check_nargs(t, "__setstate__", nargs, 1, 1) < 0)
        return KR_ERROR;
    int64_t i;
    if (kr_as_ssize(t, args[0], &i) < 0)
        return KR_ERROR;
    BytesIter *it = (BytesIter *)kr_as_ptr(self);
    if (it->seq != KR_ABSENT) {
        const unsigned char *d;
        size_t n;
        bytes_self_data(t, it->seq, &d, &n);
        if (i < 0)
            i = 0;
        else if ((size_t)i > n)
            i = (int64_t)n;
        it->index = (size_t)i;
    }
    return KR_NONE;
}

const KrMethodDef kr_bytes_iter_methods[] = {
    {"__length_hint__", bytes_iter_length_hint, KR_METH_KEYWORDS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", bytes_iter_reduce, KR_METH_KEYWORDS, "Return state information for pickling."},
    {"__setstate__", bytes_iter_setstate, KR_METH_KEYWORDS, "Set state information for unpickling."},
    {NULL, NULL, 0, NULL},
};

void bytes_iter_fill(KrType *tp)
{
    tp->dealloc = bytes_iter_dealloc;
    tp->traverse = bytes_iter_traverse;
    tp->iter = bytes_iter_self;
    tp->iternext = bytes_iter_next;
}

/* ---- methods of bytes only ---- */

static KrValue bytes_getnewargs(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (kwnames && kr_tuple_len(kwnames))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "bytes.__getnewargs__() takes no keyword arguments");
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "bytes.__getnewargs__() takes no arguments (%zu given)", nargs);
    KrValue copy = kr_bytes_new(t, kr_bytes_data(self), kr_bytes_len(self));
    if (copy == KR_ERROR)
        return copy;
    KrValue r = kr_tuple_pack(t, 1, copy);
    kr_decref(t, copy);
    return r;
}

static KrValue bytes_sizeof(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (kwnames && kr_tuple_len(kwnames))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "bytes.__sizeof__() takes no keyword arguments");
    if (nargs)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "bytes.__sizeof__() takes no arguments (%zu given)", nargs);
    /* CPython's PyBytesObject: 32 bytes of header plus the NUL. */
    return kr_int_from_i64(t, 33 + (int64_t)kr_bytes_len(self));
}

static KrValue bytes_maketrans(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    return bm_maketrans_impl(t, "bytes", args, nargs, kwnames);
}

#define BYTES_SHARED_DEF(name, fn, flags, doc) {name, fn, flags, doc},
static const KrMethodDef bytes_methods[] = {
    BYTES_SHARED_METHODS(BYTES_SHARED_DEF)
    {"maketrans", bytes_maketrans, KR_METH_KEYWORDS | KR_METH_STATIC, NULL},
    {"__getnewargs__", bytes_getnewargs, KR_METH_KEYWORDS, NULL},
    {"__sizeof__", bytes_sizeof, KR_METH_KEYWORDS, "Return the size of the bytes in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

static void bytes_dealloc(KrThread *t, KrObject *o)
{
    kr_free_object(t, o);
}

static void bytes_fill(KrType *tp)
{
    tp->dealloc = bytes_dealloc;
    tp->varsize = bytes_varsize;
    tp->new_ = bytes_new;
    tp->repr = bytes_repr;
    tp->str = bytes_repr;
    tp->hash = bytes_hash;
    tp->compare = bytes_compare;
    tp->iter = bytes_iter;
    tp->len = bytes_len;
    tp->getitem = bytes_getitem;
    tp->contains = bytes_contains;
    tp->binary[KR_OP_ADD] = bytes_add;
    tp->binary[KR_OP_MUL] = bytes_mul_slot;
    tp->binary[KR_OP_MOD] = bytes_mod;
}

const KrTypeSpec kr_bytes_spec = {
    .name = "bytes",
    .basicsize = sizeof(KrBytes),
    .itemsize = 1,
    .flags = KR_TPFLAG_BASETYPE | KR_TPFLAG_BYTES_SUBCLASS,
    .methods = bytes_methods,
    .fill = bytes_fill,
    .doc = "bytes(iterable_of_ints) -> bytes\n"
           "bytes(string, encoding[, errors]) -> bytes\n"
           "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n"
           "bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n"
           "bytes() -> empty bytes object\n\n"
           "Construct an immutable array of bytes from:\n"
           "  - an iterable yielding integers in range(256)\n"
           "  - a text string encoded using the specified encoding\n"
           "  - any object implementing the buffer API.\n"
           "  - an integer",
};

const KrTypeSpec kr_bytes_iterator_spec = {
    .name = "bytes_iterator",
    .basicsize = sizeof(BytesIter),
    .flags = KR_TPFLAG_GC,
    .methods = kr_bytes_iter_methods,
    .fill = bytes_iter_fill,
};
