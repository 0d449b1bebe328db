/* Python int semantics on GMP; see bigint.h for the conventions.
 *
 * The behaviour follows CPython 3.11.2 as observed from the outside (the
 * tests compare against cases generated with it); the algorithms are our
 * own and mostly lean on GMP, which already has sub-quadratic string
 * conversion, division, modular exponentiation and inversion. */
#include "core/bigint.h"
#include "core/ustr.h"

#include <assert.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limb-level code below (top bits for float conversion) assumes full 64-bit
 * limbs, and the int64 wrappers in the header assume a 64-bit long. */
static_assert(GMP_NUMB_BITS == 64 && sizeof(mp_limb_t) == 8, "64-bit GMP limbs expected");
static_assert(sizeof(long) == 8, "LP64 expected: mpz_*_si take long");

/* ---- Errors ------------------------------------------------------------ */

const char *bigint_exc_name(BigintExc exc)
{
    switch (exc) {
    case BIGINT_OK:
        return "OK";
    case BIGINT_VALUE_ERROR:
        return "ValueError";
    case BIGINT_ZERO_DIVISION_ERROR:
        return "ZeroDivisionError";
    case BIGINT_OVERFLOW_ERROR:
        return "OverflowError";
    case BIGINT_TYPE_ERROR:
        return "TypeError";
    case BIGINT_MEMORY_ERROR:
        return "MemoryError";
    }
    return "?";
}

__attribute__((format(printf, 3, 4))) static BigintExc fail(BigintError *err, BigintExc exc, const char *fmt, ...)
{
    if (err) {
        err->exc = exc;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return exc;
}

static BigintExc fail_nomem(BigintError *err) { return fail(err, BIGINT_MEMORY_ERROR, "%s", ""); }

static BigintExc fail_str_limit(BigintError *err, int max_str_digits)
{
    return fail(err, BIGINT_VALUE_ERROR,
                "Exceeds the limit (%d digits) for integer string conversion; "
                "use sys.set_int_max_str_digits() to increase the limit",
                max_str_digits);
}

/* ---- Small helpers ------------------------------------------------------- */

/* A read-only view of |a| that shares a's limbs: lets the code work on
 * magnitudes without copying.  The view must not be written or cleared. */
static void abs_view(mpz_t view, const mpz_t a) { mpz_roinit_n(view, mpz_limbs_read(a), (mp_size_t)mpz_size(a)); }

static uint64_t bit_length(const mpz_t a) { return mpz_sgn(a) == 0 ? 0 : (uint64_t)mpz_sizeinbase(a, 2); }

static int clz64(uint64_t x) { return __builtin_clzll(x); }

/* The correctly rounded double nearest (q + f) * 2**e, where 0 <= f < 1 and
 * f != 0 exactly when `sticky`; ties go to even.  Returns +inf when the
 * value rounds beyond DBL_MAX.  When sticky is set, q must carry at least
 * two bits below the double's last place (callers give 55 bits or more),
 * so that q's low bits decide the rounding and f only breaks ties. */
static double round_to_double(uint64_t q, bool sticky, int64_t e)
{
    if (q == 0)
        return 0.0;
    int nb = 64 - clz64(q);
    int64_t top = nb - 1 + e; /* exponent of the leading bit */
    if (top > DBL_MAX_EXP - 1)
        return HUGE_VAL;
    /* Weight of the last bit a double keeps: 53 bits below the leading one,
     * or the subnormal floor 2**-1074. */
    int64_t lsb = top - (DBL_MANT_DIG - 1);
    if (lsb < DBL_MIN_EXP - DBL_MANT_DIG)
        lsb = DBL_MIN_EXP - DBL_MANT_DIG;
    int64_t d = lsb - e; /* bits of q below that place */
    if (d <= 0) {
        assert(!sticky);
        return ldexp((double)q, (int)e);
    }
    if (d > nb)
        return 0.0; /* below half the smallest step */
    uint64_t r, rem, half;
    if (d == 64) {
        r = 0;
        rem = q;
        half = UINT64_C(1) << 63;
    } else {
        r = q >> d;
        rem = q & ((UINT64_C(1) << d) - 1);
        half = UINT64_C(1) << (d - 1);
    }
    if (rem > half || (rem == half && (sticky || (r & 1))))
        r++;
    /* r <= 2**53 is exact as a double; ldexp is exact or overflows to inf. */
    return ldexp((double)r, (int)lsb);
}

/* ---- Unicode and repr helpers ----------------------------------------- */

bool bigint_is_space(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
    /* Python's whitespace: bidirectional class WS, B or S, or category Zs. */
    switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

/* int() strips only ASCII whitespace once the string is in ASCII form
 * (CPython's Py_ISSPACE); \x1c..\x1f, which str.isspace() accepts, are not
 * stripped. */
static bool ascii_space(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

/* Decodes the code point at s[*i] and advances *i.  Accepts the 3-byte
 * encodings of surrogates (Krait strings may hold lone surrogates).  A byte
 * that starts no valid sequence decodes as U+DC00 + byte, as Python's
 * surrogateescape does, so it is visible in a repr and never a digit. */
static uint32_t utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    unsigned c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    int n;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3, cp = c & 0x07, min = 0x10000;
    } else {
        goto bad;
    }
    if (len - *i <= (size_t)n)
        goto bad;
    for (int k = 1; k <= n; k++) {
        unsigned b = s[*i + (size_t)k];
        if ((b & 0xC0) != 0x80)
            goto bad;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF)
        goto bad;
    *i += (size_t)n + 1;
    return cp;
bad:
    (*i)++;
    return 0xDC00 | c;
}

/* A repr() being built, cut after `max` characters as CPython's "%.200R"
 * cuts it (the cut may fall inside an escape or drop the closing quote). */
typedef struct {
    char *out;
    size_t len;  /* bytes written */
    size_t nch;  /* characters written */
    size_t max;  /* character limit */
} ReprBuf;

static void repr_cp(ReprBuf *rb, uint32_t cp)
{
    if (rb->nch >= rb->max)
        return;
    rb->len += ustr_put_utf8(rb->out + rb->len, cp);
    rb->nch++;
}

static void repr_ascii(ReprBuf *rb, const char *s)
{
    while (*s)
        repr_cp(rb, (unsigned char)*s++);
}

static void repr_hex_escape(ReprBuf *rb, char kind, uint32_t v, int ndigits)
{
    char tmp[16];
    snprintf(tmp, sizeof tmp, "\\%c%0*x", kind, ndigits, (unsigned)v);
    repr_ascii(rb, tmp);
}

/* The part of repr() common to str and bytes for an ASCII character. */
static void repr_ascii_char(ReprBuf *rb, unsigned c, unsigned quote)
{
    if (c == quote || c == '\\') {
        repr_cp(rb, '\\');
        repr_cp(rb, c);
    } else if (c == '\t') {
        repr_ascii(rb, "\\t");
    } else if (c == '\n') {
        repr_ascii(rb, "\\n");
    } else if (c == '\r') {
        repr_ascii(rb, "\\r");
    } else if (c < 0x20 || c >= 0x7F) {
        repr_hex_escape(rb, 'x', c, 2);
    } else {
        repr_cp(rb, c);
    }
}

/* repr(str) of UTF-8 text, at most max characters; out needs 4*max+1 bytes.
 * Python picks double quotes only when the text has ' and no ". */
static void repr_str(const char *s, size_t len, const BigintUnicode *uni, char *out, size_t max)
{
    unsigned quote = (memchr(s, '\'', len) && !memchr(s, '"', len)) ? '"' : '\'';
    ReprBuf rb = {out, 0, 0, max};
    repr_cp(&rb, quote);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len && rb.nch < rb.max;) {
        uint32_t cp = utf8_next(u, len, &i);
        if (cp < 0x80)
            repr_ascii_char(&rb, cp, quote);
        else if ((cp < 0xD800 || cp > 0xDFFF) && (!uni || !uni->is_printable || uni->is_printable(cp)))
            repr_cp(&rb, cp);
        else if (cp <= 0xFF)
            repr_hex_escape(&rb, 'x', cp, 2);
        else if (cp <= 0xFFFF)
            repr_hex_escape(&rb, 'u', cp, 4);
        else
            repr_hex_escape(&rb, 'U', cp, 8);
    }
    repr_cp(&rb, quote);
    out[rb.len] = '\0';
}

