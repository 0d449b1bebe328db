/* Encoders and decoders behind `_codecs` (see codecs.h). */
#include "core/codecs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unicode_db.h"

/* ---- buffers ---------------------------------------------------------- */

void codec_bytes_free(CodecBytes *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void codec_str_free(CodecStr *s)
{
    free(s->data);
    s->data = NULL;
    s->len = s->cap = 0;
}

static bool bytes_reserve(CodecBytes *b, size_t extra)
{
    if (b->cap - b->len >= extra)
        return true;
    size_t cap = b->cap ? b->cap : 16;
    while (cap - b->len < extra) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    uint8_t *p = realloc(b->data, cap);
    if (!p)
        return false;
    b->data = p;
    b->cap = cap;
    return true;
}

static bool str_reserve(CodecStr *s, size_t extra)
{
    if (s->cap - s->len >= extra)
        return true;
    size_t cap = s->cap ? s->cap : 16;
    while (cap - s->len < extra) {
        if (cap > SIZE_MAX / 8)
            return false;
        cap *= 2;
    }
    uint32_t *p = realloc(s->data, cap * sizeof *p);
    if (!p)
        return false;
    s->data = p;
    s->cap = cap;
    return true;
}

static bool bytes_put(CodecBytes *b, const void *p, size_t n)
{
    if (!bytes_reserve(b, n))
        return false;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    return true;
}

static bool str_push(CodecStr *s, uint32_t c)
{
    if (s->len == s->cap && !str_reserve(s, 1))
        return false;
    s->data[s->len++] = c;
    return true;
}

static bool str_puts(CodecStr *s, const char *a)
{
    for (; *a; a++)
        if (!str_push(s, (unsigned char)*a))
            return false;
    return true;
}

static void result_init(CodecResult *res)
{
    memset(res, 0, sizeof *res);
    res->first_invalid_escape = SIZE_MAX;
    res->first_invalid_octal = SIZE_MAX;
}

static CodecStatus set_exception(CodecResult *res, CodecExcKind kind, const char *msg)
{
    res->exc_kind = kind;
    snprintf(res->message, sizeof res->message, "%s", msg);
    return CODEC_EXCEPTION;
}

/* ---- error message ---------------------------------------------------- */

size_t codec_error_format(const CodecError *e, char *buf, size_t cap)
{
    int r;
    if (!e->encode) {
        if (e->start < e->nbytes && e->end == e->start + 1)
            r = snprintf(buf, cap, "'%s' codec can't decode byte 0x%02x in position %zu: %s",
                         e->encoding, e->bytes[e->start], e->start, e->reason);
        else
            r = snprintf(buf, cap, "'%s' codec can't decode bytes in position %zu-%zu: %s",
                         e->encoding, e->start, e->end - 1, e->reason);
    } else if (e->start < e->ncps && e->end == e->start + 1) {
        uint32_t c = e->cps[e->start];
        char ch[16];
        if (c <= 0xff)
            snprintf(ch, sizeof ch, "\\x%02x", (unsigned)c);
        else if (c <= 0xffff)
            snprintf(ch, sizeof ch, "\\u%04x", (unsigned)c);
        else
            snprintf(ch, sizeof ch, "\\U%08x", (unsigned)c);
        r = snprintf(buf, cap, "'%s' codec can't encode character '%s' in position %zu: %s",
                     e->encoding, ch, e->start, e->reason);
    } else {
        r = snprintf(buf, cap, "'%s' codec can't encode characters in position %zu-%zu: %s",
                     e->encoding, e->start, e->end - 1, e->reason);
    }
    return r < 0 ? 0 : (size_t)r;
}

/* ---- built-in error handlers ------------------------------------------ */

static const char hexdig[] = "0123456789abcdef";

static bool str_hex(CodecStr *s, char kind, uint32_t v, int digits)
{
    if (!str_push(s, '\\') || !str_push(s, (uint32_t)kind))
        return false;
    for (int i = digits - 1; i >= 0; i--)
        if (!str_push(s, (uint32_t)hexdig[(v >> (4 * i)) & 15]))
            return false;
    return true;
}

static bool str_escape_cp(CodecStr *s, uint32_t c)
{
    if (c <= 0xff)
        return str_hex(s, 'x', c, 2);
    if (c <= 0xffff)
        return str_hex(s, 'u', c, 4);
    return str_hex(s, 'U', c, 8);
}

static CodecStatus h_strict(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)ctx, (void)err, (void)rep;
    return CODEC_RAISE;
}

static CodecStatus h_ignore(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)ctx;
    rep->pos = (int64_t)err->end;
    return CODEC_OK;
}

static CodecStatus h_replace(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)ctx;
    if (!err->encode) {
        if (!str_push(&rep->str, 0xFFFD))
            return CODEC_NOMEM;
    } else {
        for (size_t i = err->start; i < err->end; i++)
            if (!str_push(&rep->str, '?'))
                return CODEC_NOMEM;
    }
    rep->pos = (int64_t)err->end;
    return CODEC_OK;
}

static CodecStatus h_backslashreplace(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)ctx;
    for (size_t i = err->start; i < err->end; i++) {
        bool ok = err->encode ? str_escape_cp(&rep->str, err->cps[i])
                              : str_hex(&rep->str, 'x', err->bytes[i], 2);
        if (!ok)
            return CODEC_NOMEM;
    }
    rep->pos = (int64_t)err->end;
    return CODEC_OK;
}

/* CPython's handlers reject the wrong exception kind with this TypeError;
 * CODEC_HANDLER_FAILED would lose the message, so the codec loop turns the
 * pos sentinel below into it. */
#define WRONG_KIND_POS INT64_MIN

static CodecStatus h_xmlcharrefreplace(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)ctx;
    if (!err->encode) {
        rep->pos = WRONG_KIND_POS;
        return CODEC_OK;
    }
    for (size_t i = err->start; i < err->end; i++) {
        char num[16];
        snprintf(num, sizeof num, "&#%u;", (unsigned)err->cps[i]);
        if (!str_puts(&rep->str, num))
            return CODEC_NOMEM;
    }
    rep->pos = (int64_t)err->end;
    return CODEC_OK;
}

