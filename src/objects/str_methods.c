/* str's methods and the slots str.c leaves to this file: indexing,
 * repetition, %-formatting (in str_format.c), iteration, construction, and
 * the codecs behind encode() and str(bytes, encoding).
 *
 * The algorithms are core/ustr.c's; this file checks arguments the way
 * CPython 3.11 does (its argument clinic messages differ from method to
 * method, and the tests compare them) and turns results into objects. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codecs.h"
#include "core/unicode_props.h"
#include "objects/objects.h"
#include "objects/seq.h"
#include "objects/str_format.h"

#define STR_METHOD(name)                                                                    \
    static KrValue name(KrThread *t, KrValue self, const KrValue *args, size_t nargs,      \
                        KrValue kwnames)

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

const char *str_clinic_type_name(KrThread *t, KrValue v)
{
    return v == KR_NONE ? "None" : kr_typename_of(t, v);
}

static KrValue str_type_error(KrThread *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    KrValue r = kr_raise_vfmt(t, kr_exc_type(t, TypeError), fmt, ap);
    va_end(ap);
    return r;
}

/* METH_NOARGS and METH_O methods: CPython names the method with its type. */
static int str_check_noargs(KrThread *t, const char *name, size_t nargs)
{
    if (nargs == 0)
        return 0;
    str_type_error(t, "str.%s() takes no arguments (%zu given)", name, nargs);
    return -1;
}

static int str_check_onearg(KrThread *t, const char *name, size_t nargs)
{
    if (nargs == 1)
        return 0;
    str_type_error(t, "str.%s() takes exactly one argument (%zu given)", name, nargs);
    return -1;
}

/* The str of a view into self: self itself when the view is all of it. */
static KrValue str_view_result(KrThread *t, KrValue self, UStrView v)
{
    KrStr *s = kr_as_str(self);
    if (v.len == s->len && kr_is_exact_str(t, self))
        return kr_incref(self);
    if (s->ascii && v.len > 1) {
        /* A piece of ASCII text is ASCII: no scan for the widest character. */
        KrValue r = kr_str_new_raw(t, v.len, 1, true);
        if (r != KR_ERROR)
            memcpy(kr_str_data(kr_as_str(r)), v.data, v.len);
        return r;
    }
    return kr_str_from_ucs(t, v.data, v.len, v.width);
}

static KrValue str_buf_result(KrThread *t, UStrStatus st, UStrBuf *buf)
{
    if (st != USTR_OK)
        return kr_no_memory(t);
    return kr_str_from_ustrbuf(t, *buf);
}

/* A copy of a str as an exact str (for subclass instances). */
static KrValue str_exact(KrThread *t, KrValue s)
{
    if (kr_is_exact_str(t, s))
        return kr_incref(s);
    KrStr *str = kr_as_str(s);
    return kr_str_from_ucs(t, kr_str_data(str), str->len, str->width);
}

static bool str_has_index(KrThread *t, KrValue v)
{
    return kr_is_smallint(v) || kr_is_bool(v) || kr_type(t, v)->index != NULL;
}

