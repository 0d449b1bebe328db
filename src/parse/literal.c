#include "literal.h"

#include <gmp.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "unicode_db.h"

/* ------------------------------------------------------------------ */
/* Numbers                                                            */
/* ------------------------------------------------------------------ */

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    return 99;
}

/* `digits` is NUL-terminated, valid for `base`, and has no prefix. */
static int parse_int(Arena *a, const char *digits, size_t len, int base, AstConstant *out)
{
    uint64_t v = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned d = (unsigned)digit_value(digits[i]);
        if (v > ((uint64_t)INT64_MAX - d) / (unsigned)base)
            break;
        v = v * (unsigned)base + d;
    }
    if (i == len) {
        out->kind = AST_CONST_INT;
        out->u.i = (int64_t)v;
        return 0;
    }

    out->kind = AST_CONST_BIGINT;
    if (base == 10) {
        /* Already decimal: only leading zeros ("000…1") need dropping, and
         * a value this large has a non-zero digit. */
        while (*digits == '0') {
            digits++;
            len--;
        }
        out->u.s = arena_strndup(a, digits, len);
        out->len = len;
        return out->u.s ? 0 : -1;
    }

    /* Base conversion of arbitrarily long literals is what GMP is for.  The
     * result is written straight into the arena; mpz_sizeinbase may
     * overestimate by one, hence strlen afterwards.  (GMP aborts rather than
     * failing when it runs out of memory.) */
    mpz_t z;
    mpz_init(z);
    int rc = -1;
    if (mpz_set_str(z, digits, base) == 0) {
        char *buf = arena_alloc(a, mpz_sizeinbase(z, 10) + 2);
        if (buf) {
            mpz_get_str(buf, 10, z);
            out->u.s = buf;
            out->len = strlen(buf);
            rc = 0;
        }
    }
    mpz_clear(z);
    return rc;
}

/* strtod is used for floats: glibc's is correctly rounded, and it reads '.'
 * as the decimal point because Krait never calls setlocale (so the C locale
 * stays in force).  Overflow gives HUGE_VAL = inf, as Python's 1e309. */
static int parse_clean_number(Arena *a, char *buf, size_t len, AstConstant *out)
{
    out->len = 0;
    if (len > 0 && (buf[len - 1] == 'j' || buf[len - 1] == 'J')) {
        buf[len - 1] = '\0';
        out->kind = AST_CONST_COMPLEX;
        out->u.f = strtod(buf, NULL);
        return 0;
    }
    if (len >= 2 && buf[0] == '0') {
        char p = (char)(buf[1] | 0x20);
        int base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (base)
            return parse_int(a, buf + 2, len - 2, base, out);
    }
    if (strpbrk(buf, ".eE")) {
        out->kind = AST_CONST_FLOAT;
        out->u.f = strtod(buf, NULL);
        return 0;
    }
    return parse_int(a, buf, len, 10, out);
}

int lit_number(Arena *a, const char *s, const char *end, AstConstant *out)
{
    size_t n = (size_t)(end - s);
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf)
        return -1;
    size_t len = 0;
    for (const char *p = s; p < end; p++)
        if (*p != '_')
            buf[len++] = *p;
    buf[len] = '\0';
    int rc = parse_clean_number(a, buf, len, out);
    if (buf != small)
        free(buf);
    return rc;
}

/* ------------------------------------------------------------------ */
/* String and bytes literals                                          */
/* ------------------------------------------------------------------ */

/* Encodes any code point up to 0x10FFFF, surrogates included, as Python's
 * 'surrogatepass' does: the AST must keep "\ud800" distinct from anything
 * else. */
static char *put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Length of the UTF-8 sequence a lead byte starts (1 for stray bytes, so
 * scanning always makes progress). */
static int utf8_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Decodes one generalised-UTF-8 character at s (s < end); stray or
 * truncated bytes decode as themselves. */