static CodecStatus h_namereplace(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    const CodecNameLookup *lk = ctx;
    if (!err->encode) {
        rep->pos = WRONG_KIND_POS;
        return CODEC_OK;
    }
    for (size_t i = err->start; i < err->end; i++) {
        char name[UNICODE_NAME_MAX];
        bool ok;
        if (lk && lk->name && lk->name(err->cps[i], name, sizeof name))
            ok = str_puts(&rep->str, "\\N{") && str_puts(&rep->str, name) &&
                 str_push(&rep->str, '}');
        else
            ok = str_escape_cp(&rep->str, err->cps[i]);
        if (!ok)
            return CODEC_NOMEM;
    }
    rep->pos = (int64_t)err->end;
    return CODEC_OK;
}

/* The character database's names, for the built-in 'namereplace'. */
static bool db_name(uint32_t cp, char *buf, size_t cap)
{
    size_t n = unicode_name_of(cp, buf, cap);
    return n > 0 && n < cap;
}

static const CodecNameLookup db_names = {db_name};

static CodecStatus h_db_namereplace(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)ctx;
    return h_namereplace((void *)&db_names, err, rep);
}

static CodecStatus h_surrogateescape(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)ctx;
    if (err->encode) {
        for (size_t i = err->start; i < err->end; i++) {
            uint32_t c = err->cps[i];
            if (c < 0xdc80 || c > 0xdcff)
                return CODEC_RAISE;
            uint8_t b = (uint8_t)(c - 0xdc00);
            if (!bytes_put(&rep->bytes, &b, 1))
                return CODEC_NOMEM;
        }
        rep->is_bytes = true;
        rep->pos = (int64_t)err->end;
        return CODEC_OK;
    }
    /* As CPython: at most 4 bytes, stopping at the first ASCII byte, so an
     * ASCII byte is never smuggled into a lone surrogate. */
    size_t k = 0;
    while (k < 4 && k < err->end - err->start && err->bytes[err->start + k] >= 128) {
        if (!str_push(&rep->str, 0xdc00u + err->bytes[err->start + k]))
            return CODEC_NOMEM;
        k++;
    }
    if (k == 0)
        return CODEC_RAISE;
    rep->pos = (int64_t)(err->start + k);
    return CODEC_OK;
}

enum { STD_UNKNOWN, STD_UTF8, STD_UTF16LE, STD_UTF16BE, STD_UTF32LE, STD_UTF32BE };

/* The encodings surrogatepass knows, by the names the codecs report
 * (CPython accepts '-' or '_' and a few spellings). */