/* A start/end argument of find() and friends: None or an index, clamped. */
static int str_slice_index(KrThread *t, KrValue v, ptrdiff_t *out)
{
    if (v == KR_NONE)
        return 0;
    if (!str_has_index(t, v)) {
        str_type_error(t, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    int64_t x;
    if (kr_as_ssize_clamped(t, v, &x) < 0)
        return -1;
    *out = (ptrdiff_t)x;
    return 0;
}

/* The argument list of count/find/index/startswith...: (sub[, start[, end]]). */
static int str_find_args(KrThread *t, const char *name, const KrValue *args, size_t nargs,
                         ptrdiff_t *start, ptrdiff_t *end)
{
    if (nargs < 1) {
        str_type_error(t, "%s() takes at least 1 argument (0 given)", name);
        return -1;
    }
    if (nargs > 3) {
        str_type_error(t, "%s() takes at most 3 arguments (%zu given)", name, nargs);
        return -1;
    }
    *start = 0;
    *end = USTR_END;
    if (nargs > 1 && str_slice_index(t, args[1], start) < 0)
        return -1;
    if (nargs > 2 && str_slice_index(t, args[2], end) < 0)
        return -1;
    return 0;
}

static int str_check_str_arg(KrThread *t, KrValue v)
{
    if (kr_is_str(t, v))
        return 0;
    str_type_error(t, "must be str, not %s", kr_typename_of(t, v));
    return -1;
}

/* A C int argument (expandtabs' tabsize). */
static int str_as_cint(KrThread *t, KrValue v, int *out)
{
    KrValue i = kr_index(t, v);
    if (i == KR_ERROR)
        return -1;
    int64_t x;
    int r = kr_int_as_i64(t, i, &x);
    kr_decref(t, i);
    if (r < 0 || x < INT_MIN || x > INT_MAX) {
        if (r < 0)
            kr_err_clear(t);
        kr_raise_fmt(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)x;
    return 0;
}

/* The code points of s as UCS-4, for the codecs; NULL when out of memory. */
static uint32_t *str_to_ucs4(KrThread *t, KrValue s)
{
    KrStr *str = kr_as_str(s);
    uint32_t *cps = malloc((str->len + 1) * sizeof *cps);
    if (!cps) {
        kr_no_memory(t);
        return NULL;
    }
    for (size_t i = 0; i < str->len; i++)
        cps[i] = kr_str_char(str, i);
    return cps;
}

char *str_utf8_lossless(KrThread *t, KrValue s, size_t *len)
{
    KrStr *str = kr_as_str(s);
    size_t n = 0;
    for (size_t i = 0; i < str->len; i++) {
        uint32_t c = kr_str_char(str, i);
        n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    char *buf = malloc(n + 1);
    if (!buf) {
        kr_no_memory(t);
        return NULL;
    }
    char *p = buf;
    for (size_t i = 0; i < str->len; i++) {
        uint32_t c = kr_str_char(str, i);
        if (c < 0x80) {
            *p++ = (char)c;
        } else if (c < 0x800) {
            *p++ = (char)(0xC0 | (c >> 6));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *p++ = (char)(0xE0 | (c >> 12));
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (char)(0xF0 | (c >> 18));
            *p++ = (char)(0x80 | ((c >> 12) & 0x3F));
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *p = '\0';
    *len = n;
    return buf;
}

KrValue str_from_utf8_lossless(KrThread *t, const char *s, size_t n)
{
    if (codec_ascii_prefix((const uint8_t *)s, n) == n)
        return kr_str_from_ucs(t, s, n, 1);
    UStrBuf buf;
    UStrCodecError err;
    UStrStatus st = ustr_from_utf8_surrogates(s, n, &buf, &err);
    if (st == USTR_NOMEM)
        return kr_no_memory(t);
    if (st != USTR_OK)   /* numfmt only ever gives back well-formed text */
        return kr_raise_fmt(t, kr_exc_type(t, SystemError), "malformed formatted text");
    return kr_str_from_ustrbuf(t, buf);
}

/* ------------------------------------------------------------------ */
/* Instances of subclasses                                             */
/* ------------------------------------------------------------------ */

static size_t str_subclass_text_size(size_t len, int width)
{
    return ((len + 1) * (size_t)width + 7) & ~(size_t)7;
}

/* The size of a str with its text (KrType.varsize): the instance fields
 * of a subclass (__dict__, __slots__) follow it. */
static size_t str_varsize(KrObject *o)
{
    KrStr *s = (KrStr *)o;
    return sizeof(KrStr) + str_subclass_text_size(s->len, s->width);
}

/* An instance of `type`, a subclass of str, with the text of the str s. */
static KrValue str_subtype_new(KrThread *t, KrType *type, KrValue s)
{
    KrStr *src = kr_as_str(s);
    size_t extra = type->basicsize > sizeof(KrStr) ? type->basicsize - sizeof(KrStr) : 0;
    size_t text = str_subclass_text_size(src->len, src->width);
    if (src->len > (SIZE_MAX - sizeof(KrStr) - extra) / 4 - 8)
        return kr_no_memory(t);
    KrStr *r = (KrStr *)kr_alloc(t, type, sizeof(KrStr) + text + extra);
    if (!r)
        return KR_ERROR;
    r->hash = -1;
    r->len = src->len;
    r->width = src->width;
    r->ascii = src->ascii;
    memcpy(kr_str_data(r), kr_str_data(src), src->len * src->width);
    if (r->ascii) {
        r->utf8 = (char *)kr_str_data(r);
        r->utf8_len = r->len;
    }
    KrValue *fields = (KrValue *)((char *)r + str_varsize(&r->ob));
    for (size_t i = 0; i < extra / sizeof(KrValue); i++)
        fields[i] = KR_ABSENT;
    return kr_ptr(r);
}

/* ------------------------------------------------------------------ */
/* Encoding and decoding                                               */
/* ------------------------------------------------------------------ */

typedef enum {
    STR_ENC_UNKNOWN, STR_ENC_UTF8, STR_ENC_UTF8_SIG, STR_ENC_ASCII, STR_ENC_LATIN1,
    STR_ENC_UTF16, STR_ENC_UTF16_LE, STR_ENC_UTF16_BE, STR_ENC_UTF32, STR_ENC_UTF32_LE,
    STR_ENC_UTF32_BE,
} StrEncoding;

/* The codec module names and the aliases of encodings/aliases.py that lead
 * to the codecs Krait has. */
static const struct {
    const char *name;
    StrEncoding enc;
} str_encoding_names[] = {
    {"utf_8", STR_ENC_UTF8}, {"u8", STR_ENC_UTF8}, {"utf", STR_ENC_UTF8}, {"utf8", STR_ENC_UTF8},
    {"utf8_ucs2", STR_ENC_UTF8}, {"utf8_ucs4", STR_ENC_UTF8}, {"cp65001", STR_ENC_UTF8},
    {"utf_8_sig", STR_ENC_UTF8_SIG},
    {"ascii", STR_ENC_ASCII}, {"646", STR_ENC_ASCII}, {"ansi_x3.4_1968", STR_ENC_ASCII},
    {"ansi_x3_4_1968", STR_ENC_ASCII}, {"ansi_x3.4_1986", STR_ENC_ASCII}, {"cp367", STR_ENC_ASCII},
    {"csascii", STR_ENC_ASCII}, {"ibm367", STR_ENC_ASCII}, {"iso646_us", STR_ENC_ASCII},
    {"iso_646.irv_1991", STR_ENC_ASCII}, {"iso_ir_6", STR_ENC_ASCII}, {"us", STR_ENC_ASCII},
    {"us_ascii", STR_ENC_ASCII},
    {"latin_1", STR_ENC_LATIN1}, {"8859", STR_ENC_LATIN1}, {"cp819", STR_ENC_LATIN1},
    {"csisolatin1", STR_ENC_LATIN1}, {"ibm819", STR_ENC_LATIN1}, {"iso8859", STR_ENC_LATIN1},
    {"iso8859_1", STR_ENC_LATIN1}, {"iso_8859_1", STR_ENC_LATIN1},
    {"iso_8859_1_1987", STR_ENC_LATIN1}, {"iso_ir_100", STR_ENC_LATIN1}, {"l1", STR_ENC_LATIN1},
    {"latin", STR_ENC_LATIN1}, {"latin1", STR_ENC_LATIN1},
    {"utf_16", STR_ENC_UTF16}, {"u16", STR_ENC_UTF16}, {"utf16", STR_ENC_UTF16},
    {"utf_16_be", STR_ENC_UTF16_BE}, {"unicodebigunmarked", STR_ENC_UTF16_BE},
    {"utf_16be", STR_ENC_UTF16_BE},
    {"utf_16_le", STR_ENC_UTF16_LE}, {"unicodelittleunmarked", STR_ENC_UTF16_LE},
    {"utf_16le", STR_ENC_UTF16_LE},
    {"utf_32", STR_ENC_UTF32}, {"u32", STR_ENC_UTF32}, {"utf32", STR_ENC_UTF32},
    {"utf_32_be", STR_ENC_UTF32_BE}, {"utf_32be", STR_ENC_UTF32_BE},
    {"utf_32_le", STR_ENC_UTF32_LE}, {"utf_32le", STR_ENC_UTF32_LE},
};

/* CPython's normalisation of encoding names: lower case, runs of
 * characters other than ASCII letters, digits and '.' become one '_' (none
 * at the ends).  False if the name is too long to be one Krait knows. */
static bool str_normalize_encoding(const char *name, char *norm, size_t cap)
{
    size_t n = 0;
    bool punct = false;
    for (const char *p = name; *p; p++) {
        char c = *p;
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum || c == '.') {
            if (n + 2 >= cap)
                return false;
            if (punct && n > 0)
                norm[n++] = '_';
            punct = false;
            norm[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
        } else {
            punct = true;
        }
    }
    norm[n] = '\0';
    return true;
}

/* The codec lookup: the normalised name, then the aliases, also with '.'
 * read as '_'. */
static StrEncoding str_lookup_encoding(const char *name)
{
    char norm[64];
    if (!str_normalize_encoding(name, norm, sizeof norm))
        return STR_ENC_UNKNOWN;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < sizeof str_encoding_names / sizeof str_encoding_names[0]; i++)
            if (!strcmp(norm, str_encoding_names[i].name))
                return str_encoding_names[i].enc;
        bool dots = false;
        for (char *p = norm; *p; p++)
            if (*p == '.') {
                *p = '_';
                dots = true;
            }
        if (!dots)
            break;
    }
    return STR_ENC_UNKNOWN;
}

/* CPython encodes and decodes a few spellings in C directly; every other
 * name goes through the codec registry, which rewraps simple exceptions
 * raised inside the codec as "encoding with 'X' codec failed (...)". */
static bool str_is_fast_codec_name(const char *name, bool encode)
{
    char norm[64];
    if (!str_normalize_encoding(name, norm, sizeof norm))
        return false;
    if (!strncmp(norm, "utf", 3)) {
        const char *p = norm + 3 + (norm[3] == '_');
        return !strcmp(p, "8") || !strcmp(p, "16") || !strcmp(p, "32");
    }
    (void)encode;
    return !strcmp(norm, "ascii") || !strcmp(norm, "us_ascii") || !strcmp(norm, "latin1") ||
           !strcmp(norm, "latin_1") || !strcmp(norm, "iso_8859_1") || !strcmp(norm, "iso8859_1");
}

static void str_wrap_codec_error(KrThread *t, bool encode, const char *encoding)
{
    KrValue exc = kr_err_fetch(t);
    KrType *tp = kr_type(t, exc);
    if (tp != kr_exc_type(t, LookupError) && tp != kr_exc_type(t, TypeError) &&
        tp != kr_exc_type(t, ValueError) && tp != kr_exc_type(t, IndexError)) {
        kr_raise(t, exc);
        kr_decref(t, exc);
        return;
    }
    KrValue msg = kr_str(t, exc);
    if (msg != KR_ERROR) {
        kr_raise_fmt(t, tp, "%s with '%s' codec failed (%s: %U)", encode ? "encoding" : "decoding", encoding,
                     kr_type_name(tp), msg);
        kr_decref(t, msg);
        kr_exception_set_cause(t, t->exc, exc);
    }
    kr_decref(t, exc);
}

/* An error handler name nobody registered: looked up only when an error
 * needs it, as CPython does. */
typedef struct {
    KrThread *t;
    const char *name;
} StrUnknownHandler;

static CodecStatus str_unknown_handler(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)err;
    (void)rep;
    StrUnknownHandler *u = ctx;
    kr_raise_fmt(u->t, kr_exc_type(u->t, LookupError), "unknown error handler name '%s'", u->name);
    return CODEC_HANDLER_FAILED;
}

static CodecHandler str_error_handler(const char *errors, StrUnknownHandler *u)
{
    CodecHandler h;
    if (codec_builtin_handler(errors, &h))
        return h;
    h.fn = str_unknown_handler;
    h.ctx = u;
    return h;
}

/* Turns a codec failure into the exception; `object` is the str or bytes
 * the error is about. */
static KrValue str_codec_failure(KrThread *t, CodecStatus st, const CodecResult *res, bool encode,
                                 KrValue object)
{
    switch (st) {
    case CODEC_NOMEM:
        return kr_no_memory(t);
    case CODEC_HANDLER_FAILED:
        return KR_ERROR;
    case CODEC_EXCEPTION: {
        KrType *type = res->exc_kind == CODEC_EXC_VALUE_ERROR   ? kr_exc_type(t, ValueError)
                       : res->exc_kind == CODEC_EXC_INDEX_ERROR ? kr_exc_type(t, IndexError)
                                                                : kr_exc_type(t, TypeError);
        return kr_raise_fmt(t, type, "%s", res->message);
    }
    default: {
        KrValue enc = kr_str_from_cstr(t, res->error.encoding);
        KrValue why = kr_str_from_cstr(t, res->error.reason);
        KrValue exargs = KR_ERROR;
        if (enc != KR_ERROR && why != KR_ERROR)
            exargs = kr_tuple_pack(t, 5, enc, object, kr_smallint((int64_t)res->error.start),
                                   kr_smallint((int64_t)res->error.end), why);
        kr_xdecref(t, enc);
        kr_xdecref(t, why);
        if (exargs == KR_ERROR)
            return KR_ERROR;
        kr_raise_args(t, encode ? kr_exc_type(t, UnicodeEncodeError) : kr_exc_type(t, UnicodeDecodeError),
                      exargs);
        kr_decref(t, exargs);
        return KR_ERROR;
    }
    }
}

KrValue kr_str_encode(KrThread *t, KrValue s, const char *encoding, const char *errors)
{
    StrEncoding enc = encoding ? str_lookup_encoding(encoding) : STR_ENC_UTF8;
    if (enc == STR_ENC_UNKNOWN)
        return kr_raise_fmt(t, kr_exc_type(t, LookupError), "unknown encoding: %s", encoding);
    KrStr *str = kr_as_str(s);
    if (str->ascii && (enc == STR_ENC_UTF8 || enc == STR_ENC_ASCII || enc == STR_ENC_LATIN1))
        return kr_bytes_new(t, kr_str_data(str), str->len);
    StrUnknownHandler u = {t, errors};
    CodecHandler h = str_error_handler(errors ? errors : "strict", &u);
    uint32_t *cps = str_to_ucs4(t, s);
    if (!cps)
        return KR_ERROR;
    CodecBytes out = {0};
    CodecResult res;
    memset(&res, 0, sizeof res);
    CodecStatus st;
    switch (enc) {
    case STR_ENC_UTF8_SIG:
        if (!(out.data = malloc(16))) {
            st = CODEC_NOMEM;
            break;
        }
        memcpy(out.data, "\xEF\xBB\xBF", 3);
        out.len = 3;
        out.cap = 16;
        st = codec_utf8_encode(cps, str->len, h, &out, &res);
        break;
    case STR_ENC_ASCII: st = codec_ascii_encode(cps, str->len, h, &out, &res); break;
    case STR_ENC_LATIN1: st = codec_latin1_encode(cps, str->len, h, &out, &res); break;
    case STR_ENC_UTF16: st = codec_utf16_encode(cps, str->len, h, 0, &out, &res); break;
    case STR_ENC_UTF16_LE: st = codec_utf16_encode(cps, str->len, h, -1, &out, &res); break;
    case STR_ENC_UTF16_BE: st = codec_utf16_encode(cps, str->len, h, 1, &out, &res); break;
    case STR_ENC_UTF32: st = codec_utf32_encode(cps, str->len, h, 0, &out, &res); break;
    case STR_ENC_UTF32_LE: st = codec_utf32_encode(cps, str->len, h, -1, &out, &res); break;
    case STR_ENC_UTF32_BE: st = codec_utf32_encode(cps, str->len, h, 1, &out, &res); break;
    default: st = codec_utf8_encode(cps, str->len, h, &out, &res); break;
    }
    free(cps);
    KrValue r = st == CODEC_OK ? kr_bytes_new(t, out.data, out.len) : str_codec_failure(t, st, &res, true, s);
    codec_bytes_free(&out);
    if ((st == CODEC_HANDLER_FAILED || st == CODEC_EXCEPTION) && encoding && !str_is_fast_codec_name(encoding, true))
        str_wrap_codec_error(t, true, encoding);
    return r;
}

KrValue kr_str_decode(KrThread *t, const void *data, size_t len, const char *encoding, const char *errors)
{
    StrEncoding enc = encoding ? str_lookup_encoding(encoding) : STR_ENC_UTF8;
    if (enc == STR_ENC_UNKNOWN)
        return kr_raise_fmt(t, kr_exc_type(t, LookupError), "unknown encoding: %s", encoding);
    const uint8_t *s = data;
    if (enc == STR_ENC_UTF8 || enc == STR_ENC_ASCII || enc == STR_ENC_LATIN1) {
        if (codec_ascii_prefix(s, len) == len)
            return kr_str_from_ucs(t, s, len, 1);
        if (enc == STR_ENC_LATIN1)
            return kr_str_from_ucs(t, s, len, 1);
    }
    StrUnknownHandler u = {t, errors};
    CodecHandler h = str_error_handler(errors ? errors : "strict", &u);
    CodecStr out = {0};
    CodecResult res;
    memset(&res, 0, sizeof res);
    CodecStatus st;
    int bo;
    switch (enc) {
    case STR_ENC_UTF8_SIG: {
        size_t skip = len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
        st = codec_utf8_decode(s + skip, len - skip, h, true, &out, &res);
        if (st == CODEC_RAISE) {
            res.error.start += skip;
            res.error.end += skip;
        }
        break;
    }
    case STR_ENC_ASCII: st = codec_ascii_decode(s, len, h, &out, &res); break;
    case STR_ENC_UTF16: bo = 0; st = codec_utf16_decode(s, len, h, &bo, true, &out, &res); break;
    case STR_ENC_UTF16_LE: bo = -1; st = codec_utf16_decode(s, len, h, &bo, true, &out, &res); break;
    case STR_ENC_UTF16_BE: bo = 1; st = codec_utf16_decode(s, len, h, &bo, true, &out, &res); break;
    case STR_ENC_UTF32: bo = 0; st = codec_utf32_decode(s, len, h, &bo, true, &out, &res); break;
    case STR_ENC_UTF32_LE: bo = -1; st = codec_utf32_decode(s, len, h, &bo, true, &out, &res); break;
    case STR_ENC_UTF32_BE: bo = 1; st = codec_utf32_decode(s, len, h, &bo, true, &out, &res); break;
    default: st = codec_utf8_decode(s, len, h, true, &out, &res); break;
    }
    KrValue r;
    if (st == CODEC_OK) {
        r = kr_str_from_ucs(t, out.data, out.len, 4);
    } else if (st == CODEC_RAISE) {
        KrValue bytes = kr_bytes_new(t, data, len);
        r = bytes == KR_ERROR ? KR_ERROR : str_codec_failure(t, st, &res, false, bytes);
        kr_xdecref(t, bytes);
    } else {
        r = str_codec_failure(t, st, &res, false, KR_NONE);
        if (encoding && !str_is_fast_codec_name(encoding, false))
            str_wrap_codec_error(t, false, encoding);
    }
    codec_str_free(&out);
    return r;
}

/* ------------------------------------------------------------------ */
/* Slots                                                               */
/* ------------------------------------------------------------------ */

static KrValue str_getitem(KrThread *t, KrValue self, KrValue key)
{
    KrStr *s = kr_as_str(self);
    if (str_has_index(t, key)) {
        KrValue i = kr_index(t, key);
        if (i == KR_ERROR)
            return KR_ERROR;
        int64_t k;
        int r = kr_int_as_i64(t, i, &k);
        kr_decref(t, i);
        if (r < 0) {
            kr_err_clear(t);
            return kr_raise_fmt(t, kr_exc_type(t, IndexError), "cannot fit 'int' into an index-sized integer");
        }
        if (k < 0)
            k += (int64_t)s->len;
        if (k < 0 || k >= (int64_t)s->len)
            return kr_raise_fmt(t, kr_exc_type(t, IndexError), "string index out of range");
        return kr_str_from_char(t, kr_str_char(s, (size_t)k));
    }
    if (kr_is_ptr(key) && kr_as_ptr(key)->type == kr_builtin_type(t, SLICE)) {
        int64_t start, stop, step;
        if (kr_slice_unpack(t, key, &start, &stop, &step) < 0)
            return KR_ERROR;
        int64_t n = kr_slice_adjust((int64_t)s->len, &start, &stop, step);
        if (n <= 0)
            return kr_incref(t->vm->empty_str);
        if (step == 1)
            return kr_str_substr(t, self, (size_t)start, (size_t)stop);
        UStrBuilder b;
        ustr_builder_init(&b);
        bool ok = ustr_builder_reserve(&b, (size_t)n, 0);
        for (int64_t i = 0, k = start; ok && i < n; i++, k += step)
            ok = ustr_append_cp(&b, kr_str_char(s, (size_t)k));
        UStrBuf buf;
        if (!ok || !ustr_builder_finish(&b, &buf)) {
            ustr_builder_free(&b);
            return kr_no_memory(t);
        }
        return kr_str_from_ustrbuf(t, buf);
    }
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "string indices must be integers, not '%s'",
                        kr_typename_of(t, key));
}

/* str * n and n * str.  Like CPython's sequence repetition this comes after
 * the other operand's own __rmul__, so a class defining one gets its say. */
static KrValue str_mul(KrThread *t, KrValue a, KrValue b)
{
    bool str_left = kr_is_str(t, a);
    KrValue s = str_left ? a : b, n = str_left ? b : a;
    if (str_left) {
        KrValue r = seq_mul_other_first(t, a, b);
        if (r != KR_NOTIMPLEMENTED)
            return r;
    }
    if (!str_has_index(t, n))
        return seq_mul_error(t, n);
    KrValue iv = kr_index(t, n);
    if (iv == KR_ERROR)
        return KR_ERROR;
    int64_t count;
    int r = kr_int_as_i64(t, iv, &count);
    kr_decref(t, iv);
    if (r < 0) {
        kr_err_clear(t);
        return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "cannot fit 'int' into an index-sized integer");
    }
    KrStr *str = kr_as_str(s);
    if (count <= 0 || str->len == 0)
        return kr_incref(t->vm->empty_str);
    if (count == 1)
        return str_exact(t, s);
    if ((uint64_t)count > (uint64_t)INT64_MAX / str->len)
        return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "repeated string is too long");
    size_t total = str->len * (size_t)count;
    KrValue rv = kr_str_new_raw(t, total, str->width, str->ascii);
    if (rv == KR_ERROR)
        return KR_ERROR;
    char *dst = kr_str_data(kr_as_str(rv));
    size_t unit = str->len * str->width, done = unit, all = total * str->width;
    memcpy(dst, kr_str_data(str), unit);
    while (done < all) {
        size_t chunk = done < all - done ? done : all - done;
        memcpy(dst + done, dst, chunk);
        done += chunk;
    }
    return rv;
}

