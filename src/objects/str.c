/* str: the object, its construction, interning, hashing, UTF-8 and repr.
 * The methods of str live in str_methods.c and its formatting in
 * str_format.c; the algorithms under them in core/ustr.c.
 *
 * Storage is PEP 393's: each str holds its code points at the narrowest
 * width (1, 2 or 4 bytes) that fits its largest one, so two equal strs
 * always have the same width and bytes, and equality is memcmp. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codecs.h"
#include "objects/objects.h"
#include "parse/unicode_db.h"

static size_t str_alloc_size(size_t len, int width)
{
    return sizeof(KrStr) + (len + 1) * (size_t)width;
}

KrValue kr_str_new_raw(KrThread *t, size_t len, int width, bool ascii)
{
    if (len > (SIZE_MAX - sizeof(KrStr)) / 4 - 1)
        return kr_no_memory(t);
    KrStr *s = (KrStr *)kr_alloc(t, kr_builtin_type(t, STR), str_alloc_size(len, width));
    if (!s)
        return KR_ERROR;
    s->hash = -1;
    s->len = len;
    s->width = (uint8_t)width;
    s->ascii = ascii;
    if (ascii) {
        s->utf8 = (char *)kr_str_data(s);
        s->utf8_len = len;
    }
    return kr_ptr(s);
}

KrValue kr_str_from_ucs(KrThread *t, const void *data, size_t len, int width)
{
    UStrView v = ustr_view(data, len, width);
    uint32_t maxchar = ustr_max_char(v);
    int w = ustr_width_for(maxchar);
    if (len == 0)
        return kr_incref(t->vm->empty_str);
    if (len == 1 && maxchar < 256 && t->vm->latin1[maxchar])
        return kr_incref(t->vm->latin1[maxchar]);
    KrValue r = kr_str_new_raw(t, len, w, maxchar < 128);
    if (r == KR_ERROR)
        return r;
    KrStr *s = kr_as_str(r);
    if (w == width) {
        memcpy(kr_str_data(s), data, len * (size_t)width);
    } else {
        for (size_t i = 0; i < len; i++) {
            uint32_t c = ustr_get(v, i);
            switch (w) {
            case 1: ((uint8_t *)kr_str_data(s))[i] = (uint8_t)c; break;
            case 2: ((uint16_t *)kr_str_data(s))[i] = (uint16_t)c; break;
            default: ((uint32_t *)kr_str_data(s))[i] = c; break;
            }
        }
    }
    return r;
}

KrValue kr_str_from_ustrbuf(KrThread *t, UStrBuf buf)
{
    KrValue r = kr_str_from_ucs(t, buf.data, buf.len, buf.width ? buf.width : 1);
    free(buf.data);
    return r;
}

KrValue kr_str_substr(KrThread *t, KrValue s, size_t start, size_t end)
{
    KrStr *str = kr_as_str(s);
    if (start == 0 && end == str->len && kr_is_exact_str(t, s))
        return kr_incref(s);
    return kr_str_from_ucs(t, (const char *)kr_str_data(str) + start * str->width, end - start,
                           str->width);
}

KrValue kr_str_from_char(KrThread *t, uint32_t cp)
{
    if (cp < 256)
        return kr_incref(t->vm->latin1[cp]);
    if (cp < 0x10000) {
        uint16_t c = (uint16_t)cp;
        return kr_str_from_ucs(t, &c, 1, 2);
    }
    return kr_str_from_ucs(t, &cp, 1, 4);
}

static KrValue raise_utf8_decode_error(KrThread *t, const char *s, size_t len, size_t start, size_t end,
                                       const char *reason)
{
    KrValue bytes = kr_bytes_new(t, s, len);
    if (bytes == KR_ERROR)
        return KR_ERROR;
    KrValue enc = kr_str_from_cstr(t, "utf-8");
    KrValue why = kr_str_from_cstr(t, reason);
    KrValue args = kr_tuple_pack(t, 5, enc, bytes, kr_smallint((int64_t)start), kr_smallint((int64_t)end), why);
    kr_decref(t, enc);
    kr_decref(t, why);
    kr_decref(t, bytes);
    if (args == KR_ERROR)
        return KR_ERROR;
    kr_raise_args(t, kr_exc_type(t, UnicodeDecodeError), args);
    kr_decref(t, args);
    return KR_ERROR;
}

KrValue kr_str_from_utf8(KrThread *t, const char *s, size_t len)
{
    size_t ascii = codec_ascii_prefix((const uint8_t *)s, len);
    if (ascii == len) {
        if (len == 0)
            return kr_incref(t->vm->empty_str);
        if (len == 1 && t->vm->latin1[(unsigned char)s[0]])
            return kr_incref(t->vm->latin1[(unsigned char)s[0]]);
        KrValue r = kr_str_new_raw(t, len, 1, true);
        if (r != KR_ERROR)
            memcpy(kr_str_data(kr_as_str(r)), s, len);
        return r;
    }
    CodecHandler strict;
    codec_builtin_handler("strict", &strict);
    CodecStr out = {0};
    CodecResult res;
    memset(&res, 0, sizeof res);
    CodecStatus st = codec_utf8_decode((const uint8_t *)s, len, strict, true, &out, &res);
    if (st == CODEC_NOMEM) {
        codec_str_free(&out);
        return kr_no_memory(t);
    }
    if (st != CODEC_OK) {
        codec_str_free(&out);
        return raise_utf8_decode_error(t, s, len, res.error.start, res.error.end, res.error.reason);
    }
    KrValue r = kr_str_from_ucs(t, out.data, out.len, 4);
    codec_str_free(&out);
    return r;
}

KrValue kr_str_from_cstr(KrThread *t, const char *s)
{
    return kr_str_from_utf8(t, s, strlen(s));
}

const char *kr_str_utf8(KrThread *t, KrValue v, size_t *len)
{
    KrStr *s = kr_as_str(v);
    if (!s->utf8) {
        /* Encode; lone surrogates cannot be UTF-8. */
        size_t n = 0;
        for (size_t i = 0; i < s->len; i++) {
            uint32_t c = kr_str_char(s, i);
            if (c >= 0xD800 && c < 0xE000) {
                KrValue obj = kr_incref(v);
                KrValue enc = kr_str_from_cstr(t, "utf-8");
                KrValue why = kr_str_from_cstr(t, "surrogates not allowed");
                KrValue args = kr_tuple_pack(t, 5, enc, obj, kr_smallint((int64_t)i),
                                             kr_smallint((int64_t)i + 1), why);
                kr_decref(t, enc);
                kr_decref(t, why);
                kr_decref(t, obj);
                if (args != KR_ERROR) {
                    kr_raise_args(t, kr_exc_type(t, UnicodeEncodeError), args);
                    kr_decref(t, args);
                }
                return NULL;
            }
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        }
        char *buf = malloc(n + 1);
        if (!buf) {
            kr_no_memory(t);
            return NULL;
        }
        char *p = buf;
        for (size_t i = 0; i < s->len; i++) {
            uint32_t c = kr_str_char(s, i);
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
        s->utf8 = buf;
        s->utf8_len = n;
    }
    if (len)
        *len = s->utf8_len;
    return s->utf8;
}