static int standard_encoding(const char *enc, int *width)
{
    char norm[32];
    size_t i = 0;
    for (; enc[i] && i < sizeof norm - 1; i++) {
        char c = enc[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        norm[i] = c == '_' ? '-' : c;
    }
    norm[i] = 0;
    bool little = 1; /* native order for 'utf-16'/'utf-32': x86/ARM hosts */
    {
        const uint16_t one = 1;
        little = *(const uint8_t *)&one == 1;
    }
    if (!strcmp(norm, "utf-8") || !strcmp(norm, "utf8")) {
        *width = 3;
        return STD_UTF8;
    }
    *width = 2;
    if (!strcmp(norm, "utf-16") || !strcmp(norm, "utf16"))
        return little ? STD_UTF16LE : STD_UTF16BE;
    if (!strcmp(norm, "utf-16-le") || !strcmp(norm, "utf-16le"))
        return STD_UTF16LE;
    if (!strcmp(norm, "utf-16-be") || !strcmp(norm, "utf-16be"))
        return STD_UTF16BE;
    *width = 4;
    if (!strcmp(norm, "utf-32") || !strcmp(norm, "utf32"))
        return little ? STD_UTF32LE : STD_UTF32BE;
    if (!strcmp(norm, "utf-32-le") || !strcmp(norm, "utf-32le"))
        return STD_UTF32LE;
    if (!strcmp(norm, "utf-32-be") || !strcmp(norm, "utf-32be"))
        return STD_UTF32BE;
    return STD_UNKNOWN;
}

static CodecStatus h_surrogatepass(void *ctx, const CodecError *err, CodecReplacement *rep)
{
    (void)ctx;
    int width;
    int enc = standard_encoding(err->encoding, &width);
    if (enc == STD_UNKNOWN)
        return CODEC_RAISE;
    if (err->encode) {
        for (size_t i = err->start; i < err->end; i++) {
            uint32_t c = err->cps[i];
            uint8_t b[4];
            if (c < 0xd800 || c > 0xdfff)
                return CODEC_RAISE;
            switch (enc) {
            case STD_UTF8:
                b[0] = (uint8_t)(0xe0 | (c >> 12));
                b[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
                b[2] = (uint8_t)(0x80 | (c & 0x3f));
                break;
            case STD_UTF16LE: b[0] = (uint8_t)c; b[1] = (uint8_t)(c >> 8); break;
            case STD_UTF16BE: b[0] = (uint8_t)(c >> 8); b[1] = (uint8_t)c; break;
            case STD_UTF32LE:
                b[0] = (uint8_t)c; b[1] = (uint8_t)(c >> 8); b[2] = 0; b[3] = 0;
                break;
            default:
                b[0] = 0; b[1] = 0; b[2] = (uint8_t)(c >> 8); b[3] = (uint8_t)c;
                break;
            }
            if (!bytes_put(&rep->bytes, b, (size_t)width))
                return CODEC_NOMEM;
        }
        rep->is_bytes = true;
        rep->pos = (int64_t)err->end;
        return CODEC_OK;
    }
    /* Decoding: one surrogate encoded at the error's start. */
    const uint8_t *p = err->bytes + err->start;
    uint32_t c = 0;
    if (err->nbytes - err->start < (size_t)width)
        return CODEC_RAISE;
    switch (enc) {
    case STD_UTF8:
        if ((p[0] & 0xf0) != 0xe0 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
            return CODEC_RAISE;
        c = ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3fu);
        break;
    case STD_UTF16LE: c = p[0] | (uint32_t)p[1] << 8; break;
    case STD_UTF16BE: c = p[1] | (uint32_t)p[0] << 8; break;
    case STD_UTF32LE:
        c = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        break;
    default:
        c = p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
        break;
    }
    if (c < 0xd800 || c > 0xdfff)
        return CODEC_RAISE;
    if (!str_push(&rep->str, c))
        return CODEC_NOMEM;
    rep->pos = (int64_t)(err->start + (size_t)width);
    return CODEC_OK;
}

static const struct {
    const char *name;
    CodecHandlerFn fn;
} builtin_handlers[] = {
    {"strict", h_strict},
    {"ignore", h_ignore},
    {"replace", h_replace},
    {"backslashreplace", h_backslashreplace},
    {"surrogateescape", h_surrogateescape},
    {"surrogatepass", h_surrogatepass},
    {"xmlcharrefreplace", h_xmlcharrefreplace},
    {"namereplace", h_db_namereplace},
};

bool codec_builtin_handler(const char *name, CodecHandler *out)
{
    if (!name)
        name = "strict";
    for (size_t i = 0; i < sizeof builtin_handlers / sizeof builtin_handlers[0]; i++)
        if (!strcmp(name, builtin_handlers[i].name)) {
            out->fn = builtin_handlers[i].fn;
            out->ctx = NULL;
            return true;
        }
    return false;
}

CodecHandler codec_namereplace_handler(const CodecNameLookup *lookup)
{
    CodecHandler h = {h_namereplace, (void *)lookup};
    return h;
}

/* ---- calling a handler ------------------------------------------------ */

/* Checks what a handler returned and resolves the resume position. */
static CodecStatus finish_handler(CodecStatus st, const CodecError *e, CodecReplacement *rep,
                                  size_t len, CodecResult *res, size_t *pos)
{
    if (st == CODEC_RAISE) {
        res->error = *e;
        return CODEC_RAISE;
    }
    if (st != CODEC_OK)
        return st;
    if (rep->pos == WRONG_KIND_POS) {
        char msg[96];
        snprintf(msg, sizeof msg, "don't know how to handle %s in error callback",
                 e->encode ? "UnicodeEncodeError" : "UnicodeDecodeError");
        return set_exception(res, CODEC_EXC_TYPE_ERROR, msg);
    }
    if (!e->encode && rep->is_bytes)
        return set_exception(res, CODEC_EXC_TYPE_ERROR,
                             "decoding error handler must return (str, int) tuple");
    int64_t p = rep->pos;
    if (p < 0)
        p += (int64_t)len;
    if (p < 0 || (uint64_t)p > len) {
        char msg[96];
        snprintf(msg, sizeof msg, "position %lld from error handler out of bounds", (long long)p);
        return set_exception(res, CODEC_EXC_INDEX_ERROR, msg);
    }
    *pos = (size_t)p;
    return CODEC_OK;
}

/* Decoding error at [start, end): calls the handler, appends its text and
 * moves *pos to where decoding resumes. */
static CodecStatus decode_error(CodecHandler h, const char *encoding, const uint8_t *s, size_t n,
                                size_t start, size_t end, const char *reason, CodecStr *out,
                                CodecResult *res, size_t *pos)
{
    CodecError e = {false, encoding, s, n, NULL, 0, start, end, reason};
    CodecReplacement rep;
    memset(&rep, 0, sizeof rep);
    CodecStatus st = finish_handler(h.fn(h.ctx, &e, &rep), &e, &rep, n, res, pos);
    if (st == CODEC_OK) {
        if (!str_reserve(out, rep.str.len))
            st = CODEC_NOMEM;
        else {
            if (rep.str.len)
                memcpy(out->data + out->len, rep.str.data, rep.str.len * sizeof(uint32_t));
            out->len += rep.str.len;
        }
    }
    codec_str_free(&rep.str);
    codec_bytes_free(&rep.bytes);
    return st;
}

/* How an encoder writes a handler's replacement: text characters below
 * `limit` as units of `width` bytes in the given order, or through a charmap
 * lookup; bytes must be whole units. */
typedef struct EncodeTarget {
    const char *encoding;
    uint32_t limit;
    int width;
    bool big;
    CodecCharmapLookup lookup;
    void *lookup_ctx;
} EncodeTarget;

static bool put_unit(CodecBytes *out, uint32_t c, int width, bool big)
{
    uint8_t b[4];
    for (int i = 0; i < width; i++) {
        int shift = big ? 8 * (width - 1 - i) : 8 * i;
        b[i] = (uint8_t)(c >> shift);
    }
    return bytes_put(out, b, (size_t)width);
}

static CodecStatus encode_error(CodecHandler h, const EncodeTarget *t, const uint32_t *cps,
                                size_t n, size_t start, size_t end, const char *reason,
                                CodecBytes *out, CodecResult *res, size_t *pos)
{
    CodecError e = {true, t->encoding, NULL, 0, cps, n, start, end, reason};
    CodecReplacement rep;
    memset(&rep, 0, sizeof rep);
    CodecStatus st = finish_handler(h.fn(h.ctx, &e, &rep), &e, &rep, n, res, pos);
    if (st != CODEC_OK)
        goto done;
    if (rep.is_bytes) {
        if (!t->lookup && rep.bytes.len % (size_t)t->width) {
            res->error = e;
            st = CODEC_RAISE;
        } else if (!bytes_put(out, rep.bytes.data, rep.bytes.len)) {
            st = CODEC_NOMEM;
        }
        goto done;
    }
    for (size_t i = 0; i < rep.str.len; i++) {
        uint32_t c = rep.str.data[i];
        if (t->lookup) {
            int r = t->lookup(t->lookup_ctx, c, out);
            if (r < 0) {
                st = CODEC_NOMEM;
                goto done;
            }
            if (r == 0) {
                res->error = e;
                st = CODEC_RAISE;
                goto done;
            }
        } else if (c >= t->limit) {
            /* As CPython: a replacement the codec cannot encode raises the
             * original error. */
            res->error = e;
            st = CODEC_RAISE;
            goto done;
        } else if (!put_unit(out, c, t->width, t->big)) {
            st = CODEC_NOMEM;
            goto done;
        }
    }
done:
    codec_str_free(&rep.str);
    codec_bytes_free(&rep.bytes);
    return st;
}

/* ---- UTF-8 ------------------------------------------------------------ */

#define HIGH_BITS 0x8080808080808080ull

size_t codec_ascii_prefix(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & HIGH_BITS)
            break;
        i += 8;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

/* Copies a run of ASCII starting at s[i] into out (which has room for
 * n - i more), 8 bytes per step while the words are all ASCII; returns the
 * new i. */
static size_t copy_ascii(const uint8_t *s, size_t i, size_t n, uint32_t *o)
{
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & HIGH_BITS)
            break;
        for (int k = 0; k < 8; k++)
            o[k] = s[i + (size_t)k];
        o += 8;
        i += 8;
    }
    return i;
}