static KrValue str_mod(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_str(t, a))
        return KR_NOTIMPLEMENTED;
    return kr_str_percent_format(t, a, b);
}

/* ---- the iterator ---- */

/* CPython 3.11 has two types, str_ascii_iterator for ASCII strings and
 * str_iterator for the others; Krait has one, named like the first. */
typedef struct {
    KrObject ob;
    KrValue str;            /* KR_ABSENT once exhausted */
    size_t index;
} KrStrIterator;

static KrValue str_iter(KrThread *t, KrValue self)
{
    KrStrIterator *it = (KrStrIterator *)kr_alloc(t, kr_builtin_type(t, STR_ITERATOR), sizeof *it);
    if (!it)
        return KR_ERROR;
    it->str = kr_incref(self);
    it->index = 0;
    return kr_ptr(it);
}

static void str_iterator_dealloc(KrThread *t, KrObject *o)
{
    kr_clear(t, &((KrStrIterator *)o)->str);
    kr_free_object(t, o);
}

static KrValue str_iterator_iter(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static KrValue str_iterator_next(KrThread *t, KrValue self)
{
    KrStrIterator *it = (KrStrIterator *)kr_as_ptr(self);
    if (it->str == KR_ABSENT)
        return KR_ABSENT;
    KrStr *s = kr_as_str(it->str);
    if (it->index < s->len)
        return kr_str_from_char(t, kr_str_char(s, it->index++));
    kr_clear(t, &it->str);
    return KR_ABSENT;
}

static KrValue str_iterator_length_hint(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                        KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (nargs && kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                  "str_ascii_iterator.__length_hint__() takes no arguments (%zu given)", nargs))
        return KR_ERROR;
    KrStrIterator *it = (KrStrIterator *)kr_as_ptr(self);
    if (it->str == KR_ABSENT)
        return kr_smallint(0);
    return kr_smallint((int64_t)(kr_as_str(it->str)->len - it->index));
}