/* ---- hashing and equality ---- */

/* A 64-bit hash of the code points (FNV-1a over the code units, then a
 * finaliser that spreads the bits).  CPython randomises str hashes per
 * process, so no program can depend on their values. */
int64_t kr_str_hash(KrValue v)
{
    KrStr *s = kr_as_str(v);
    if (s->hash != -1)
        return s->hash;
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    const uint8_t *p = kr_str_data(s);
    size_t nbytes = s->len * s->width;
    for (size_t i = 0; i < nbytes; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    int64_t r = (int64_t)h;
    if (r == -1)
        r = -2;
    s->hash = r;
    return r;
}

bool kr_str_equal(KrValue a, KrValue b)
{
    if (a == b)
        return true;
    KrStr *x = kr_as_str(a), *y = kr_as_str(b);
    if (x->len != y->len || x->width != y->width)
        return false;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash)
        return false;
    return memcmp(kr_str_data(x), kr_str_data(y), x->len * x->width) == 0;
}

bool kr_str_equal_cstr(KrValue v, const char *ascii)
{
    KrStr *s = kr_as_str(v);
    size_t n = strlen(ascii);
    return s->width == 1 && s->len == n && memcmp(kr_str_data(s), ascii, n) == 0;
}

/* ---- interning ---- */