CodecStatus codec_utf8_decode(const uint8_t *s, size_t n, CodecHandler h, bool final,
                              CodecStr *out, CodecResult *res)
{
    result_init(res);
    size_t i = 0;
    if (!str_reserve(out, n))
        return CODEC_NOMEM;
    while (i < n) {
        /* Reserve for the rest of the input: each byte yields at most one
         * code point, and handler text may have eaten into the room. */
        if (out->cap - out->len < n - i && !str_reserve(out, n - i))
            return CODEC_NOMEM;
        uint32_t *o = out->data + out->len;
        size_t j = copy_ascii(s, i, n, o);
        out->len += j - i;
        i = j;
        if (i >= n)
            break;
        uint8_t c = s[i];
        if (c < 0x80) {
            out->data[out->len++] = c;
            i++;
            continue;
        }
        const char *reason;
        size_t end;
        size_t avail = n - i;
        if (c < 0xc2 || c > 0xf4) {
            reason = "invalid start byte";
            end = i + 1;
            goto error;
        }
        int need = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        /* Valid range of the second byte narrows for E0, ED, F0, F4 to
         * exclude overlongs, surrogates and values past U+10FFFF. */
        uint8_t lo = 0x80, hi = 0xbf;
        if (c == 0xe0) lo = 0xa0;
        else if (c == 0xed) hi = 0x9f;
        else if (c == 0xf0) lo = 0x90;
        else if (c == 0xf4) hi = 0x8f;
        int k;
        for (k = 1; k < need; k++) {
            if ((size_t)k >= avail)
                break;
            uint8_t b = s[i + (size_t)k];
            bool ok = k == 1 ? (b >= lo && b <= hi) : (b & 0xc0) == 0x80;
            if (!ok) {
                /* CPython's incremental decoder waits for more input on a
                 * truncated surrogate (ED A0..BF), so 'surrogatepass' can
                 * see all three bytes. */
                if (!final && k == 1 && c == 0xed && avail == 2 && b >= 0xa0 && b <= 0xbf)
                    goto done;
                reason = "invalid continuation byte";
                end = i + (size_t)k;
                goto error;
            }
        }
        if (k < need) {
            if (!final)
                goto done;
            reason = "unexpected end of data";
            end = n;
            goto error;
        }
        {
            uint32_t cp;
            if (need == 2)
                cp = ((uint32_t)(c & 0x1f) << 6) | (s[i + 1] & 0x3fu);
            else if (need == 3)
                cp = ((uint32_t)(c & 0x0f) << 12) | ((uint32_t)(s[i + 1] & 0x3f) << 6) |
                     (s[i + 2] & 0x3fu);
            else
                cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3f) << 12) |
                     ((uint32_t)(s[i + 2] & 0x3f) << 6) | (s[i + 3] & 0x3fu);
            out->data[out->len++] = cp;
            i += (size_t)need;
            continue;
        }
    error:;
        CodecStatus st = decode_error(h, "utf-8", s, n, i, end, reason, out, res, &i);
        if (st != CODEC_OK)
            return st;
    }
done:
    res->consumed = i;
    return CODEC_OK;
}