static KrValue str_iterator_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                   KrValue kwnames)
{
    (void)args;
    (void)kwnames;
    if (nargs && kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                  "str_ascii_iterator.__reduce__() takes no arguments (%zu given)", nargs))
        return KR_ERROR;
    KrStrIterator *it = (KrStrIterator *)kr_as_ptr(self);
    KrValue iter = kr_dict_get_cstr(t, t->vm->builtins_dict, "iter");
    if (iter == KR_ERROR)
        return KR_ERROR;
    if (iter == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "lost builtins.iter");
    if (it->str == KR_ABSENT) {
        KrValue inner = kr_tuple_pack(t, 1, t->vm->empty_str);
        if (inner == KR_ERROR)
            return KR_ERROR;
        KrValue r = kr_tuple_pack(t, 2, iter, inner);
        kr_decref(t, inner);
        return r;
    }
    KrValue inner = kr_tuple_pack(t, 1, it->str);
    if (inner == KR_ERROR)
        return KR_ERROR;
    KrValue r = kr_tuple_pack(t, 3, iter, inner, kr_smallint((int64_t)it->index));
    kr_decref(t, inner);
    return r;
}

static KrValue str_iterator_setstate(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                     KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return str_type_error(t, "str_ascii_iterator.__setstate__() takes exactly one argument (%zu given)",
                              nargs);
    KrStrIterator *it = (KrStrIterator *)kr_as_ptr(self);
    int64_t i;
    if (kr_as_ssize(t, args[0], &i) < 0)
        return KR_ERROR;
    if (it->str != KR_ABSENT) {
        int64_t len = (int64_t)kr_as_str(it->str)->len;
        it->index = (size_t)(i < 0 ? 0 : i > len ? len : i);
    }
    return KR_NONE;
}

static const KrMethodDef str_iterator_methods[] = {
    {"__length_hint__", str_iterator_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", str_iterator_reduce, 0, "Return state information for pickling."},
    {"__setstate__", str_iterator_setstate, 0, "Set state information for unpickling."},
    {0},
};

static void str_iterator_fill(KrType *tp)
{
    tp->dealloc = str_iterator_dealloc;
    tp->iter = str_iterator_iter;
    tp->iternext = str_iterator_next;
}

const KrTypeSpec kr_str_iterator_spec = {
    .name = "str_ascii_iterator",
    .basicsize = sizeof(KrStrIterator),
    .methods = str_iterator_methods,
    .fill = str_iterator_fill,
};

/* ---- construction ---- */

/* The bytes of a bytes-like object, or NULL (no exception) if it is not one. */
static const void *str_buffer_of(KrThread *t, KrValue v, size_t *len)
{
    if (kr_has_flag(t, v, KR_TPFLAG_BYTES_SUBCLASS)) {
        *len = kr_bytes_len(v);
        return kr_bytes_data(v);
    }
    if (kr_type_check(t, v, kr_builtin_type(t, BYTEARRAY))) {
        KrByteArray *ba = (KrByteArray *)kr_as_ptr(v);
        *len = ba->len;
        return ba->data ? (const void *)ba->data : "";
    }
    return NULL;
}

/* A str argument converted to a C string for the codec machinery. */
static int str_cstr_arg(KrThread *t, const char *fname, const char *argname, KrValue v, const char **out)
{
    if (v == KR_ABSENT) {
        *out = NULL;
        return 0;
    }
    if (!kr_is_str(t, v)) {
        str_type_error(t, "%s() argument '%s' must be str, not %s", fname, argname, str_clinic_type_name(t, v));
        return -1;
    }
    size_t n;
    *out = kr_str_utf8(t, v, &n);
    if (!*out)
        return -1;
    if (strlen(*out) != n) {
        kr_raise_fmt(t, kr_exc_type(t, ValueError), "embedded null character");
        return -1;
    }
    return 0;
}

static KrValue str_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"object", "encoding", "errors"};
    static const KrArgSpec spec = {"str", names, 3, 0, 0, 3};
    KrValue a[3];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    const char *encoding, *errors;
    if (str_cstr_arg(t, "str", "encoding", a[1], &encoding) < 0 ||
        str_cstr_arg(t, "str", "errors", a[2], &errors) < 0)
        return KR_ERROR;
    KrValue r;
    if (a[0] == KR_ABSENT) {
        r = kr_incref(t->vm->empty_str);
    } else if (a[1] == KR_ABSENT && a[2] == KR_ABSENT) {
        r = kr_str(t, a[0]);
    } else if (kr_is_str(t, a[0])) {
        return str_type_error(t, "decoding str is not supported");
    } else {
        size_t len;
        const void *data = str_buffer_of(t, a[0], &len);
        if (!data)
            return str_type_error(t, "decoding to str: need a bytes-like object, %s found",
                                  kr_typename_of(t, a[0]));
        r = len == 0 ? kr_incref(t->vm->empty_str) : kr_str_decode(t, data, len, encoding, errors);
    }
    if (r == KR_ERROR || type == kr_builtin_type(t, STR))
        return r;
    KrValue sub = str_subtype_new(t, type, r);
    kr_decref(t, r);
    return sub;
}