/* repr(bytes) of s[0..len), at most max characters. */
static void repr_bytes(const char *s, size_t len, char *out, size_t max)
{
    unsigned quote = (memchr(s, '\'', len) && !memchr(s, '"', len)) ? '"' : '\'';
    ReprBuf rb = {out, 0, 0, max};
    repr_cp(&rb, 'b');
    repr_cp(&rb, quote);
    for (size_t i = 0; i < len && rb.nch < rb.max; i++)
        repr_ascii_char(&rb, (unsigned char)s[i], quote);
    repr_cp(&rb, quote);
    out[rb.len] = '\0';
}

/* ---- Parsing ----------------------------------------------------------- */

/* The invalid-literal message shows repr() cut to 200 characters (for
 * bytes, the repr of at most their first 200 bytes), as CPython's %.200R. */
#define LITERAL_REPR_MAX 200

static int digit_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20; /* fold letters to lower case; other characters stay non-digits */
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    return 99;
}

typedef enum { PARSE_OK, PARSE_INVALID, PARSE_LIMIT, PARSE_NOMEM } ParseStatus;

/* Converts the digits of p[0..n) (underscores skipped, all already checked)
 * in `base`, with `ndigits` digits in all. */
static ParseStatus convert_digits(const char *p, size_t n, size_t ndigits, int base, bool neg, BigintResult *out)
{
    if (ndigits <= 64) {
        /* Most numbers fit in int64_t: accumulate without GMP, and fall
         * through to it only on overflow. */
        uint64_t v = 0;
        bool over = false;
        for (size_t i = 0; i < n && !over; i++)
            if (p[i] != '_')
                over = __builtin_mul_overflow(v, (uint64_t)base, &v) ||
                       __builtin_add_overflow(v, (uint64_t)digit_value((unsigned char)p[i]), &v);
        if (!over && v <= (uint64_t)INT64_MAX + neg) {
            out->is_big = false;
            out->small = neg ? (int64_t)(0 - v) : (int64_t)v;
            return PARSE_OK;
        }
    }
    /* log2(base) * digits, less a little for rounding: a lower bound on
     * the size, so only values surely too large are refused. */
    if ((double)ndigits * log2((double)base) - 1.0 > (double)BIGINT_MAX_BITS)
        return PARSE_NOMEM;
    char stackbuf[256];
    char *buf = ndigits < sizeof stackbuf ? stackbuf : malloc(ndigits + 1);
    if (!buf)
        return PARSE_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] != '_')
            buf[k++] = p[i];
    buf[k] = '\0';
    mpz_t z;
    mpz_init(z);
    int rc = mpz_set_str(z, buf, base); /* sub-quadratic for long inputs */
    if (buf != stackbuf)
        free(buf);
    (void)rc;
    assert(rc == 0);
    if (neg)
        mpz_neg(z, z);
    if (mpz_fits_slong_p(z)) {
        out->is_big = false;
        out->small = mpz_get_si(z);
        mpz_clear(z);
    } else {
        /* Moving the struct hands z's limbs over to the caller. */
        out->is_big = true;
        *out->big = *z;
    }
    return PARSE_OK;
}