static uint32_t get_utf8(const unsigned char **sp, const unsigned char *end)
{
    const unsigned char *s = *sp;
    int n = utf8_len(*s);
    if (n == 1 || end - s < n) {
        *sp = s + 1;
        return *s;
    }
    uint32_t cp = *s & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *sp = s + 1;
            return *s;
        }
        cp = cp << 6 | (s[i] & 0x3F);
    }
    *sp = s + n;
    return cp;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static bool is_octal(char c)
{
    return c >= '0' && c <= '7';
}

static int fail(SyntaxErrorInfo *err, const char *msg)
{
    memset(err, 0, sizeof *err);
    err->kind = SYNERR_SYNTAX;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    return -1;
}

static int fail_nomem(SyntaxErrorInfo *err)
{
    fail(err, "out of memory");
    err->kind = SYNERR_NOMEM;
    return -1;
}

/* CPython reports escape errors as a UnicodeDecodeError from its
 * 'unicodeescape' codec, with positions counted in the buffer it feeds that
 * codec: the literal with each non-ASCII character rewritten as a 10-byte
 * "\UXXXXXXXX" and a backslash before one (or at the end) as the 6-byte
 * "\u005c".  Positions here are counted the same way so messages match. */
static int fail_unicode(SyntaxErrorInfo *err, size_t start, size_t end, const char *reason)
{
    memset(err, 0, sizeof *err);
    err->kind = SYNERR_SYNTAX;
    if (end - start == 1)
        snprintf(err->msg, sizeof err->msg,
                 "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position %zu: %s",
                 start, reason);
    else
        snprintf(err->msg, sizeof err->msg,
                 "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s",
                 start, end - 1, reason);
    return -1;
}

/* The one-character escapes shared by str and bytes; 0 if c is not one. */
static int simple_escape(char c)
{
    switch (c) {
    case '\\': return '\\';
    case '\'': return '\'';
    case '"': return '"';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default: return 0;
    }
}

/* Every escape is at least as long as what it produces, so the output fits
 * in a buffer the size of the input. */
static int decode_bytes(const char *s, const char *end, char *o, size_t *outlen,
                        SyntaxErrorInfo *err)
{
    const char *body = s;
    char *o0 = o;
    while (s < end) {
        if (*s != '\\') {
            *o++ = *s++;
            continue;
        }
        const char *esc = s++;
        if (s == end)
            return fail(err, "(value error) Trailing \\ in string");
        char c = *s++;
        int simple = simple_escape(c);
        if (simple) {
            *o++ = (char)simple;
        } else if (c == '\n') {
            /* line continuation: nothing */
        } else if (is_octal(c)) {
            /* Up to three digits; 3.11 silently keeps the low 8 bits of
             * values above 0o377. */
            unsigned v = (unsigned)(c - '0');
            for (int i = 0; i < 2 && s < end && is_octal(*s); i++)
                v = v * 8 + (unsigned)(*s++ - '0');
            *o++ = (char)(v & 0xFF);
        } else if (c == 'x') {
            if (end - s < 2 || !is_hex(s[0]) || !is_hex(s[1])) {
                char msg[96];
                snprintf(msg, sizeof msg, "(value error) invalid \\x escape at position %zu",
                         (size_t)(esc - body));
                return fail(err, msg);
            }
            *o++ = (char)(digit_value(s[0]) * 16 + digit_value(s[1]));
            s += 2;
        } else {
            *o++ = '\\';
            *o++ = c;
        }
    }
    *outlen = (size_t)(o - o0);
    return 0;
}