/* ------------------------------------------------------------------ */
/* Methods                                                             */
/* ------------------------------------------------------------------ */

/* ---- case ---- */

#define STR_CASE_METHOD(cname, pyname, fn)                                                  \
    STR_METHOD(cname)                                                                       \
    {                                                                                       \
        (void)args;                                                                         \
        (void)kwnames;                                                                      \
        if (str_check_noargs(t, pyname, nargs) < 0)                                         \
            return KR_ERROR;                                                                \
        UStrBuf buf;                                                                        \
        return str_buf_result(t, fn(kr_str_view(self), &buf), &buf);                       \
    }

/* lower() and upper() of an ASCII str: one pass into the result, no
 * intermediate buffer (the common case by far). */
static KrValue ascii_case(KrThread *t, KrValue self, bool upper)
{
    KrStr *s = kr_as_str(self);
    KrValue r = kr_str_new_raw(t, s->len, 1, true);
    if (r == KR_ERROR)
        return r;
    const unsigned char *src = kr_str_data(s);
    unsigned char *dst = kr_str_data(kr_as_str(r));
    for (size_t i = 0; i < s->len; i++) {
        unsigned char c = src[i];
        if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z'))
            c ^= 0x20;
        dst[i] = c;
    }
    return r;
}

STR_METHOD(str_lower)
{
    (void)args;
    (void)kwnames;
    if (str_check_noargs(t, "lower", nargs) < 0)
        return KR_ERROR;
    if (kr_as_str(self)->ascii && kr_as_str(self)->len > 1)
        return ascii_case(t, self, false);
    UStrBuf buf;
    return str_buf_result(t, ustr_lower(kr_str_view(self), &buf), &buf);
}

STR_METHOD(str_upper)
{
    (void)args;
    (void)kwnames;
    if (str_check_noargs(t, "upper", nargs) < 0)
        return KR_ERROR;
    if (kr_as_str(self)->ascii && kr_as_str(self)->len > 1)
        return ascii_case(t, self, true);
    UStrBuf buf;
    return str_buf_result(t, ustr_upper(kr_str_view(self), &buf), &buf);
}
STR_CASE_METHOD(str_casefold, "casefold", ustr_casefold)
STR_CASE_METHOD(str_title, "title", ustr_title)
STR_CASE_METHOD(str_capitalize, "capitalize", ustr_capitalize)
STR_CASE_METHOD(str_swapcase, "swapcase", ustr_swapcase)

/* ---- predicates ---- */

#define STR_PREDICATE(cname, pyname, fn)                                                    \
    STR_METHOD(cname)                                                                       \
    {                                                                                       \
        (void)args;                                                                         \
        (void)kwnames;                                                                      \
        if (str_check_noargs(t, pyname, nargs) < 0)                                         \
            return KR_ERROR;                                                                \
        return kr_bool(fn(kr_str_view(self)));                                              \
    }

STR_PREDICATE(str_isalnum, "isalnum", ustr_isalnum)
STR_PREDICATE(str_isalpha, "isalpha", ustr_isalpha)
STR_PREDICATE(str_isascii, "isascii", ustr_isascii)
STR_PREDICATE(str_isdecimal, "isdecimal", ustr_isdecimal)
STR_PREDICATE(str_isdigit, "isdigit", ustr_isdigit)
STR_PREDICATE(str_isidentifier, "isidentifier", ustr_isidentifier)
STR_PREDICATE(str_islower, "islower", ustr_islower)
STR_PREDICATE(str_isnumeric, "isnumeric", ustr_isnumeric)
STR_PREDICATE(str_isprintable, "isprintable", ustr_isprintable)
STR_PREDICATE(str_isspace, "isspace", ustr_isspace)
STR_PREDICATE(str_istitle, "istitle", ustr_istitle)
STR_PREDICATE(str_isupper, "isupper", ustr_isupper)

/* ---- searching ---- */

STR_METHOD(str_count)
{
    (void)kwnames;
    ptrdiff_t start, end;
    if (str_find_args(t, "count", args, nargs, &start, &end) < 0 || str_check_str_arg(t, args[0]) < 0)
        return KR_ERROR;
    return kr_int_from_u64(t, ustr_count(kr_str_view(self), kr_str_view(args[0]), start, end));
}

static KrValue str_find_common(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                               const char *name, bool reverse, bool raise)
{
    ptrdiff_t start, end;
    if (str_find_args(t, name, args, nargs, &start, &end) < 0 || str_check_str_arg(t, args[0]) < 0)
        return KR_ERROR;
    UStrView s = kr_str_view(self), sub = kr_str_view(args[0]);
    ptrdiff_t r = reverse ? ustr_rfind(s, sub, start, end) : ustr_find(s, sub, start, end);
    if (r < 0 && raise)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "substring not found");
    return kr_smallint((int64_t)r);
}

STR_METHOD(str_find)
{
    (void)kwnames;
    return str_find_common(t, self, args, nargs, "find", false, false);
}

STR_METHOD(str_rfind)
{
    (void)kwnames;
    return str_find_common(t, self, args, nargs, "rfind", true, false);
}

STR_METHOD(str_index)
{
    (void)kwnames;
    return str_find_common(t, self, args, nargs, "index", false, true);
}

STR_METHOD(str_rindex)
{
    (void)kwnames;
    return str_find_common(t, self, args, nargs, "rindex", true, true);
}

static KrValue str_affix_common(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                const char *name, bool suffix)
{
    ptrdiff_t start, end;
    if (str_find_args(t, name, args, nargs, &start, &end) < 0)
        return KR_ERROR;
    UStrView s = kr_str_view(self);
    KrValue arg = args[0];
    if (kr_is_tuple(t, arg)) {
        for (size_t i = 0; i < kr_tuple_len(arg); i++) {
            KrValue item = kr_tuple_items(arg)[i];
            if (!kr_is_str(t, item))
                return str_type_error(t, "tuple for %s must only contain str, not %s", name,
                                      kr_typename_of(t, item));
            UStrView a = kr_str_view(item);
            if (suffix ? ustr_endswith(s, a, start, end) : ustr_startswith(s, a, start, end))
                return KR_TRUE;
        }
        return KR_FALSE;
    }
    if (!kr_is_str(t, arg))
        return str_type_error(t, "%s first arg must be str or a tuple of str, not %s", name,
                              kr_typename_of(t, arg));
    UStrView a = kr_str_view(arg);
    return kr_bool(suffix ? ustr_endswith(s, a, start, end) : ustr_startswith(s, a, start, end));
}

STR_METHOD(str_startswith)
{
    (void)kwnames;
    return str_affix_common(t, self, args, nargs, "startswith", false);
}

STR_METHOD(str_endswith)
{
    (void)kwnames;
    return str_affix_common(t, self, args, nargs, "endswith", true);
}

/* ---- stripping and affixes ---- */

static KrValue str_strip_common(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                const char *name, int which)
{
    if (kr_check_nargs(t, name, nargs, 0, 1) < 0)
        return KR_ERROR;
    KrValue chars = nargs ? args[0] : KR_NONE;
    UStrView cv, *cp = NULL;
    if (chars != KR_NONE) {
        if (!kr_is_str(t, chars))
            return str_type_error(t, "%s arg must be None or str", name);
        cv = kr_str_view(chars);
        cp = &cv;
    }
    UStrView s = kr_str_view(self);
    UStrView r = which < 0 ? ustr_lstrip(s, cp) : which > 0 ? ustr_rstrip(s, cp) : ustr_strip(s, cp);
    return str_view_result(t, self, r);
}

STR_METHOD(str_strip)
{
    (void)kwnames;
    return str_strip_common(t, self, args, nargs, "strip", 0);
}

STR_METHOD(str_lstrip)
{
    (void)kwnames;
    return str_strip_common(t, self, args, nargs, "lstrip", -1);
}

STR_METHOD(str_rstrip)
{
    (void)kwnames;
    return str_strip_common(t, self, args, nargs, "rstrip", 1);
}