/* Parses ASCII text p[0..n) as CPython's PyLong_FromString does: strips
 * ASCII whitespace, one sign, base-0 prefix detection, digits with single
 * underscores, and counts the digits for the str->int limit before looking
 * at what follows them (so '1'*5000 + 'x' reports the limit, not the
 * literal). */
static ParseStatus parse_ascii(const char *p, size_t n, int base, int max_str_digits, BigintResult *out,
                               size_t *ndigits_out)
{
    size_t i = 0;
    while (i < n && ascii_space((unsigned char)p[i]))
        i++;
    bool neg = false;
    if (i < n && (p[i] == '+' || p[i] == '-')) {
        neg = p[i] == '-';
        i++;
    }
    char c1 = i + 1 < n ? (char)(p[i + 1] | 0x20) : 0;
    /* Base 0 with a leading 0 and no prefix: C-style octal is not allowed,
     * but zero itself ("0", "00", "0_0") is. */
    bool zero_only = false;
    if (base == 0) {
        if (i >= n || p[i] != '0')
            base = 10;
        else if (c1 == 'x')
            base = 16;
        else if (c1 == 'o')
            base = 8;
        else if (c1 == 'b')
            base = 2;
        else
            zero_only = true, base = 10;
    }
    if (i < n && p[i] == '0' &&
        ((base == 16 && c1 == 'x') || (base == 8 && c1 == 'o') || (base == 2 && c1 == 'b'))) {
        i += 2;
        if (i < n && p[i] == '_') /* one underscore may follow a prefix */
            i++;
    }
    if (i < n && p[i] == '_')
        return PARSE_INVALID;
    size_t start = i, ndigits = 0;
    char prev = 0;
    for (; i < n; i++) {
        char c = p[i];
        if (c == '_') {
            if (prev == '_')
                return PARSE_INVALID;
        } else if (digit_value((unsigned char)c) < base) {
            ndigits++;
        } else {
            break;
        }
        prev = c;
    }
    if (prev == '_')
        return PARSE_INVALID;
    size_t stop = i;
    bool binary = (base & (base - 1)) == 0; /* powers of two are never limited */
    if (!binary && max_str_digits > 0 && ndigits > (size_t)max_str_digits) {
        *ndigits_out = ndigits;
        return PARSE_LIMIT;
    }
    if (ndigits == 0)
        return PARSE_INVALID;
    while (i < n && ascii_space((unsigned char)p[i]))
        i++;
    if (i != n)
        return PARSE_INVALID;
    if (zero_only)
        for (size_t k = start; k < stop; k++)
            if (p[k] != '0' && p[k] != '_')
                return PARSE_INVALID;
    return convert_digits(p + start, stop - start, ndigits, base, neg, out);
}

static BigintExc parse_failed(ParseStatus st, int base, int max_str_digits, size_t ndigits, const char *repr,
                              BigintError *err)
{
    switch (st) {
    case PARSE_INVALID:
        return fail(err, BIGINT_VALUE_ERROR, "invalid literal for int() with base %d: %s", base, repr);
    case PARSE_LIMIT:
        return fail(err, BIGINT_VALUE_ERROR,
                    "Exceeds the limit (%d digits) for integer string conversion: value has %zu digits; "
                    "use sys.set_int_max_str_digits() to increase the limit",
                    max_str_digits, ndigits);
    case PARSE_NOMEM:
    default:
        return fail_nomem(err);
    }
}

BigintExc bigint_parse_str(const char *s, size_t len, int base, int max_str_digits, const BigintUnicode *uni,
                           BigintResult *out, BigintError *err)
{
    if (base != 0 && (base < 2 || base > 36))
        return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_BAD_BASE);
    const unsigned char *u = (const unsigned char *)s;
    size_t first_high = 0;
    while (first_high < len && u[first_high] < 0x80)
        first_high++;

    ParseStatus st;
    size_t ndigits = 0;
    if (first_high == len) {
        st = parse_ascii(s, len, base, max_str_digits, out, &ndigits);
    } else {
        /* As CPython does, map the text to ASCII first: Unicode whitespace
         * to ' ', Unicode decimal digits to '0'..'9', and cut at the first
         * other non-ASCII character (a '?' that no rule accepts).  Each
         * non-ASCII character takes two bytes or more, so the ASCII form is
         * never longer. */
        char stackbuf[256];
        char *a = len < sizeof stackbuf ? stackbuf : malloc(len + 1);
        if (!a)
            return fail_nomem(err);
        memcpy(a, s, first_high);
        size_t n = first_high;
        for (size_t i = first_high; i < len;) {
            uint32_t cp = utf8_next(u, len, &i);
            int d;
            if (cp < 0x80)
                a[n++] = (char)cp;
            else if (bigint_is_space(cp))
                a[n++] = ' ';
            else if (uni && uni->decimal && (d = uni->decimal(cp)) >= 0 && d <= 9)
                a[n++] = (char)('0' + d);
            else {
                a[n++] = '?';
                break;
            }
        }
        st = parse_ascii(a, n, base, max_str_digits, out, &ndigits);
        if (a != stackbuf)
            free(a);
    }
    if (st == PARSE_OK)
        return BIGINT_OK;
    char repr[4 * LITERAL_REPR_MAX + 1] = "";
    if (st == PARSE_INVALID)
        repr_str(s, len, uni, repr, LITERAL_REPR_MAX);
    return parse_failed(st, base, max_str_digits, ndigits, repr, err);
}