KrValue kr_str_intern(KrThread *t, KrValue s)
{
    if (kr_as_str(s)->interned)
        return kr_incref(s);
    KrValue found = kr_dict_get(t, t->vm->interned, s);
    if (found == KR_ERROR)
        return KR_ERROR;
    if (found != KR_ABSENT)
        return kr_incref(found);
    if (!kr_is_exact_str(t, s))
        return kr_incref(s);
    if (kr_dict_set(t, t->vm->interned, s, s) < 0)
        return KR_ERROR;
    kr_as_str(s)->interned = 1;
    return kr_incref(s);
}

KrValue kr_str_intern_cstr(KrThread *t, const char *cs)
{
    KrValue s = kr_str_from_cstr(t, cs);
    if (s == KR_ERROR)
        return s;
    KrValue r = kr_str_intern(t, s);
    kr_decref(t, s);
    return r;
}

KrValue kr_str_concat(KrThread *t, KrValue a, KrValue b)
{
    KrStr *x = kr_as_str(a), *y = kr_as_str(b);
    if (y->len == 0 && kr_is_exact_str(t, a))
        return kr_incref(a);
    if (x->len == 0 && kr_is_exact_str(t, b))
        return kr_incref(b);
    int w = x->width > y->width ? x->width : y->width;
    KrValue r = kr_str_new_raw(t, x->len + y->len, w, x->ascii && y->ascii);
    if (r == KR_ERROR)
        return r;
    KrStr *s = kr_as_str(r);
    if (x->width == w && y->width == w) {
        memcpy(kr_str_data(s), kr_str_data(x), x->len * w);
        memcpy((char *)kr_str_data(s) + x->len * w, kr_str_data(y), y->len * w);
    } else {
        for (size_t i = 0; i < x->len + y->len; i++) {
            uint32_t c = i < x->len ? kr_str_char(x, i) : kr_str_char(y, i - x->len);
            if (w == 2)
                ((uint16_t *)kr_str_data(s))[i] = (uint16_t)c;
            else
                ((uint32_t *)kr_str_data(s))[i] = c;
        }
    }
    return r;
}

/* s += other when the caller holds the only reference to s: the string
 * grows where it is (CPython does the same for `s += t` in a loop, which
 * would otherwise copy the whole string each time).  Returns the new
 * value of s (s itself has been consumed), or KR_ABSENT when the fast
 * path does not apply (nothing changed). */
KrValue kr_str_append_inplace(KrThread *t, KrValue sv, KrValue ov)
{
    if (!kr_is_exact_str(t, sv) || !kr_is_exact_str(t, ov))
        return KR_ABSENT;
    KrStr *s = kr_as_str(sv), *o = kr_as_str(ov);
    if (s->ob.refcnt != 1 || s->interned || o->width > s->width || s->len == 0 || sv == ov)
        return KR_ABSENT;
    if (s->len == 1 && s->width == 1)
        return KR_ABSENT; /* the shared one-character strings */
    size_t len = s->len + o->len;
    bool ascii = s->ascii && o->ascii;
    if (s->utf8 && s->utf8 != (char *)kr_str_data(s))
        free(s->utf8);
    s->utf8 = NULL;
    KrStr *n = realloc(s, str_alloc_size(len, s->width));
    if (!n) {
        s->utf8 = s->ascii ? (char *)kr_str_data(s) : NULL;
        return KR_ABSENT;
    }
    char *data = kr_str_data(n);
    if (o->width == n->width) {
        memcpy(data + n->len * n->width, kr_str_data(o), o->len * o->width);
    } else {
        for (size_t i = 0; i < o->len; i++) {
            uint32_t c = kr_str_char(o, i);
            if (n->width == 2)
                ((uint16_t *)data)[n->len + i] = (uint16_t)c;
            else
                ((uint32_t *)data)[n->len + i] = c;
        }
    }
    memset(data + len * n->width, 0, n->width);
    n->len = len;
    n->hash = -1;
    n->ascii = ascii;
    if (ascii) {
        n->utf8 = data;
        n->utf8_len = len;
    }
    return kr_ptr(n);
}