static KrValue str_remove_affix(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                const char *name, bool suffix)
{
    if (str_check_onearg(t, name, nargs) < 0)
        return KR_ERROR;
    if (!kr_is_str(t, args[0]))
        return str_type_error(t, "%s() argument must be str, not %s", name, str_clinic_type_name(t, args[0]));
    UStrView s = kr_str_view(self), a = kr_str_view(args[0]);
    if (a.len > 0 && (suffix ? ustr_endswith(s, a, 0, USTR_END) : ustr_startswith(s, a, 0, USTR_END)))
        s = suffix ? ustr_slice(s, 0, s.len - a.len) : ustr_slice(s, a.len, s.len);
    return str_view_result(t, self, s);
}

STR_METHOD(str_removeprefix)
{
    (void)kwnames;
    return str_remove_affix(t, self, args, nargs, "removeprefix", false);
}

STR_METHOD(str_removesuffix)
{
    (void)kwnames;
    return str_remove_affix(t, self, args, nargs, "removesuffix", true);
}

/* ---- padding ---- */

static int str_fillchar(KrThread *t, KrValue v, uint32_t *out)
{
    if (!kr_is_str(t, v)) {
        str_type_error(t, "The fill character must be a unicode character, not %s", kr_typename_of(t, v));
        return -1;
    }
    if (kr_as_str(v)->len != 1) {
        str_type_error(t, "The fill character must be exactly one character long");
        return -1;
    }
    *out = kr_str_char(kr_as_str(v), 0);
    return 0;
}

static KrValue str_pad_common(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                              const char *name, char how)
{
    if (kr_check_nargs(t, name, nargs, 1, 2) < 0)
        return KR_ERROR;
    int64_t width;
    uint32_t fill = ' ';
    if (kr_as_ssize(t, args[0], &width) < 0)
        return KR_ERROR;
    if (nargs > 1 && str_fillchar(t, args[1], &fill) < 0)
        return KR_ERROR;
    UStrView s = kr_str_view(self);
    if (width <= (int64_t)s.len)
        return str_view_result(t, self, s);
    UStrBuf buf;
    UStrStatus st = how == '^' ? ustr_center(s, (ptrdiff_t)width, fill, &buf)
                    : how == '<' ? ustr_ljust(s, (ptrdiff_t)width, fill, &buf)
                                 : ustr_rjust(s, (ptrdiff_t)width, fill, &buf);
    return str_buf_result(t, st, &buf);
}

STR_METHOD(str_center)
{
    (void)kwnames;
    return str_pad_common(t, self, args, nargs, "center", '^');
}

STR_METHOD(str_ljust)
{
    (void)kwnames;
    return str_pad_common(t, self, args, nargs, "ljust", '<');
}

STR_METHOD(str_rjust)
{
    (void)kwnames;
    return str_pad_common(t, self, args, nargs, "rjust", '>');
}

STR_METHOD(str_zfill)
{
    (void)kwnames;
    if (str_check_onearg(t, "zfill", nargs) < 0)
        return KR_ERROR;
    int64_t width;
    if (kr_as_ssize(t, args[0], &width) < 0)
        return KR_ERROR;
    UStrView s = kr_str_view(self);
    if (width <= (int64_t)s.len)
        return str_view_result(t, self, s);
    UStrBuf buf;
    return str_buf_result(t, ustr_zfill(s, (ptrdiff_t)width, &buf), &buf);
}

STR_METHOD(str_expandtabs)
{
    static const char *const names[] = {"tabsize"};
    static const KrArgSpec spec = {"expandtabs", names, 1, 0, 0, 1};
    KrValue a[1];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int tabsize = 8;
    if (a[0] != KR_ABSENT && str_as_cint(t, a[0], &tabsize) < 0)
        return KR_ERROR;
    UStrBuf buf;
    return str_buf_result(t, ustr_expandtabs(kr_str_view(self), tabsize, &buf), &buf);
}

/* ---- splitting and joining ---- */

static KrValue str_list_of_views(KrThread *t, KrValue self, const UStrViewList *l)
{
    KrValue list = kr_list_new(t, l->len);
    if (list == KR_ERROR)
        return KR_ERROR;
    for (size_t i = 0; i < l->len; i++) {
        KrValue item = str_view_result(t, self, l->items[i]);
        if (item == KR_ERROR) {
            kr_decref(t, list);
            return KR_ERROR;
        }
        kr_as_list(list)->items[i] = item;
    }
    return list;
}

static KrValue str_split_common(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                KrValue kwnames, bool right)
{
    static const char *const names[] = {"sep", "maxsplit"};
    static const KrArgSpec split_spec = {"split", names, 2, 0, 0, 2};
    static const KrArgSpec rsplit_spec = {"rsplit", names, 2, 0, 0, 2};
    KrValue a[2];
    if (kr_parse_args(t, right ? &rsplit_spec : &split_spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int64_t maxsplit = -1;
    if (a[1] != KR_ABSENT && kr_as_ssize(t, a[1], &maxsplit) < 0)
        return KR_ERROR;
    UStrView sepv, *sep = NULL;
    if (a[0] != KR_ABSENT && a[0] != KR_NONE) {
        if (!kr_is_str(t, a[0]))
            return str_type_error(t, "must be str or None, not %s", kr_typename_of(t, a[0]));
        sepv = kr_str_view(a[0]);
        sep = &sepv;
    }
    UStrViewList l;
    ustr_list_init(&l);
    UStrView s = kr_str_view(self);
    UStrStatus st = right ? ustr_rsplit(s, sep, (ptrdiff_t)maxsplit, &l) : ustr_split(s, sep, (ptrdiff_t)maxsplit, &l);
    KrValue r;
    if (st == USTR_EMPTY_SEP)
        r = kr_raise_fmt(t, kr_exc_type(t, ValueError), "empty separator");
    else if (st != USTR_OK)
        r = kr_no_memory(t);
    else
        r = str_list_of_views(t, self, &l);
    ustr_list_free(&l);
    return r;
}

STR_METHOD(str_split)
{
    return str_split_common(t, self, args, nargs, kwnames, false);
}

STR_METHOD(str_rsplit)
{
    return str_split_common(t, self, args, nargs, kwnames, true);
}

STR_METHOD(str_splitlines)
{
    static const char *const names[] = {"keepends"};
    static const KrArgSpec spec = {"splitlines", names, 1, 0, 0, 1};
    KrValue a[1];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int keepends = 0;
    if (a[0] != KR_ABSENT && str_as_cint(t, a[0], &keepends) < 0)
        return KR_ERROR;
    UStrViewList l;
    ustr_list_init(&l);
    UStrStatus st = ustr_splitlines(kr_str_view(self), keepends != 0, &l);
    KrValue r = st != USTR_OK ? kr_no_memory(t) : str_list_of_views(t, self, &l);
    ustr_list_free(&l);
    return r;
}

static KrValue str_partition_common(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                    const char *name, bool right)
{
    if (str_check_onearg(t, name, nargs) < 0 || str_check_str_arg(t, args[0]) < 0)
        return KR_ERROR;
    UStrView out[3];
    UStrView s = kr_str_view(self);
    UStrStatus st = right ? ustr_rpartition(s, kr_str_view(args[0]), out)
                          : ustr_partition(s, kr_str_view(args[0]), out);
    if (st == USTR_EMPTY_SEP)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "empty separator");
    KrValue parts[3];
    for (int i = 0; i < 3; i++) {
        /* CPython hands back self itself (even a subclass instance) as
         * the unsplit part when the separator is absent. */
        if (out[i].len == s.len && s.len > 0)
            parts[i] = kr_incref(self);
        else
            parts[i] = str_view_result(t, self, out[i]);
        if (parts[i] == KR_ERROR) {
            for (int j = 0; j < i; j++)
                kr_decref(t, parts[j]);
            return KR_ERROR;
        }
    }
    KrValue r = kr_tuple_pack(t, 3, parts[0], parts[1], parts[2]);
    for (int i = 0; i < 3; i++)
        kr_decref(t, parts[i]);
    return r;
}

STR_METHOD(str_partition)
{
    (void)kwnames;
    return str_partition_common(t, self, args, nargs, "partition", false);
}

STR_METHOD(str_rpartition)
{
    (void)kwnames;
    return str_partition_common(t, self, args, nargs, "rpartition", true);
}

KrValue kr_str_join(KrThread *t, KrValue sep, KrValue iterable)
{
    KrValue seq;
    if (kr_is_list(t, iterable) || kr_is_tuple(t, iterable)) {
        seq = kr_incref(iterable);
    } else {
        KrValue it = kr_iter(t, iterable);
        if (it == KR_ERROR) {
            if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
                kr_err_clear(t);
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "can only join an iterable");
            }
            return KR_ERROR;
        }
        seq = kr_list_from_iterable(t, it);
        kr_decref(t, it);
        if (seq == KR_ERROR)
            return KR_ERROR;
    }
    size_t n;
    const KrValue *items;
    if (kr_is_list(t, seq)) {
        n = kr_as_list(seq)->len;
        items = kr_as_list(seq)->items;
    } else {
        n = kr_tuple_len(seq);
        items = kr_tuple_items(seq);
    }
    KrValue r = KR_ERROR;
    UStrView *views = NULL;
    if (n == 0) {
        r = kr_incref(t->vm->empty_str);
        goto done;
    }
    if (n == 1 && kr_is_exact_str(t, items[0])) {
        r = kr_incref(items[0]);
        goto done;
    }
    views = malloc(n * sizeof *views);
    if (!views) {
        kr_no_memory(t);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (!kr_is_str(t, items[i])) {
            str_type_error(t, "sequence item %zu: expected str instance, %s found", i,
                           kr_typename_of(t, items[i]));
            goto done;
        }
        views[i] = kr_str_view(items[i]);
    }
    UStrBuf buf;
    r = str_buf_result(t, ustr_join(kr_str_view(sep), views, n, &buf), &buf);