BigintExc bigint_parse_bytes(const char *s, size_t len, int base, int max_str_digits, BigintResult *out,
                             BigintError *err)
{
    if (base != 0 && (base < 2 || base > 36))
        return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_BAD_BASE);
    size_t ndigits = 0;
    ParseStatus st = parse_ascii(s, len, base, max_str_digits, out, &ndigits);
    if (st == PARSE_OK)
        return BIGINT_OK;
    char repr[4 * LITERAL_REPR_MAX + 1] = "";
    if (st == PARSE_INVALID)
        repr_bytes(s, len < LITERAL_REPR_MAX ? len : LITERAL_REPR_MAX, repr, LITERAL_REPR_MAX);
    return parse_failed(st, base, max_str_digits, ndigits, repr, err);
}

/* ---- Formatting -------------------------------------------------------- */

size_t bigint_format_size(const mpz_t a, int base)
{
    if (base < 2 || base > 36)
        base = 2;
    return mpz_sizeinbase(a, base) + 4; /* sign, two-character prefix, NUL */
}

static char *put_sign_prefix(char *p, bool neg, int base, unsigned flags)
{
    if (neg)
        *p++ = '-';
    if ((flags & BIGINT_FMT_PREFIX) && (base == 2 || base == 8 || base == 16)) {
        static const char lower[] = {[2] = 'b', [8] = 'o', [16] = 'x'};
        *p++ = '0';
        *p++ = (flags & BIGINT_FMT_UPPER) ? (char)(lower[base] - 0x20) : lower[base];
    }
    return p;
}

BigintExc bigint_format(const mpz_t a, int base, unsigned flags, int max_str_digits, char *buf, size_t *len,
                        BigintError *err)
{
    if (base < 2 || base > 36)
        return fail(err, BIGINT_VALUE_ERROR, "base must be in 2..36");
    bool limited = base == 10 && max_str_digits > 0;
    mpz_t mag;
    abs_view(mag, a);
    /* mpz_sizeinbase is exact or one too many, so this refuses only numbers
     * that surely exceed the limit, before spending time converting. */
    if (limited && mpz_sizeinbase(mag, 10) - 1 > (size_t)max_str_digits)
        return fail_str_limit(err, max_str_digits);
    char *p = put_sign_prefix(buf, mpz_sgn(a) < 0, base, flags);
    mpz_get_str(p, (flags & BIGINT_FMT_UPPER) ? -base : base, mag);
    size_t n = strlen(p);
    if (limited && n > (size_t)max_str_digits)
        return fail_str_limit(err, max_str_digits);
    *len = (size_t)(p - buf) + n;
    return BIGINT_OK;
}

size_t bigint_i64_format(int64_t v, int base, unsigned flags, char buf[BIGINT_I64_FORMAT_SIZE])
{
    if (base < 2 || base > 36)
        base = 10;
    const char *digits = (flags & BIGINT_FMT_UPPER) ? "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                    : "0123456789abcdefghijklmnopqrstuvwxyz";
    uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
    char tmp[64];
    int k = 0;
    do {
        tmp[k++] = digits[m % (unsigned)base];
        m /= (unsigned)base;
    } while (m);
    char *p = put_sign_prefix(buf, v < 0, base, flags);
    while (k)
        *p++ = tmp[--k];
    *p = '\0';
    return (size_t)(p - buf);
}

/* ---- Conversions ------------------------------------------------------- */

/* The top 64 bits of |a| (a != 0) with the leading one at bit 63, whether
 * any bit below them is set, and |a|'s bit length. */
static uint64_t top_bits(const mpz_t a, bool *sticky, int64_t *nbits)
{
    size_t n = mpz_size(a);
    const mp_limb_t *p = mpz_limbs_read(a);
    int lz = clz64(p[n - 1]);
    uint64_t hi = p[n - 1] << lz;
    *sticky = false;
    if (n > 1) {
        if (lz)
            hi |= p[n - 2] >> (64 - lz);
        *sticky = (p[n - 2] << lz) != 0;
        for (size_t i = 0; !*sticky && i + 2 < n; i++)
            *sticky = p[i] != 0;
    }
    *nbits = (int64_t)n * 64 - lz;
    return hi;
}

double bigint_frexp(const mpz_t a, int64_t *e)
{
    if (mpz_sgn(a) == 0) {
        *e = 0;
        return 0.0;
    }
    bool sticky;
    int64_t nbits;
    uint64_t hi = top_bits(a, &sticky, &nbits);
    double m = round_to_double(hi, sticky, -64);
    if (m == 1.0) { /* rounding carried into the next power of two */
        m = 0.5;
        nbits++;
    }
    *e = nbits;
    return mpz_sgn(a) < 0 ? -m : m;
}

BigintExc bigint_to_double(const mpz_t a, double *out, BigintError *err)
{
    size_t n = mpz_size(a);
    const mp_limb_t *p = mpz_limbs_read(a);
    double d;
    if (n == 0) {
        d = 0.0;
    } else if (n == 1) {
        d = (double)(uint64_t)p[0]; /* the conversion rounds to nearest even */
    } else {
        if (n > (DBL_MAX_EXP + 63) / 64 + 1)
            return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_TO_FLOAT_OVERFLOW);
        bool sticky;
        int64_t nbits;
        uint64_t hi = top_bits(a, &sticky, &nbits);
        d = round_to_double(hi, sticky, nbits - 64);
        if (isinf(d))
            return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_TO_FLOAT_OVERFLOW);
    }
    *out = mpz_sgn(a) < 0 ? -d : d;
    return BIGINT_OK;
}

/* round(x) for a float: half to even, whatever the FPU's rounding mode. */
static double round_half_even(double x)
{
    double r = round(x); /* half away from zero */
    if (fabs(x - r) == 0.5)
        r = 2.0 * round(x / 2.0);
    return r;
}