static int decode_str(const char *s, const char *end, char *o, size_t *outlen,
                      SyntaxErrorInfo *err)
{
    char *o0 = o;
    size_t pos = 0;   /* position in CPython's rewritten buffer, for errors */
    while (s < end) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) {
            int n = utf8_len(c);
            if (n > end - s)
                n = (int)(end - s);
            memcpy(o, s, (size_t)n);
            o += n;
            s += n;
            pos += 10;
            continue;
        }
        if (c != '\\') {
            *o++ = *s++;
            pos++;
            continue;
        }
        size_t start = pos;
        s++;
        if (s == end || (unsigned char)*s >= 0x80) {
            /* Not an escape: the backslash stands for itself. */
            *o++ = '\\';
            pos += 6;
            continue;
        }
        char e = *s++;
        pos += 2;
        int simple = simple_escape(e);
        if (simple) {
            *o++ = (char)simple;
            continue;
        }
        switch (e) {
        case '\n':
            break;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7': {
            /* Up to three digits, so up to chr(0o777). */
            uint32_t v = (uint32_t)(e - '0');
            for (int i = 0; i < 2 && s < end && is_octal(*s); i++, pos++)
                v = v * 8 + (uint32_t)(*s++ - '0');
            o = put_utf8(o, v);
            break;
        }
        case 'x':
        case 'u':
        case 'U': {
            int want = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            uint32_t v = 0;
            int got = 0;
            for (; got < want && s < end && is_hex(*s); got++, s++, pos++)
                v = v * 16 + (uint32_t)digit_value(*s);
            if (got < want)
                return fail_unicode(err, start, pos,
                                    e == 'x' ? "truncated \\xXX escape"
                                    : e == 'u' ? "truncated \\uXXXX escape"
                                               : "truncated \\UXXXXXXXX escape");
            if (v > 0x10FFFF)
                return fail_unicode(err, start, pos, "illegal Unicode character");
            o = put_utf8(o, v);
            break;
        }
        case 'N': {
            if (s < end && *s == '{') {
                const char *name = ++s;
                bool ascii = true;
                pos++;
                while (s < end && *s != '}') {
                    unsigned char b = (unsigned char)*s;
                    if (b >= 0x80) {
                        s += utf8_len(b);
                        pos += 10;
                        ascii = false;
                    } else if (b == '\\') {
                        /* The rewriting pairs a backslash with the next
                         * character, so a backslash after it is not a new
                         * escape; only '}' still ends the name. */
                        s++;
                        if (s == end || (unsigned char)*s >= 0x80) {
                            pos += 6;
                        } else {
                            pos++;
                            if (*s != '}') {
                                s++;
                                pos++;
                            }
                        }
                    } else {
                        s++;
                        pos++;
                    }
                }
                if (s > end)
                    s = end;
                if (s < end && s > name) {
                    size_t namelen = (size_t)(s - name);
                    uint32_t cp;
                    s++;
                    pos++;
                    /* Names are ASCII; CPython looks up the rewritten
                     * "\U…" text, which can never match either. */
                    if (ascii && unicode_lookup_name(name, namelen, &cp)) {
                        o = put_utf8(o, cp);
                        break;
                    }
                    return fail_unicode(err, start, pos, "unknown Unicode character name");
                }
            }
            return fail_unicode(err, start, pos, "malformed \\N character escape");
        }
        default:
            /* Unknown escapes are kept as written (CPython also warns). */
            *o++ = '\\';
            *o++ = e;
            break;
        }
    }
    *outlen = (size_t)(o - o0);
    return 0;
}

int lit_string(Arena *a, const char *body, const char *end, bool raw, bool bytes,
               AstConstant *out, SyntaxErrorInfo *err)
{
    size_t n = (size_t)(end - body);
    out->kind = bytes ? AST_CONST_BYTES : AST_CONST_STR;
    if (bytes) {
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)body[i] >= 0x80)
                return fail(err, "bytes can only contain ASCII literal characters");
    }
    if (raw || !memchr(body, '\\', n)) {
        out->u.s = arena_strndup(a, body, n);
        out->len = n;
        return out->u.s ? 0 : fail_nomem(err);
    }
    char *buf = arena_alloc(a, n + 1);
    if (!buf)
        return fail_nomem(err);
    size_t len = 0;
    int rc = bytes ? decode_bytes(body, end, buf, &len, err) : decode_str(body, end, buf, &len, err);
    if (rc < 0)
        return -1;
    buf[len] = '\0';
    out->u.s = buf;
    out->len = len;
    return 0;
}

/* ------------------------------------------------------------------ */
/* repr()                                                             */
/* ------------------------------------------------------------------ */

/* Python's float repr (numfmt does the work).  `dot0` asks for ".0" on
 * integral positional values: float repr has it, the imaginary part of a
 * complex repr does not. */