done:
    free(views);
    kr_decref(t, seq);
    return r;
}

STR_METHOD(str_join)
{
    (void)kwnames;
    if (str_check_onearg(t, "join", nargs) < 0)
        return KR_ERROR;
    return kr_str_join(t, self, args[0]);
}

/* ---- replacing and translating ---- */

STR_METHOD(str_replace)
{
    (void)kwnames;
    if (kr_check_nargs(t, "replace", nargs, 2, 3) < 0)
        return KR_ERROR;
    for (int i = 0; i < 2; i++)
        if (!kr_is_str(t, args[i]))
            return str_type_error(t, "replace() argument %d must be str, not %s", i + 1,
                                  str_clinic_type_name(t, args[i]));
    int64_t count = -1;
    if (nargs > 2 && kr_as_ssize(t, args[2], &count) < 0)
        return KR_ERROR;
    UStrView s = kr_str_view(self), old = kr_str_view(args[0]);
    if (count == 0 || (old.len > 0 && ustr_find_all(s, old) < 0))
        return str_view_result(t, self, s);
    UStrBuf buf;
    return str_buf_result(t, ustr_replace(s, old, kr_str_view(args[1]), (ptrdiff_t)count, &buf), &buf);
}

/* What table[cp] says for one character: 1 and *out (a new reference:
 * None, an int or a str), 0 for "leave it", -1 on error. */
static int str_translate_lookup(KrThread *t, KrValue table, uint32_t cp, KrValue *out)
{
    KrValue key = kr_smallint(cp);
    KrValue v = kr_getitem(t, table, key);
    if (v == KR_ERROR) {
        if (kr_err_matches(t, kr_exc_type(t, LookupError))) {
            kr_err_clear(t);
            return 0;
        }
        return -1;
    }
    if (v != KR_NONE && !kr_is_str(t, v) && !kr_is_int(t, v)) {
        kr_decref(t, v);
        str_type_error(t, "character mapping must return integer, None or str");
        return -1;
    }
    if (kr_is_int(t, v)) {
        int64_t c;
        if (kr_int_as_i64(t, v, &c) < 0) {
            kr_err_clear(t);
            c = -1;
        }
        kr_decref(t, v);
        if (c < 0 || c > 0x10FFFF) {
            kr_raise_fmt(t, kr_exc_type(t, ValueError), "character mapping must be in range(0x110000)");
            return -1;
        }
        v = kr_smallint(c);
    }
    *out = v;
    return 1;
}

STR_METHOD(str_translate)
{
    (void)kwnames;
    if (str_check_onearg(t, "translate", nargs) < 0)
        return KR_ERROR;
    KrValue table = args[0];
    KrStr *s = kr_as_str(self);
    /* The mapping is asked once per distinct ASCII character (CPython
     * caches those too); -2 marks "not asked yet", -1 "leave it". */
    KrValue cache[128];
    bool cached[128] = {false};
    UStrBuilder b;
    ustr_builder_init(&b);
    bool changed = false;
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kr_str_char(s, i);
        KrValue v = KR_ABSENT;
        if (c < 128 && cached[c]) {
            v = cache[c];
        } else {
            int r = str_translate_lookup(t, table, c, &v);
            if (r < 0)
                goto fail;
            if (r == 0)
                v = KR_ABSENT;
            if (c < 128) {
                cache[c] = v;
                cached[c] = true;
            }
        }
        bool ok;
        if (v == KR_ABSENT) {
            ok = ustr_append_cp(&b, c);
        } else {
            changed = true;
            if (v == KR_NONE)
                ok = true;
            else if (kr_is_smallint(v))
                ok = ustr_append_cp(&b, (uint32_t)kr_as_smallint(v));
            else
                ok = ustr_append_view(&b, kr_str_view(v));
            if (c >= 128)
                kr_decref(t, v);
        }
        if (!ok) {
            kr_no_memory(t);
            goto fail;
        }
    }
    for (int c = 0; c < 128; c++)
        if (cached[c])
            kr_xdecref(t, cache[c]);
    if (!changed) {
        ustr_builder_free(&b);
        return str_exact(t, self);
    }
    UStrBuf buf;
    if (!ustr_builder_finish(&b, &buf)) {
        ustr_builder_free(&b);
        return kr_no_memory(t);
    }
    return kr_str_from_ustrbuf(t, buf);
fail:
    for (int c = 0; c < 128; c++)
        if (cached[c])
            kr_xdecref(t, cache[c]);
    ustr_builder_free(&b);
    return KR_ERROR;
}

static KrValue str_maketrans(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    (void)kwnames;
    if (kr_check_nargs(t, "maketrans", nargs, 1, 3) < 0)
        return KR_ERROR;
    for (size_t i = 1; i < nargs; i++)
        if (!kr_is_str(t, args[i]))
            return str_type_error(t, "maketrans() argument %zu must be str, not %s", i + 1,
                                  str_clinic_type_name(t, args[i]));
    KrValue d = kr_dict_new(t);
    if (d == KR_ERROR)
        return KR_ERROR;
    KrValue x = args[0];
    if (nargs == 1) {
        if (!kr_is_dict(t, x)) {
            kr_decref(t, d);
            return str_type_error(t, "if you give only one argument to maketrans it must be a dict");
        }
        size_t pos = 0;
        KrValue k, v;
        while (kr_dict_next(x, &pos, &k, &v)) {
            KrValue key;
            if (kr_is_str(t, k)) {
                if (kr_as_str(k)->len != 1) {
                    kr_decref(t, d);
                    return kr_raise_fmt(t, kr_exc_type(t, ValueError),
                                        "string keys in translate table must be of length 1");
                }
                key = kr_smallint(kr_str_char(kr_as_str(k), 0));
            } else if (kr_is_int(t, k)) {
                key = k;
            } else {
                kr_decref(t, d);
                return str_type_error(t, "keys in translate table must be strings or integers");
            }
            if (kr_dict_set(t, d, key, v) < 0) {
                kr_decref(t, d);
                return KR_ERROR;
            }
        }
        return d;
    }
    if (!kr_is_str(t, x)) {
        kr_decref(t, d);
        return str_type_error(t, "first maketrans argument must be a string if there is a second argument");
    }
    KrStr *xs = kr_as_str(x), *ys = kr_as_str(args[1]);
    if (xs->len != ys->len) {
        kr_decref(t, d);
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "the first two maketrans arguments must have equal length");
    }
    for (size_t i = 0; i < xs->len; i++)
        if (kr_dict_set(t, d, kr_smallint(kr_str_char(xs, i)), kr_smallint(kr_str_char(ys, i))) < 0) {
            kr_decref(t, d);
            return KR_ERROR;
        }
    if (nargs > 2) {
        KrStr *zs = kr_as_str(args[2]);
        for (size_t i = 0; i < zs->len; i++)
            if (kr_dict_set(t, d, kr_smallint(kr_str_char(zs, i)), KR_NONE) < 0) {
                kr_decref(t, d);
                return KR_ERROR;
            }
    }
    return d;
}

/* ---- encode and the rest ---- */