static double apply_rounding(double d, BigintRound mode)
{
    switch (mode) {
    case BIGINT_ROUND_FLOOR:
        return floor(d);
    case BIGINT_ROUND_CEIL:
        return ceil(d);
    case BIGINT_ROUND_HALF_EVEN:
        return round_half_even(d);
    case BIGINT_ROUND_TRUNC:
    default:
        return trunc(d);
    }
}

BigintExc bigint_from_double(mpz_t r, double d, BigintRound mode, BigintError *err)
{
    if (isnan(d))
        return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_FLOAT_NAN);
    if (isinf(d))
        return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_FLOAT_INF);
    mpz_set_d(r, apply_rounding(d, mode)); /* exact: the argument is integral */
    return BIGINT_OK;
}

bool bigint_i64_from_double(double d, BigintRound mode, int64_t *out)
{
    if (!isfinite(d))
        return false;
    double t = apply_rounding(d, mode);
    if (!(t >= -0x1p63 && t < 0x1p63))
        return false;
    *out = (int64_t)t;
    return true;
}

BigintExc bigint_as_integer_ratio(mpz_t num, mpz_t den, double d, BigintError *err)
{
    if (isnan(d))
        return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_RATIO_NAN);
    if (isinf(d))
        return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_RATIO_INF);
    mpz_set_ui(den, 1);
    if (d == 0.0) {
        mpz_set_ui(num, 0);
        return BIGINT_OK;
    }
    /* d = m * 2**e with m a 53-bit integer; then drop the factors of two
     * that m and the denominator share. */
    int e;
    double f = frexp(fabs(d), &e);
    uint64_t m = (uint64_t)ldexp(f, DBL_MANT_DIG);
    e -= DBL_MANT_DIG;
    int tz = __builtin_ctzll(m);
    m >>= tz;
    e += tz;
    mpz_set_ui(num, m);
    if (e >= 0)
        mpz_mul_2exp(num, num, (mp_bitcnt_t)e);
    else
        mpz_mul_2exp(den, den, (mp_bitcnt_t)-e);
    if (d < 0)
        mpz_neg(num, num);
    return BIGINT_OK;
}

BigintExc bigint_to_bytes(const mpz_t a, unsigned char *buf, size_t len, bool little, bool is_signed,
                          BigintError *err)
{
    int sgn = mpz_sgn(a);
    if (sgn < 0 && !is_signed)
        return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_NEGATIVE_UNSIGNED);
    uint64_t bits = bit_length(a);
    /* Bits the value needs: its magnitude, plus a sign bit when signed.  A
     * negative -2**k needs only k+1 (its magnitude minus one has k bits). */
    uint64_t need = bits;
    if (is_signed && sgn > 0)
        need = bits + 1;
    else if (sgn < 0)
        need = (mpz_scan1(a, 0) == bits - 1 ? bits - 1 : bits) + 1;
    /* CPython lets -1 fit in zero bytes when signed: its two's complement
     * has no bits besides the sign, and with no bytes there is no sign bit
     * to check. */
    bool quirk = len == 0 && sgn < 0 && bits == 1;
    if (need > (uint64_t)len * 8 && !quirk)
        return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_TOO_BIG);
    if (len == 0)
        return BIGINT_OK;
    size_t nbytes = (size_t)((bits + 7) / 8);
    memset(buf, 0, len - nbytes);
    size_t count = 0;
    if (nbytes)
        mpz_export(buf + (len - nbytes), &count, 1, 1, 1, 0, a); /* |a|, most significant byte first */
    assert(count == nbytes);
    if (sgn < 0) {
        /* Two's complement over len bytes: invert, then add one. */
        unsigned carry = 1;
        for (size_t i = len; i-- > 0;) {
            unsigned v = (unsigned)(unsigned char)~buf[i] + carry;
            buf[i] = (unsigned char)v;
            carry = v >> 8;
        }
    }
    if (little)
        for (size_t i = 0, j = len - 1; i < j; i++, j--) {
            unsigned char t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    return BIGINT_OK;
}

BigintExc bigint_from_bytes(mpz_t r, const unsigned char *buf, size_t len, bool little, bool is_signed,
                            BigintError *err)
{
    if (len > BIGINT_MAX_BITS / 8)
        return fail_nomem(err);
    if (len == 0) {
        mpz_set_ui(r, 0);
        return BIGINT_OK;
    }
    bool negative = is_signed && (buf[little ? len - 1 : 0] & 0x80);
    mpz_import(r, len, little ? -1 : 1, 1, 0, 0, buf);
    if (negative) {
        /* The bytes were two's complement: subtract 2**(8*len). */
        mpz_t t;
        mpz_init(t);
        mpz_setbit(t, (mp_bitcnt_t)len * 8);
        mpz_sub(r, r, t);
        mpz_clear(t);
    }
    return BIGINT_OK;
}

/* ---- Arithmetic -------------------------------------------------------- */

BigintExc bigint_mul(mpz_t r, const mpz_t a, const mpz_t b, BigintError *err)
{
    if (bit_length(a) + bit_length(b) > BIGINT_MAX_BITS + 1)
        return fail_nomem(err);
    mpz_mul(r, a, b);
    return BIGINT_OK;
}

BigintExc bigint_floordiv(mpz_t q, const mpz_t a, const mpz_t b, BigintError *err)
{
    if (mpz_sgn(b) == 0) /* GMP would raise SIGFPE */
        return fail(err, BIGINT_ZERO_DIVISION_ERROR, "%s", BIGINT_MSG_FLOORDIV_BY_ZERO);
    mpz_fdiv_q(q, a, b);
    return BIGINT_OK;
}