/* ---- builder ---- */

void kr_sb_init(KrStrBuilder *b) { ustr_builder_init(&b->u); }
void kr_sb_discard(KrStrBuilder *b) { ustr_builder_free(&b->u); }

int kr_sb_append_ascii(KrThread *t, KrStrBuilder *b, const char *s, size_t n)
{
    if (!ustr_append_ascii(&b->u, s, n)) {
        kr_no_memory(t);
        return -1;
    }
    return 0;
}

int kr_sb_append_char(KrThread *t, KrStrBuilder *b, uint32_t cp)
{
    if (!ustr_append_cp(&b->u, cp)) {
        kr_no_memory(t);
        return -1;
    }
    return 0;
}

int kr_sb_append_utf8(KrThread *t, KrStrBuilder *b, const char *s, size_t n)
{
    size_t ascii = codec_ascii_prefix((const uint8_t *)s, n);
    if (kr_sb_append_ascii(t, b, s, ascii) < 0)
        return -1;
    if (ascii == n)
        return 0;
    KrValue rest = kr_str_from_utf8(t, s + ascii, n - ascii);
    if (rest == KR_ERROR)
        return -1;
    int r = kr_sb_append_str(t, b, rest);
    kr_decref(t, rest);
    return r;
}

int kr_sb_append_str(KrThread *t, KrStrBuilder *b, KrValue s)
{
    if (!ustr_append_view(&b->u, kr_str_view(s))) {
        kr_no_memory(t);
        return -1;
    }
    return 0;
}

KrValue kr_sb_finish(KrThread *t, KrStrBuilder *b)
{
    UStrBuf buf;
    if (b->u.len == 0) {
        ustr_builder_free(&b->u);
        return kr_incref(t->vm->empty_str);
    }
    if (!ustr_builder_finish(&b->u, &buf)) {
        ustr_builder_free(&b->u);
        return kr_no_memory(t);
    }
    return kr_str_from_ustrbuf(t, buf);
}

/* ---- repr ---- */

KrValue kr_str_repr(KrThread *t, KrValue v)
{
    KrStr *s = kr_as_str(v);
    bool has_single = false, has_double = false;
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kr_str_char(s, i);
        if (c == '\'')
            has_single = true;
        else if (c == '"')
            has_double = true;
    }
    uint32_t quote = has_single && !has_double ? '"' : '\'';
    KrStrBuilder b;
    kr_sb_init(&b);
    if (kr_sb_append_char(t, &b, quote) < 0)
        goto fail;
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kr_str_char(s, i);
        char buf[16];
        int n = 0;
        if (c == quote || c == '\\') {
            buf[0] = '\\';
            buf[1] = (char)c;
            n = 2;
        } else if (c == '\t') {
            n = 2, memcpy(buf, "\\t", 2);
        } else if (c == '\n') {
            n = 2, memcpy(buf, "\\n", 2);
        } else if (c == '\r') {
            n = 2, memcpy(buf, "\\r", 2);
        } else if (c < 0x20 || c == 0x7F) {
            n = snprintf(buf, sizeof buf, "\\x%02x", c);
        } else if (c < 0x7F) {
            buf[0] = (char)c;
            n = 1;
        } else if (unicode_is_printable(c)) {
            if (kr_sb_append_char(t, &b, c) < 0)
                goto fail;
            continue;
        } else if (c <= 0xFF) {
            n = snprintf(buf, sizeof buf, "\\x%02x", c);
        } else if (c <= 0xFFFF) {
            n = snprintf(buf, sizeof buf, "\\u%04x", c);
        } else {
            n = snprintf(buf, sizeof buf, "\\U%08x", c);
        }
        if (kr_sb_append_ascii(t, &b, buf, (size_t)n) < 0)
            goto fail;
    }
    if (kr_sb_append_char(t, &b, quote) < 0)
        goto fail;
    return kr_sb_finish(t, &b);