CodecStatus codec_utf8_encode(const uint32_t *cps, size_t n, CodecHandler h, CodecBytes *out,
                              CodecResult *res)
{
    static const EncodeTarget t = {"utf-8", 0x80, 1, false, NULL, NULL};
    result_init(res);
    size_t i = 0;
    while (i < n) {
        if (!bytes_reserve(out, 4))
            return CODEC_NOMEM;
        uint8_t *o = out->data + out->len;
        uint32_t c = cps[i];
        if (c < 0x80) {
            o[0] = (uint8_t)c;
            out->len += 1;
        } else if (c < 0x800) {
            o[0] = (uint8_t)(0xc0 | (c >> 6));
            o[1] = (uint8_t)(0x80 | (c & 0x3f));
            out->len += 2;
        } else if (c >= 0xd800 && c <= 0xdfff) {
            size_t end = i + 1;
            while (end < n && cps[end] >= 0xd800 && cps[end] <= 0xdfff)
                end++;
            CodecStatus st = encode_error(h, &t, cps, n, i, end, "surrogates not allowed", out,
                                          res, &i);
            if (st != CODEC_OK)
                return st;
            continue;
        } else if (c < 0x10000) {
            o[0] = (uint8_t)(0xe0 | (c >> 12));
            o[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
            o[2] = (uint8_t)(0x80 | (c & 0x3f));
            out->len += 3;
        } else {
            o[0] = (uint8_t)(0xf0 | (c >> 18));
            o[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
            o[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
            o[3] = (uint8_t)(0x80 | (c & 0x3f));
            out->len += 4;
        }
        i++;
    }
    return CODEC_OK;
}

/* ---- UTF-16 / UTF-32 -------------------------------------------------- */

static bool host_little(void)
{
    const uint16_t one = 1;
    return *(const uint8_t *)&one == 1;
}

static uint32_t read_unit(const uint8_t *p, int width, bool big)
{
    uint32_t v = 0;
    for (int k = 0; k < width; k++) {
        uint32_t b = p[big ? k : width - 1 - k];
        v = (v << 8) | b;
    }
    return v;
}

/* Reads a BOM when *byteorder is 0; returns false when more input is needed
 * to decide (not final).  Sets *skip to the BOM's length. */
static bool read_bom(const uint8_t *s, size_t n, int width, bool final, int *bo, size_t *skip)
{
    *skip = 0;
    if (*bo != 0)
        return true;
    if (n < (size_t)width)
        return final;
    uint32_t le = read_unit(s, width, false);
    if (le == 0xfeff) {
        *bo = -1;
        *skip = (size_t)width;
    } else if (read_unit(s, width, true) == 0xfeff) {
        *bo = 1;
        *skip = (size_t)width;
    }
    return true;
}

/* The common start of the UTF-16 and UTF-32 decoders: reads a BOM when the
 * byte order is not fixed (reporting the order found through *byteorder)
 * and sets *big and the first unit's offset *start.  Returns false when
 * more input is needed before the BOM can be decided. */
static bool units_start(const uint8_t *s, size_t n, int width, bool final, int *byteorder,
                        bool *big, size_t *start)
{
    int bo = byteorder ? *byteorder : 0;
    if (!read_bom(s, n, width, final, &bo, start))
        return false;
    if (byteorder)
        *byteorder = bo;
    *big = bo > 0 || (bo == 0 && !host_little());
    return true;
}

CodecStatus codec_utf16_decode(const uint8_t *s, size_t n, CodecHandler h, int *byteorder,
                               bool final, CodecStr *out, CodecResult *res)
{
    result_init(res);
    size_t i;
    bool big;
    if (!units_start(s, n, 2, final, byteorder, &big, &i)) {
        res->consumed = 0;
        return CODEC_OK;
    }
    const char *enc = big ? "utf-16-be" : "utf-16-le";
    if (!str_reserve(out, n / 2))
        return CODEC_NOMEM;
    while (i < n) {
        const char *reason;
        size_t end;
        if (n - i < 2) {
            if (!final)
                break;
            reason = "truncated data";
            end = n;
            goto error;
        }
        uint32_t u = read_unit(s + i, 2, big);
        if (u < 0xd800 || u > 0xdfff) {
            if (!str_push(out, u))
                return CODEC_NOMEM;
            i += 2;
            continue;
        }
        if (u >= 0xdc00) {
            reason = "illegal encoding";
            end = i + 2;
            goto error;
        }
        if (n - i < 4) {
            if (!final)
                break;
            reason = "unexpected end of data";
            end = n;
            goto error;
        }
        uint32_t u2 = read_unit(s + i + 2, 2, big);
        if (u2 < 0xdc00 || u2 > 0xdfff) {
            reason = "illegal UTF-16 surrogate";
            end = i + 2;
            goto error;
        }
        if (!str_push(out, 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00)))
            return CODEC_NOMEM;
        i += 4;
        continue;
    error:;
        CodecStatus st = decode_error(h, enc, s, n, i, end, reason, out, res, &i);
        if (st != CODEC_OK)
            return st;
    }
    res->consumed = i;
    return CODEC_OK;
}

CodecStatus codec_utf16_encode(const uint32_t *cps, size_t n, CodecHandler h, int byteorder,
                               CodecBytes *out, CodecResult *res)
{
    result_init(res);
    bool big = byteorder > 0 || (byteorder == 0 && !host_little());
    EncodeTarget t = {byteorder == 0 ? "utf-16" : big ? "utf-16-be" : "utf-16-le", 0x80, 2, big,
                      NULL, NULL};
    if (!bytes_reserve(out, 2 * n + 2))
        return CODEC_NOMEM;
    if (byteorder == 0 && !put_unit(out, 0xfeff, 2, big))
        return CODEC_NOMEM;
    size_t i = 0;
    while (i < n) {
        uint32_t c = cps[i];
        bool ok;
        if (c >= 0xd800 && c <= 0xdfff) {
            CodecStatus st = encode_error(h, &t, cps, n, i, i + 1, "surrogates not allowed",
                                          out, res, &i);
            if (st != CODEC_OK)
                return st;
            continue;
        }
        if (c < 0x10000)
            ok = put_unit(out, c, 2, big);
        else
            ok = put_unit(out, 0xd800 + ((c - 0x10000) >> 10), 2, big) &&
                 put_unit(out, 0xdc00 + ((c - 0x10000) & 0x3ff), 2, big);
        if (!ok)
            return CODEC_NOMEM;
        i++;
    }
    return CODEC_OK;
}

CodecStatus codec_utf32_decode(const uint8_t *s, size_t n, CodecHandler h, int *byteorder,
                               bool final, CodecStr *out, CodecResult *res)
{
    result_init(res);
    size_t i;
    bool big;
    if (!units_start(s, n, 4, final, byteorder, &big, &i)) {
        res->consumed = 0;
        return CODEC_OK;
    }
    const char *enc = big ? "utf-32-be" : "utf-32-le";
    if (!str_reserve(out, n / 4))
        return CODEC_NOMEM;
    while (i < n) {
        const char *reason;
        size_t end;
        if (n - i < 4) {
            if (!final)
                break;
            reason = "truncated data";
            end = n;
            goto error;
        }
        uint32_t u = read_unit(s + i, 4, big);
        if (u > 0x10ffff) {
            reason = "code point not in range(0x110000)";
            end = i + 4;
            goto error;
        }
        if (u >= 0xd800 && u <= 0xdfff) {
            reason = "code point in surrogate code point range(0xd800, 0xe000)";
            end = i + 4;
            goto error;
        }
        if (!str_push(out, u))
            return CODEC_NOMEM;
        i += 4;
        continue;
    error:;
        CodecStatus st = decode_error(h, enc, s, n, i, end, reason, out, res, &i);
        if (st != CODEC_OK)
            return st;
    }
    res->consumed = i;
    return CODEC_OK;
}

CodecStatus codec_utf32_encode(const uint32_t *cps, size_t n, CodecHandler h, int byteorder,
                               CodecBytes *out, CodecResult *res)
{
    result_init(res);
    bool big = byteorder > 0 || (byteorder == 0 && !host_little());
    EncodeTarget t = {byteorder == 0 ? "utf-32" : big ? "utf-32-be" : "utf-32-le", 0x80, 4, big,
                      NULL, NULL};
    if (!bytes_reserve(out, 4 * n + 4))
        return CODEC_NOMEM;
    if (byteorder == 0 && !put_unit(out, 0xfeff, 4, big))
        return CODEC_NOMEM;
    size_t i = 0;
    while (i < n) {
        uint32_t c = cps[i];
        if (c >= 0xd800 && c <= 0xdfff) {
            CodecStatus st = encode_error(h, &t, cps, n, i, i + 1, "surrogates not allowed",
                                          out, res, &i);
            if (st != CODEC_OK)
                return st;
            continue;
        }
        if (!put_unit(out, c, 4, big))
            return CODEC_NOMEM;
        i++;
    }
    return CODEC_OK;
}

/* ---- latin-1, ascii, charmap ------------------------------------------ */

static CodecStatus table_decode(const uint8_t *s, size_t n, CodecHandler h, const uint32_t *table,
                                uint32_t limit, const char *enc, const char *reason,
                                CodecStr *out, CodecResult *res)
{
    result_init(res);
    if (!str_reserve(out, n))
        return CODEC_NOMEM;
    size_t i = 0;
    while (i < n) {
        uint32_t c = table ? table[s[i]] : s[i];
        if (s[i] >= limit || c == 0xfffe) {
            CodecStatus st = decode_error(h, enc, s, n, i, i + 1, reason, out, res, &i);
            if (st != CODEC_OK)
                return st;
            continue;
        }
        if (!str_push(out, c))
            return CODEC_NOMEM;
        i++;
    }
    res->consumed = n;
    return CODEC_OK;
}

CodecStatus codec_latin1_decode(const uint8_t *s, size_t n, CodecHandler h, CodecStr *out,
                                CodecResult *res)
{
    return table_decode(s, n, h, NULL, 256, "latin-1", "", out, res);
}

CodecStatus codec_ascii_decode(const uint8_t *s, size_t n, CodecHandler h, CodecStr *out,
                               CodecResult *res)
{
    return table_decode(s, n, h, NULL, 128, "ascii", "ordinal not in range(128)", out, res);
}

CodecStatus codec_charmap_decode(const uint8_t *s, size_t n, CodecHandler h,
                                 const uint32_t *table, CodecStr *out, CodecResult *res)
{
    return table_decode(s, n, h, table, 256, "charmap", "character maps to <undefined>", out,
                        res);
}

static CodecStatus limit_encode(const uint32_t *cps, size_t n, CodecHandler h, uint32_t limit,
                                const char *enc, const char *reason, CodecBytes *out,
                                CodecResult *res)
{
    EncodeTarget t = {enc, limit, 1, false, NULL, NULL};
    result_init(res);
    if (!bytes_reserve(out, n))
        return CODEC_NOMEM;
    size_t i = 0;
    while (i < n) {
        if (cps[i] >= limit) {
            /* As CPython, one error covers the whole run of unencodable
             * characters. */
            size_t end = i + 1;
            while (end < n && cps[end] >= limit)
                end++;
            if (h.fn == h_surrogateescape) {
                /* CPython handles this case inline, and its error then
                 * starts at the first character it cannot smuggle. */
                for (; i < end; i++) {
                    if (cps[i] < 0xdc80 || cps[i] > 0xdcff) {
                        CodecError e = {true, enc, NULL, 0, cps, n, i, end, reason};
                        res->error = e;
                        return CODEC_RAISE;
                    }
                    uint8_t b = (uint8_t)(cps[i] - 0xdc00);
                    if (!bytes_put(out, &b, 1))
                        return CODEC_NOMEM;
                }
                continue;
            }
            CodecStatus st = encode_error(h, &t, cps, n, i, end, reason, out, res, &i);
            if (st != CODEC_OK)
                return st;
            continue;
        }
        uint8_t b = (uint8_t)cps[i++];
        if (!bytes_put(out, &b, 1))
            return CODEC_NOMEM;
    }
    return CODEC_OK;
}

CodecStatus codec_latin1_encode(const uint32_t *cps, size_t n, CodecHandler h, CodecBytes *out,
                                CodecResult *res)
{
    return limit_encode(cps, n, h, 256, "latin-1", "ordinal not in range(256)", out, res);
}

CodecStatus codec_ascii_encode(const uint32_t *cps, size_t n, CodecHandler h, CodecBytes *out,
                               CodecResult *res)
{
    return limit_encode(cps, n, h, 128, "ascii", "ordinal not in range(128)", out, res);
}

CodecStatus codec_charmap_encode(const uint32_t *cps, size_t n, CodecHandler h,
                                 CodecCharmapLookup lookup, void *ctx, CodecBytes *out,
                                 CodecResult *res)
{
    EncodeTarget t = {"charmap", 0, 1, false, lookup, ctx};
    result_init(res);
    size_t i = 0;
    while (i < n) {
        int r = lookup(ctx, cps[i], out);
        if (r < 0)
            return CODEC_NOMEM;
        if (r > 0) {
            i++;
            continue;
        }
        size_t end = i + 1;
        CodecBytes probe = {0};
        while (end < n) {
            probe.len = 0;
            int r2 = lookup(ctx, cps[end], &probe);
            if (r2 < 0) {
                codec_bytes_free(&probe);
                return CODEC_NOMEM;
            }
            if (r2 > 0)
                break;
            end++;
        }
        codec_bytes_free(&probe);
        CodecStatus st = encode_error(h, &t, cps, n, i, end, "character maps to <undefined>",
                                      out, res, &i);
        if (st != CODEC_OK)
            return st;
    }
    return CODEC_OK;
}

void codec_charmap_build(const uint32_t table[256], CodecCharmapMap *map)
{
    map->n = 0;
    for (int b = 0; b < 256; b++) {
        uint32_t c = table[b];
        if (c == 0xfffe)
            continue;
        /* Insertion sort by code point; a code point listed twice maps to
         * its last byte, as a dict built by charmap_build would. */
        int k = 0;
        while (k < map->n && map->cp[k] < c)
            k++;
        if (k < map->n && map->cp[k] == c) {
            map->byte[k] = (uint8_t)b;
            continue;
        }
        memmove(&map->cp[k + 1], &map->cp[k], (size_t)(map->n - k) * sizeof map->cp[0]);
        memmove(&map->byte[k + 1], &map->byte[k], (size_t)(map->n - k));
        map->cp[k] = c;
        map->byte[k] = (uint8_t)b;
        map->n++;
    }
}

int codec_charmap_map_lookup(void *ctx, uint32_t cp, CodecBytes *out)
{
    const CodecCharmapMap *map = ctx;
    int lo = 0, hi = map->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (map->cp[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < map->n && map->cp[lo] == cp)
        return bytes_put(out, &map->byte[lo], 1) ? 1 : -1;
    return 0;
}

/* ---- unicode_escape, raw_unicode_escape, escape_decode ----------------- */

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads `count` hex digits at s[*i]: 1 done, 0 bad digit, -1 ran out of
 * input; *i stops at the first non-digit, which becomes the error's end. */
static int read_hex(const uint8_t *s, size_t n, size_t *i, int count, uint32_t *v)
{
    *v = 0;
    for (; count; count--, (*i)++) {
        if (*i >= n)
            return -1;
        int d = hexval(s[*i]);
        if (d < 0)
            return 0;
        *v = (*v << 4) | (uint32_t)d;
    }
    return 1;
}

CodecStatus codec_unicode_escape_decode(const uint8_t *s, size_t n, CodecHandler h, bool final,
                                        CodecStr *out, CodecResult *res)
{
    static const char enc[] = "unicodeescape";
    result_init(res);
    if (!str_reserve(out, n))
        return CODEC_NOMEM;
    size_t i = 0;
    while (i < n) {
        if (s[i] != '\\') {
            if (!str_push(out, s[i++]))
                return CODEC_NOMEM;
            continue;
        }
        size_t start = i++;
        const char *reason;
        uint32_t c;
        int r;
        if (i >= n) {
            reason = "\\ at end of string";
            goto incomplete;
        }
        uint8_t e = s[i++];
        switch (e) {
        case '\n': continue;
        case '\\': c = '\\'; break;
        case '\'': c = '\''; break;
        case '"': c = '"'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 't': c = '\t'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 'v': c = '\v'; break;
        case 'a': c = '\a'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
            c = e - '0';
            for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
                c = (c << 3) + (uint32_t)(s[i++] - '0');
            if (c > 0377 && res->first_invalid_octal == SIZE_MAX)
                res->first_invalid_octal = start + 1;
            break;
        case 'x':
            reason = "truncated \\xXX escape";
            r = read_hex(s, n, &i, 2, &c);
            goto hex;
        case 'u':
            reason = "truncated \\uXXXX escape";
            r = read_hex(s, n, &i, 4, &c);
            goto hex;
        case 'U':
            reason = "truncated \\UXXXXXXXX escape";
            r = read_hex(s, n, &i, 8, &c);
        hex:
            if (r < 0)
                goto incomplete;
            if (r == 0)
                goto error;
            if (c > 0x10ffff) {
                reason = "illegal Unicode character";
                goto error;
            }
            break;
        case 'N': {
            reason = "malformed \\N character escape";
            if (i >= n)
                goto incomplete;
            if (s[i] != '{')
                goto error;
            size_t name = ++i;
            while (i < n && s[i] != '}')
                i++;
            if (i >= n)
                goto incomplete;
            if (i == name)
                goto error;
            i++;
            if (unicode_lookup_name((const char *)s + name, i - 1 - name, &c))
                break;
            reason = "unknown Unicode character name";
            goto error;
        }
        default:
            /* An unknown escape stays as written; the caller warns. */
            if (res->first_invalid_escape == SIZE_MAX)
                res->first_invalid_escape = start + 1;
            if (!str_push(out, '\\') || !str_push(out, e))
                return CODEC_NOMEM;
            continue;
        }
        if (!str_push(out, c))
            return CODEC_NOMEM;
        continue;
    incomplete:
        if (!final) {
            res->consumed = start;
            return CODEC_OK;
        }
        i = n;
    error:;
        CodecStatus st = decode_error(h, enc, s, n, start, i, reason, out, res, &i);
        if (st != CODEC_OK)
            return st;
    }
    res->consumed = i;
    return CODEC_OK;
}

CodecStatus codec_raw_unicode_escape_decode(const uint8_t *s, size_t n, CodecHandler h,
                                            bool final, CodecStr *out, CodecResult *res)
{
    static const char enc[] = "rawunicodeescape";
    result_init(res);
    if (!str_reserve(out, n))
        return CODEC_NOMEM;
    size_t i = 0;
    while (i < n) {
        if (s[i] != '\\') {
            if (!str_push(out, s[i++]))
                return CODEC_NOMEM;
            continue;
        }
        /* Only an odd run of backslashes escapes a following u or U. */
        size_t run = i;
        while (i < n && s[i] == '\\')
            i++;
        size_t start = i - 1;
        bool odd = (i - run) & 1;
        if (odd && i >= n && !final) {
            /* The escape may continue in the next chunk. */
            for (size_t k = run; k < start; k++)
                if (!str_push(out, '\\'))
                    return CODEC_NOMEM;
            res->consumed = start;
            return CODEC_OK;
        }
        if (!odd || i >= n || (s[i] != 'u' && s[i] != 'U')) {
            for (size_t k = run; k < i; k++)
                if (!str_push(out, '\\'))
                    return CODEC_NOMEM;
            continue;
        }
        for (size_t k = run; k < start; k++)
            if (!str_push(out, '\\'))
                return CODEC_NOMEM;
        bool big = s[i++] == 'U';
        const char *reason = big ? "truncated \\UXXXXXXXX escape" : "truncated \\uXXXX escape";
        uint32_t c;
        int r = read_hex(s, n, &i, big ? 8 : 4, &c);
        if (r < 0) {
            if (!final) {
                res->consumed = start;
                return CODEC_OK;
            }
        } else if (r > 0) {
            if (c <= 0x10ffff) {
                if (!str_push(out, c))
                    return CODEC_NOMEM;
                continue;
            }
            reason = "\\Uxxxxxxxx out of range";
        }
        CodecStatus st = decode_error(h, enc, s, n, start, i, reason, out, res, &i);
        if (st != CODEC_OK)
            return st;
    }
    res->consumed = i;
    return CODEC_OK;
}

static bool bytes_hex(CodecBytes *b, char kind, uint32_t v, int digits)
{
    uint8_t buf[10];
    buf[0] = '\\';
    buf[1] = (uint8_t)kind;
    for (int k = 0; k < digits; k++)
        buf[2 + k] = (uint8_t)hexdig[(v >> (4 * (digits - 1 - k))) & 15];
    return bytes_put(b, buf, (size_t)digits + 2);
}

CodecStatus codec_unicode_escape_encode(const uint32_t *cps, size_t n, CodecBytes *out)
{
    if (!bytes_reserve(out, n))
        return CODEC_NOMEM;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        bool ok;
        const char *esc = NULL;
        switch (c) {
        case '\\': esc = "\\\\"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: break;
        }
        if (esc)
            ok = bytes_put(out, esc, 2);
        else if (c >= 0x20 && c < 0x7f) {
            uint8_t b = (uint8_t)c;
            ok = bytes_put(out, &b, 1);
        } else if (c < 0x100)
            ok = bytes_hex(out, 'x', c, 2);
        else if (c < 0x10000)
            ok = bytes_hex(out, 'u', c, 4);
        else
            ok = bytes_hex(out, 'U', c, 8);
        if (!ok)
            return CODEC_NOMEM;
    }
    return CODEC_OK;
}

CodecStatus codec_raw_unicode_escape_encode(const uint32_t *cps, size_t n, CodecBytes *out)
{
    if (!bytes_reserve(out, n))
        return CODEC_NOMEM;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        bool ok;
        if (c < 0x100) {
            uint8_t b = (uint8_t)c;
            ok = bytes_put(out, &b, 1);
        } else if (c < 0x10000)
            ok = bytes_hex(out, 'u', c, 4);
        else
            ok = bytes_hex(out, 'U', c, 8);
        if (!ok)
            return CODEC_NOMEM;
    }
    return CODEC_OK;
}

CodecStatus codec_escape_decode(const uint8_t *s, size_t n, const char *errors,
                                CodecBytes *out, CodecResult *res)
{
    result_init(res);
    if (!bytes_reserve(out, n))
        return CODEC_NOMEM;
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i++];
        if (c != '\\') {
            out->data[out->len++] = c;
            continue;
        }
        if (i >= n)
            return set_exception(res, CODEC_EXC_VALUE_ERROR, "Trailing \\ in string");
        uint8_t e = s[i++];
        switch (e) {
        case '\n': continue;
        case '\\': c = '\\'; break;
        case '\'': c = '\''; break;
        case '"': c = '"'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 't': c = '\t'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 'v': c = '\v'; break;
        case 'a': c = '\a'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(e - '0');
            for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
                v = (v << 3) + (unsigned)(s[i++] - '0');
            if (v > 0377 && res->first_invalid_octal == SIZE_MAX)
                res->first_invalid_octal = i - 3;
            c = (uint8_t)v;  /* CPython 3.11 keeps the low 8 bits */
            break;
        }
        case 'x':
            if (i + 1 < n && hexval(s[i]) >= 0 && hexval(s[i + 1]) >= 0) {
                c = (uint8_t)(hexval(s[i]) << 4 | hexval(s[i + 1]));
                i += 2;
                break;
            }
            if (!errors || !strcmp(errors, "strict")) {
                char msg[64];
                snprintf(msg, sizeof msg, "invalid \\x escape at position %zu", i - 2);
                return set_exception(res, CODEC_EXC_VALUE_ERROR, msg);
            }
            if (!strcmp(errors, "replace"))
                out->data[out->len++] = '?';
            else if (strcmp(errors, "ignore")) {
                char msg[128];
                snprintf(msg, sizeof msg, "decoding error; unknown error handling code: %.80s",
                         errors);
                return set_exception(res, CODEC_EXC_VALUE_ERROR, msg);
            }
            if (i < n && hexval(s[i]) >= 0)
                i++;
            continue;
        default:
            if (res->first_invalid_escape == SIZE_MAX)
                res->first_invalid_escape = i - 1;
            out->data[out->len++] = '\\';
            out->data[out->len++] = e;
            continue;
        }
        out->data[out->len++] = c;
    }
    res->consumed = n;
    return CODEC_OK;
}