BigintExc bigint_mod(mpz_t r, const mpz_t a, const mpz_t b, BigintError *err)
{
    if (mpz_sgn(b) == 0)
        return fail(err, BIGINT_ZERO_DIVISION_ERROR, "%s", BIGINT_MSG_MOD_BY_ZERO);
    mpz_fdiv_r(r, a, b);
    return BIGINT_OK;
}

BigintExc bigint_divmod(mpz_t q, mpz_t r, const mpz_t a, const mpz_t b, BigintError *err)
{
    if (mpz_sgn(b) == 0)
        return fail(err, BIGINT_ZERO_DIVISION_ERROR, "%s", BIGINT_MSG_FLOORDIV_BY_ZERO);
    mpz_fdiv_qr(q, r, a, b);
    return BIGINT_OK;
}

BigintExc bigint_truediv(const mpz_t a, const mpz_t b, double *out, BigintError *err)
{
    if (mpz_sgn(b) == 0)
        return fail(err, BIGINT_ZERO_DIVISION_ERROR, "%s", BIGINT_MSG_TRUEDIV_BY_ZERO);
    bool neg = (mpz_sgn(a) < 0) != (mpz_sgn(b) < 0);
    if (mpz_sgn(a) == 0) {
        *out = neg ? -0.0 : 0.0;
        return BIGINT_OK;
    }
    mpz_t A, B;
    abs_view(A, a);
    abs_view(B, b);
    int64_t la = (int64_t)mpz_sizeinbase(A, 2), lb = (int64_t)mpz_sizeinbase(B, 2);
    double d;
    if (la <= DBL_MANT_DIG && lb <= DBL_MANT_DIG) {
        /* Both convert exactly, and IEEE division rounds once, correctly. */
        d = mpz_get_d(A) / mpz_get_d(B);
    } else {
        int64_t diff = la - lb; /* A/B lies in [2**(diff-1), 2**(diff+1)) */
        if (diff > DBL_MAX_EXP + 1)
            return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_TRUEDIV_OVERFLOW);
        if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 2) {
            d = 0.0; /* below 2**-1076: rounds to zero */
        } else {
            /* q = floor(A * 2**s / B) has 63 or 64 bits; the remainder (and
             * the bits shifted out of A when s < 0) only tell whether the
             * exact quotient is above q, which is all rounding needs. */
            int64_t s = 63 - diff;
            mpz_t N, Q, R;
            mpz_inits(N, Q, R, NULL);
            bool sticky = false;
            if (s >= 0) {
                mpz_mul_2exp(N, A, (mp_bitcnt_t)s);
            } else {
                mpz_fdiv_q_2exp(N, A, (mp_bitcnt_t)-s);
                sticky = mpz_scan1(A, 0) < (mp_bitcnt_t)-s;
            }
            mpz_tdiv_qr(Q, R, N, B);
            sticky = sticky || mpz_sgn(R) != 0;
            uint64_t q = mpz_get_ui(Q);
            mpz_clears(N, Q, R, NULL);
            d = round_to_double(q, sticky, -s);
            if (isinf(d))
                return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_TRUEDIV_OVERFLOW);
        }
    }
    *out = neg ? -d : d;
    return BIGINT_OK;
}

BigintExc bigint_pow(mpz_t r, const mpz_t a, const mpz_t b, BigintError *err)
{
    if (mpz_sgn(b) < 0)
        return fail(err, BIGINT_VALUE_ERROR, "bigint_pow: negative exponent");
    if (mpz_sgn(b) == 0) {
        mpz_set_ui(r, 1);
        return BIGINT_OK;
    }
    if (mpz_cmpabs_ui(a, 1) <= 0) {
        /* 0, 1 and -1 stay small whatever the exponent's size. */
        if (mpz_sgn(a) < 0 && mpz_even_p(b))
            mpz_set_ui(r, 1);
        else
            mpz_set(r, a);
        return BIGINT_OK;
    }
    if (!mpz_fits_ulong_p(b))
        return fail_nomem(err);
    unsigned long e = mpz_get_ui(b);
    /* The result has about e * log2|a| bits. */
    long ex;
    double m = mpz_get_d_2exp(&ex, a);
    if ((double)e * (log2(fabs(m)) + (double)ex) > (double)BIGINT_MAX_BITS)
        return fail_nomem(err);
    mpz_pow_ui(r, a, e);
    return BIGINT_OK;
}

BigintExc bigint_pow_float(const mpz_t a, const mpz_t b, double *out, BigintError *err)
{
    double fa, fb;
    BigintExc rc = bigint_to_double(a, &fa, err);
    if (rc == BIGINT_OK)
        rc = bigint_to_double(b, &fb, err);
    if (rc != BIGINT_OK)
        return rc;
    if (fa == 0.0 && fb < 0.0)
        return fail(err, BIGINT_ZERO_DIVISION_ERROR, "%s", BIGINT_MSG_ZERO_NEG_POW);
    *out = pow(fa, fb);
    return BIGINT_OK;
}

BigintExc bigint_powmod(mpz_t r, const mpz_t a, const mpz_t b, const mpz_t m, BigintError *err)
{
    if (mpz_sgn(m) == 0)
        return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_POW_MOD_ZERO);
    mpz_t mag;
    abs_view(mag, m);
    if (mpz_cmp_ui(mag, 1) == 0) {
        /* Everything is 0 modulo 1, and everything is invertible. */
        mpz_set_ui(r, 0);
        return BIGINT_OK;
    }
    mpz_t res;
    mpz_init(res);
    if (mpz_sgn(b) < 0) {
        mpz_t e;
        mpz_init(e);
        if (!mpz_invert(res, a, mag)) {
            mpz_clears(e, res, NULL);
            return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_NOT_INVERTIBLE);
        }
        mpz_neg(e, b);
        mpz_powm(res, res, e, mag);
        mpz_clear(e);
    } else {
        mpz_powm(res, a, b, mag);
    }
    /* GMP gives [0, |m|); Python's result has m's sign. */
    if (mpz_sgn(m) < 0 && mpz_sgn(res) != 0)
        mpz_add(res, res, m);
    mpz_swap(r, res); /* r may alias a, b or m, which were read above */
    mpz_clear(res);
    return BIGINT_OK;
}