static void format_float(double x, bool dot0, char *out, size_t cap)
{
    if (dot0) {
        char tmp[NUMFMT_REPR_MAX];
        numfmt_repr(x, tmp);
        snprintf(out, cap, "%s", tmp);
        return;
    }
    NumBuf b;
    numbuf_init(&b);
    if (numfmt_dtoa(&b, x, 'r', 0, 0) == NUMFMT_OK)
        snprintf(out, cap, "%s", b.data);
    else
        snprintf(out, cap, "?");
    numbuf_free(&b);
}

static const char hexdigits[] = "0123456789abcdef";

/* Both str and bytes reprs prefer single quotes, switching to double quotes
 * only when that avoids escaping. */
static char pick_quote(const char *s, size_t n)
{
    bool sq = memchr(s, '\'', n) != NULL;
    bool dq = memchr(s, '"', n) != NULL;
    return sq && !dq ? '"' : '\'';
}

static void put_hex(FILE *out, char kind, uint32_t v, int ndigits)
{
    putc('\\', out);
    putc(kind, out);
    for (int i = ndigits - 1; i >= 0; i--)
        putc(hexdigits[(v >> (4 * i)) & 0xF], out);
}

/* Escapes common to str and bytes for ASCII characters. */
static void repr_ascii(FILE *out, unsigned c, char quote)
{
    if (c == (unsigned char)quote || c == '\\') {
        putc('\\', out);
        putc((int)c, out);
    } else if (c == '\t') {
        fputs("\\t", out);
    } else if (c == '\n') {
        fputs("\\n", out);
    } else if (c == '\r') {
        fputs("\\r", out);
    } else if (c < 0x20 || c >= 0x7F) {
        put_hex(out, 'x', c, 2);
    } else {
        putc((int)c, out);
    }
}

static void repr_str(FILE *out, const char *str, size_t n)
{
    char quote = pick_quote(str, n);
    const unsigned char *s = (const unsigned char *)str, *end = s + n;
    putc(quote, out);
    while (s < end) {
        if (*s < 0x80) {
            repr_ascii(out, *s++, quote);
            continue;
        }
        const unsigned char *start = s;
        uint32_t cp = get_utf8(&s, end);
        bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        if (!surrogate && cp >= 0x80 && unicode_is_printable(cp))
            fwrite(start, 1, (size_t)(s - start), out);
        else if (cp <= 0xFF)
            put_hex(out, 'x', cp, 2);
        else if (cp <= 0xFFFF)
            put_hex(out, 'u', cp, 4);
        else
            put_hex(out, 'U', cp, 8);
    }
    putc(quote, out);
}

static void repr_bytes(FILE *out, const char *s, size_t n)
{
    char quote = pick_quote(s, n);
    putc('b', out);
    putc(quote, out);
    for (size_t i = 0; i < n; i++)
        repr_ascii(out, (unsigned char)s[i], quote);
    putc(quote, out);
}

int lit_repr(FILE *out, const AstConstant *c)
{
    char buf[48];
    switch (c->kind) {
    case AST_CONST_NONE: fputs("None", out); break;
    case AST_CONST_TRUE: fputs("True", out); break;
    case AST_CONST_FALSE: fputs("False", out); break;
    case AST_CONST_ELLIPSIS: fputs("Ellipsis", out); break;
    case AST_CONST_INT: fprintf(out, "%" PRId64, c->u.i); break;
    case AST_CONST_BIGINT: fwrite(c->u.s, 1, c->len, out); break;
    case AST_CONST_FLOAT:
        format_float(c->u.f, true, buf, sizeof buf);
        fputs(buf, out);
        break;
    case AST_CONST_COMPLEX:
        /* Literals are pure imaginary with a +0.0 real part, which complex
         * repr leaves out. */
        format_float(c->u.f, false, buf, sizeof buf);
        fputs(buf, out);
        putc('j', out);
        break;
    case AST_CONST_STR: repr_str(out, c->u.s, c->len); break;
    case AST_CONST_BYTES: repr_bytes(out, c->u.s, c->len); break;
    }
    return ferror(out) ? -1 : 0;
}