STR_METHOD(str_encode)
{
    static const char *const names[] = {"encoding", "errors"};
    static const KrArgSpec spec = {"encode", names, 2, 0, 0, 2};
    KrValue a[2];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    const char *encoding, *errors;
    if (str_cstr_arg(t, "encode", "encoding", a[0], &encoding) < 0 ||
        str_cstr_arg(t, "encode", "errors", a[1], &errors) < 0)
        return KR_ERROR;
    return kr_str_encode(t, self, encoding, errors);
}

STR_METHOD(str_sizeof)
{
    (void)args;
    (void)kwnames;
    if (str_check_noargs(t, "__sizeof__", nargs) < 0)
        return KR_ERROR;
    /* CPython 3.11's layouts: a compact ASCII str has a 48-byte header, a
     * compact non-ASCII one 72 bytes, a subclass instance 80 bytes and its
     * text apart; each holds its text with a terminator. */
    KrStr *s = kr_as_str(self);
    size_t text = (s->len + 1) * s->width;
    size_t header = !kr_is_exact_str(t, self) ? 80 : s->ascii ? 48 : 72;
    return kr_int_from_u64(t, header + text);
}

STR_METHOD(str_getnewargs)
{
    (void)args;
    (void)kwnames;
    if (str_check_noargs(t, "__getnewargs__", nargs) < 0)
        return KR_ERROR;
    KrValue copy = kr_str_from_ucs(t, kr_str_data(kr_as_str(self)), kr_as_str(self)->len,
                                   kr_as_str(self)->width);
    if (copy == KR_ERROR)
        return KR_ERROR;
    KrValue r = kr_tuple_pack(t, 1, copy);
    kr_decref(t, copy);
    return r;
}

const KrMethodDef kr_str_methods[] = {
    {"encode", str_encode, KR_METH_KEYWORDS,
     "Encode the string using the codec registered for encoding."},
    {"replace", str_replace, 0, "Return a copy with all occurrences of substring old replaced by new."},
    {"split", str_split, KR_METH_KEYWORDS,
     "Return a list of the substrings in the string, using sep as the separator string."},
    {"rsplit", str_rsplit, KR_METH_KEYWORDS,
     "Return a list of the substrings in the string, using sep as the separator string."},
    {"join", str_join, 0, "Concatenate any number of strings."},
    {"capitalize", str_capitalize, 0, "Return a capitalized version of the string."},
    {"casefold", str_casefold, 0, "Return a version of the string suitable for caseless comparisons."},
    {"title", str_title, 0, "Return a version of the string where each word is titlecased."},
    {"center", str_center, 0, "Return a centered string of length width."},
    {"count", str_count, 0,
     "S.count(sub[, start[, end]]) -> int\n\nReturn the number of non-overlapping occurrences of substring sub in\n"
     "string S[start:end].  Optional arguments start and end are\ninterpreted as in slice notation."},
    {"expandtabs", str_expandtabs, KR_METH_KEYWORDS, "Return a copy where all tab characters are expanded using spaces."},
    {"find", str_find, 0,
     "S.find(sub[, start[, end]]) -> int\n\nReturn the lowest index in S where substring sub is found,\n"
     "such that sub is contained within S[start:end].  Optional\narguments start and end are interpreted as in slice notation.\n\n"
     "Return -1 on failure."},
    {"partition", str_partition, 0, "Partition the string into three parts using the given separator."},
    {"index", str_index, 0,
     "S.index(sub[, start[, end]]) -> int\n\nReturn the lowest index in S where substring sub is found,\n"
     "such that sub is contained within S[start:end].  Optional\narguments start and end are interpreted as in slice notation.\n\n"
     "Raises ValueError when the substring is not found."},
    {"ljust", str_ljust, 0, "Return a left-justified string of length width."},
    {"lower", str_lower, 0, "Return a copy of the string converted to lowercase."},
    {"lstrip", str_lstrip, 0, "Return a copy of the string with leading whitespace removed."},
    {"rfind", str_rfind, 0,
     "S.rfind(sub[, start[, end]]) -> int\n\nReturn the highest index in S where substring sub is found,\n"
     "such that sub is contained within S[start:end].  Optional\narguments start and end are interpreted as in slice notation.\n\n"
     "Return -1 on failure."},
    {"rindex", str_rindex, 0,
     "S.rindex(sub[, start[, end]]) -> int\n\nReturn the highest index in S where substring sub is found,\n"
     "such that sub is contained within S[start:end].  Optional\narguments start and end are interpreted as in slice notation.\n\n"
     "Raises ValueError when the substring is not found."},
    {"rjust", str_rjust, 0, "Return a right-justified string of length width."},
    {"rstrip", str_rstrip, 0, "Return a copy of the string with trailing whitespace removed."},
    {"rpartition", str_rpartition, 0, "Partition the string into three parts using the given separator."},
    {"splitlines", str_splitlines, KR_METH_KEYWORDS, "Return a list of the lines in the string, breaking at line boundaries."},
    {"strip", str_strip, 0, "Return a copy of the string with leading and trailing whitespace removed."},
    {"swapcase", str_swapcase, 0, "Convert uppercase characters to lowercase and lowercase characters to uppercase."},
    {"translate", str_translate, 0, "Replace each character in the string using the given translation table."},
    {"upper", str_upper, 0, "Return a copy of the string converted to uppercase."},
    {"startswith", str_startswith, 0,
     "S.startswith(prefix[, start[, end]]) -> bool\n\nReturn True if S starts with the specified prefix, False otherwise.\n"
     "With optional start, test S beginning at that position.\nWith optional end, stop comparing S at that position.\n"
     "prefix can also be a tuple of strings to try."},
    {"endswith", str_endswith, 0,
     "S.endswith(suffix[, start[, end]]) -> bool\n\nReturn True if S ends with the specified suffix, False otherwise.\n"
     "With optional start, test S beginning at that position.\nWith optional end, stop comparing S at that position.\n"
     "suffix can also be a tuple of strings to try."},
    {"removeprefix", str_removeprefix, 0, "Return a str with the given prefix string removed if present."},
    {"removesuffix", str_removesuffix, 0, "Return a str with the given suffix string removed if present."},
    {"isascii", str_isascii, 0, "Return True if all characters in the string are ASCII, False otherwise."},
    {"islower", str_islower, 0, "Return True if the string is a lowercase string, False otherwise."},
    {"isupper", str_isupper, 0, "Return True if the string is an uppercase string, False otherwise."},
    {"istitle", str_istitle, 0, "Return True if the string is a title-cased string, False otherwise."},
    {"isspace", str_isspace, 0, "Return True if the string is a whitespace string, False otherwise."},
    {"isdecimal", str_isdecimal, 0, "Return True if the string is a decimal string, False otherwise."},
    {"isdigit", str_isdigit, 0, "Return True if the string is a digit string, False otherwise."},
    {"isnumeric", str_isnumeric, 0, "Return True if the string is a numeric string, False otherwise."},
    {"isalpha", str_isalpha, 0, "Return True if the string is an alphabetic string, False otherwise."},
    {"isalnum", str_isalnum, 0, "Return True if the string is an alpha-numeric string, False otherwise."},
    {"isidentifier", str_isidentifier, 0, "Return True if the string is a valid Python identifier, False otherwise."},
    {"isprintable", str_isprintable, 0, "Return True if the string is printable, False otherwise."},
    {"zfill", str_zfill, 0, "Pad a numeric string with zeros on the left, to fill a field of the given width."},
    {"format", str_method_format, KR_METH_KEYWORDS,
     "S.format(*args, **kwargs) -> str\n\nReturn a formatted version of S, using substitutions from args and kwargs.\n"
     "The substitutions are identified by braces ('{' and '}')."},
    {"format_map", str_method_format_map, 0,
     "S.format_map(mapping) -> str\n\nReturn a formatted version of S, using substitutions from mapping.\n"
     "The substitutions are identified by braces ('{' and '}')."},
    {"__format__", str_method_dunder_format, 0, "Return a formatted version of the string as described by format_spec."},
    {"maketrans", str_maketrans, KR_METH_STATIC, "Return a translation table usable for str.translate()."},
    {"__sizeof__", str_sizeof, 0, "Return the size of the string in memory, in bytes."},
    {"__getnewargs__", str_getnewargs, 0, NULL},
    {0},
};

void kr_str_methods_fill(KrType *tp)
{
    tp->new_ = str_new;
    tp->getitem = str_getitem;
    tp->binary[KR_OP_MUL] = str_mul;
    tp->binary[KR_OP_MOD] = str_mod;
    tp->iter = str_iter;
    tp->varsize = str_varsize;
}