/* CPython 3.11 (64-bit, 30-bit digits) sizes a left shift's result in
 * digits: n // 30 whole digits plus one for n % 30, plus the operand's.
 * Past PY_SSIZE_T_MAX / 4 digits it says OverflowError ("too many digits
 * in integer"); below, it tries to allocate and says MemoryError.  Both
 * constants are CPython's: the digit-count clip in its shift code and
 * (PY_SSIZE_T_MAX - header) / sizeof(digit). */
#define CPY_SHIFT_CLIP ((unsigned __int128)(INT64_MAX / 4))
#define CPY_MAX_DIGITS ((unsigned __int128)((INT64_MAX - 24) / 4))

/* a << n with n >= 0 given as a 128-bit count, or `huge` when it is at
 * least 2**127. */
static BigintExc lshift_count(mpz_t r, const mpz_t a, unsigned __int128 n, bool huge, BigintError *err)
{
    if (mpz_sgn(a) == 0) {
        mpz_set_ui(r, 0);
        return BIGINT_OK;
    }
    uint64_t bits = bit_length(a);
    if (huge || n / 30 >= CPY_SHIFT_CLIP)
        return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_TOO_MANY_DIGITS);
    unsigned __int128 digits = (bits + 29) / 30 + n / 30 + (n % 30 != 0);
    if (digits > CPY_MAX_DIGITS)
        return fail(err, BIGINT_OVERFLOW_ERROR, "%s", BIGINT_MSG_TOO_MANY_DIGITS);
    if (n > BIGINT_MAX_BITS || bits + (uint64_t)n > BIGINT_MAX_BITS)
        return fail_nomem(err);
    mpz_mul_2exp(r, a, (mp_bitcnt_t)n);
    return BIGINT_OK;
}

/* a >> n (flooring) with n >= 0; a count of 2**64 or more is `huge`. */
static void rshift_count(mpz_t r, const mpz_t a, uint64_t n, bool huge)
{
    if (huge || n >= bit_length(a))
        mpz_set_si(r, mpz_sgn(a) < 0 ? -1 : 0);
    else
        mpz_fdiv_q_2exp(r, a, (mp_bitcnt_t)n);
}

BigintExc bigint_lshift(mpz_t r, const mpz_t a, const mpz_t n, BigintError *err)
{
    if (mpz_sgn(n) < 0)
        return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_NEGATIVE_SHIFT);
    bool huge = mpz_sizeinbase(n, 2) > 127;
    unsigned __int128 c = 0;
    if (!huge) {
        size_t limbs = mpz_size(n);
        const mp_limb_t *p = mpz_limbs_read(n);
        c = limbs > 0 ? p[0] : 0;
        if (limbs > 1)
            c |= (unsigned __int128)p[1] << 64;
    }
    return lshift_count(r, a, c, huge, err);
}

BigintExc bigint_rshift(mpz_t r, const mpz_t a, const mpz_t n, BigintError *err)
{
    if (mpz_sgn(n) < 0)
        return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_NEGATIVE_SHIFT);
    bool huge = !mpz_fits_ulong_p(n);
    rshift_count(r, a, huge ? 0 : mpz_get_ui(n), huge);
    return BIGINT_OK;
}

BigintExc bigint_lshift_i64(mpz_t r, const mpz_t a, int64_t n, BigintError *err)
{
    if (n < 0)
        return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_NEGATIVE_SHIFT);
    return lshift_count(r, a, (unsigned __int128)n, false, err);
}

BigintExc bigint_rshift_i64(mpz_t r, const mpz_t a, int64_t n, BigintError *err)
{
    if (n < 0)
        return fail(err, BIGINT_VALUE_ERROR, "%s", BIGINT_MSG_NEGATIVE_SHIFT);
    rshift_count(r, a, (uint64_t)n, false);
    return BIGINT_OK;
}

uint64_t bigint_bit_length(const mpz_t a) { return bit_length(a); }

uint64_t bigint_bit_count(const mpz_t a)
{
    /* mpz_popcount counts a negative number's infinite ones; Python counts
     * the magnitude's. */
    size_t n = mpz_size(a);
    return n ? (uint64_t)mpn_popcount(mpz_limbs_read(a), (mp_size_t)n) : 0;
}