fail:
    kr_sb_discard(&b);
    return KR_ERROR;
}

/* ---- the type's core slots (the methods are in str_methods.c) ---- */

static void str_dealloc(KrThread *t, KrObject *o)
{
    KrStr *s = (KrStr *)o;
    if (s->utf8 && s->utf8 != (char *)kr_str_data(s))
        free(s->utf8);
    kr_free_object(t, o);
}

static KrValue str_repr_slot(KrThread *t, KrValue self) { return kr_str_repr(t, self); }

static KrValue str_str_slot(KrThread *t, KrValue self)
{
    if (kr_is_exact_str(t, self))
        return kr_incref(self);
    KrStr *s = kr_as_str(self);
    return kr_str_from_ucs(t, kr_str_data(s), s->len, s->width);
}

static int64_t str_hash_slot(KrThread *t, KrValue self)
{
    (void)t;
    return kr_str_hash(self);
}

static KrValue str_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if (!kr_is_str(t, a) || !kr_is_str(t, b))
        return KR_NOTIMPLEMENTED;
    if (op == KR_EQ || op == KR_NE) {
        bool eq = kr_str_equal(a, b);
        return kr_bool(op == KR_EQ ? eq : !eq);
    }
    int c = ustr_compare(kr_str_view(a), kr_str_view(b));
    switch (op) {
    case KR_LT: return kr_bool(c < 0);
    case KR_LE: return kr_bool(c <= 0);
    case KR_GT: return kr_bool(c > 0);
    default: return kr_bool(c >= 0);
    }
}

static int64_t str_len(KrThread *t, KrValue self)
{
    (void)t;
    return (int64_t)kr_as_str(self)->len;
}

static KrValue str_add(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_str(t, a))
        return KR_NOTIMPLEMENTED;
    if (!kr_is_str(t, b)) {
        /* str has no nb_add in CPython: b's __radd__ comes before the
         * concatenation error. */
        KrBinaryFn other = kr_type(t, b)->binary[KR_OP_ADD];
        if (other && other != str_add) {
            KrValue r = other(t, a, b);
            if (r != KR_NOTIMPLEMENTED)
                return r;
        }
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "can only concatenate str (not \"%T\") to str", b);
    }
    return kr_str_concat(t, a, b);
}

static int str_contains(KrThread *t, KrValue self, KrValue item)
{
    if (!kr_is_str(t, item))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "'in <string>' requires string as left operand, not %T", item);
    return ustr_find_all(kr_str_view(self), kr_str_view(item)) >= 0;
}

/* Set by str_methods.c: the slots and methods beyond the core. */
void kr_str_methods_fill(KrType *tp);
extern const KrMethodDef kr_str_methods[];

static void str_fill(KrType *tp)
{
    tp->dealloc = str_dealloc;
    tp->repr = str_repr_slot;
    tp->str = str_str_slot;
    tp->hash = str_hash_slot;
    tp->compare = str_compare;
    tp->len = str_len;
    tp->binary[KR_OP_ADD] = str_add;
    tp->contains = str_contains;
    kr_str_methods_fill(tp);
}

const KrTypeSpec kr_str_spec = {
    .name = "str",
    .basicsize = sizeof(KrStr),
    .itemsize = 1,
    .flags = KR_TPFLAG_BASETYPE | KR_TPFLAG_STR_SUBCLASS,
    .methods = kr_str_methods,
    .fill = str_fill,
    .doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\n"
           "Create a new string object from the given object. If encoding or\n"
           "errors is specified, then the object must expose a data buffer\n"
           "that will be decoded using the given encoding and error handler.\n"
           "Otherwise, returns the result of object.__str__() (if defined)\n"
           "or repr(object).\n"
           "encoding defaults to sys.getdefaultencoding().\n"
           "errors defaults to 'strict'.",
};