BigintExc bigint_round(mpz_t r, const mpz_t a, int64_t ndigits, BigintError *err)
{
    (void)err;
    if (ndigits >= 0) {
        mpz_set(r, a);
        return BIGINT_OK;
    }
    uint64_t n = -(uint64_t)ndigits;
    /* |a| < 10**s; if s < n then |a| < 10**n / 10, far below the halfway
     * point, so the result is 0 (and 10**n need not be built). */
    mpz_t mag;
    abs_view(mag, a);
    if (mpz_sgn(a) == 0 || (uint64_t)mpz_sizeinbase(mag, 10) < n) {
        mpz_set_ui(r, 0);
        return BIGINT_OK;
    }
    mpz_t p, q, rem;
    mpz_inits(p, q, rem, NULL);
    mpz_ui_pow_ui(p, 10, (unsigned long)n);
    mpz_fdiv_qr(q, rem, a, p);
    mpz_mul_2exp(rem, rem, 1);
    int c = mpz_cmp(rem, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    mpz_mul(r, q, p);
    mpz_clears(p, q, rem, NULL);
    return BIGINT_OK;
}

/* ---- Comparison with floats ------------------------------------------- */

int bigint_cmp_double(const mpz_t a, double d)
{
    if (isnan(d)) /* GMP traps on NaN */
        return BIGINT_UNORDERED;
    int c = mpz_cmp_d(a, d); /* exact, infinities included */
    return (c > 0) - (c < 0);
}

int bigint_i64_cmp_double(int64_t a, double d)
{
    if (isnan(d))
        return BIGINT_UNORDERED;
    if (a >= -(INT64_C(1) << 53) && a <= (INT64_C(1) << 53)) {
        double x = (double)a; /* exact */
        return (x > d) - (x < d);
    }
    if (d >= 0x1p63)
        return -1;
    if (d < -0x1p63)
        return 1;
    /* Here |a| > 2**53 and d converts to int64: compare the integer parts
     * exactly, then the fraction. */
    double t = trunc(d);
    int64_t ti = (int64_t)t;
    if (a != ti)
        return a < ti ? -1 : 1;
    return (d > t) ? -1 : (d < t) ? 1 : 0;
}

/* ---- Hashing ------------------------------------------------------------- */

#define P BIGINT_HASH_MODULUS

static int64_t finish_hash(uint64_t h, bool neg)
{
    int64_t v = neg ? -(int64_t)h : (int64_t)h;
    return v == -1 ? -2 : v;
}

static uint64_t mulmod_p(uint64_t a, uint64_t b) { return (uint64_t)(((unsigned __int128)a * b) % P); }

static uint64_t powmod_p(uint64_t b, uint64_t e)
{
    uint64_t r = 1;
    for (; e; e >>= 1) {
        if (e & 1)
            r = mulmod_p(r, b);
        b = mulmod_p(b, b);
    }
    return r;
}

int64_t bigint_hash(const mpz_t a) { return finish_hash(mpz_tdiv_ui(a, P), mpz_sgn(a) < 0); }

int64_t bigint_i64_hash(int64_t v)
{
    uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
    return finish_hash(m % P, v < 0);
}

int64_t bigint_double_hash(double d)
{
    if (isnan(d))
        return 0;
    if (isinf(d))
        return d > 0 ? BIGINT_HASH_INF : -BIGINT_HASH_INF;
    if (d == 0.0)
        return 0;
    /* |d| = m * 2**e with m < 2**53 < P.  Since 2**61 == 1 (mod P), a power
     * of two only matters through its exponent mod 61, negative exponents
     * included (2**-k == 2**(61-k)), and multiplying by 2**k modulo P
     * is a rotation of the 61-bit residue. */
    int e;
    double f = frexp(fabs(d), &e);
    uint64_t h = (uint64_t)ldexp(f, DBL_MANT_DIG);
    e -= DBL_MANT_DIG;
    int k = e % BIGINT_HASH_BITS;
    if (k < 0)
        k += BIGINT_HASH_BITS;
    if (k)
        h = ((h << k) & P) | (h >> (BIGINT_HASH_BITS - k));
    return finish_hash(h, d < 0);
}

int64_t bigint_fraction_hash(const mpz_t num, const mpz_t den)
{
    /* hash = |num| * den**-1 mod P, and the "infinite" hash when den has no
     * inverse (is a multiple of P), as fractions.Fraction does.  P is prime,
     * so den**(P-2) is the inverse. */
    uint64_t dm = mpz_tdiv_ui(den, P);
    uint64_t h = dm == 0 ? BIGINT_HASH_INF : mulmod_p(mpz_tdiv_ui(num, P), powmod_p(dm, P - 2));
    return finish_hash(h, mpz_sgn(num) < 0);
}

#undef P

/* ---- int64 fast paths ---------------------------------------------------- */

bool bigint_i64_lshift(int64_t a, int64_t n, int64_t *r)
{
    if (a == 0) {
        *r = 0;
        return true;
    }
    if (n >= 64)
        return false;
    int64_t v = (int64_t)((uint64_t)a << n);
    if (bigint_i64_rshift(v, n) != a) /* bits (or the sign) fell off */
        return false;
    *r = v;
    return true;
}

bool bigint_i64_pow(int64_t a, int64_t b, int64_t *r)
{
    if (b < 0)
        return false;
    int64_t result = 1;
    while (b) {
        if ((b & 1) && __builtin_mul_overflow(result, a, &result))
            return false;
        b >>= 1;
        /* A square that overflows while exponent bits remain means the
         * result, which needs that square, overflows too. */
        if (b && __builtin_mul_overflow(a, a, &a))
            return false;
    }
    *r = result;
    return true;
}

double bigint_i64_truediv(int64_t a, int64_t b)
{
    const int64_t exact = INT64_C(1) << DBL_MANT_DIG;
    if (a >= -exact && a <= exact && b >= -exact && b <= exact)
        return (double)a / (double)b; /* exact operands, one rounding */
    bool neg = (a < 0) != (b < 0);
    uint64_t A = a < 0 ? -(uint64_t)a : (uint64_t)a;
    uint64_t B = b < 0 ? -(uint64_t)b : (uint64_t)b;
    if (A == 0)
        return neg ? -0.0 : 0.0;
    /* As bigint_truediv, in 128-bit arithmetic: A << s has 63 + bits(B)
     * <= 127 bits and the quotient 63 or 64. */
    int diff = (64 - clz64(A)) - (64 - clz64(B));
    int s = 63 - diff;
    unsigned __int128 N = (unsigned __int128)A << s;
    uint64_t q = (uint64_t)(N / B);
    bool sticky = N % B != 0;
    double d = round_to_double(q, sticky, -s);
    return neg ? -d : d;
}
