/* numfmt: numbers to text as CPython 3.11 writes them.  See numfmt.h.
 *
 * Layers, bottom up:
 *   1. NumBuf, the output buffer, and UTF-8 helpers.
 *   2. Decimal digits of a double: shortest (Schubfach), exact (GMP mpn),
 *      and fixed precision (rounded from one of those).
 *   3. numfmt_repr / numfmt_dtoa: digits laid out as 'e' 'f' 'g' 'r'.
 *   4. The format-spec mini-language: parse, then lay out sign, prefix,
 *      grouped digits and padding.
 *   5. %-formatting, round(), float.hex()/fromhex(), int -> float.
 */
#include "numfmt.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt_pow10.h"

typedef unsigned __int128 u128;

/* ------------------------------------------------------------------ */
/* Output buffer                                                      */
/* ------------------------------------------------------------------ */

void numbuf_init(NumBuf *b)
{
    b->data = b->small;
    b->len = 0;
    b->cap = sizeof b->small;
    b->small[0] = '\0';
}

void numbuf_free(NumBuf *b)
{
    if (b->data != b->small)
        free(b->data);
    numbuf_init(b);
}

void numbuf_clear(NumBuf *b)
{
    b->len = 0;
    b->data[0] = '\0';
}

/* Makes room for `extra` more bytes (and the NUL).  Widths come from user
 * format strings, so sizes can be absurd: fail rather than wrap. */
static bool buf_reserve(NumBuf *b, size_t extra)
{
    if (extra < b->cap - b->len)
        return true;
    if (extra > (SIZE_MAX >> 2) - b->len)
        return false;
    size_t need = b->len + extra + 1;
    size_t cap = b->cap * 2 > need ? b->cap * 2 : need;
    char *p;
    if (b->data == b->small) {
        p = malloc(cap);
        if (p)
            memcpy(p, b->data, b->len + 1);
    } else {
        p = realloc(b->data, cap);
    }
    if (!p)
        return false;
    b->data = p;
    b->cap = cap;
    return true;
}

static bool buf_put(NumBuf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return false;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool numbuf_append(NumBuf *b, const char *s, size_t n)
{
    return buf_put(b, s, n);
}

static bool buf_putc(NumBuf *b, char c)
{
    return buf_put(b, &c, 1);
}

static bool buf_puts(NumBuf *b, const char *s)
{
    return buf_put(b, s, strlen(s));
}

/* Appends `count` copies of the n-byte sequence s. */
static bool buf_repeat(NumBuf *b, const char *s, size_t n, uint64_t count)
{
    if (count == 0)
        return true;
    if (count > (SIZE_MAX >> 3) / n || !buf_reserve(b, (size_t)count * n))
        return false;
    char *p = b->data + b->len;
    if (n == 1) {
        memset(p, s[0], (size_t)count);
    } else {
        for (uint64_t i = 0; i < count; i++, p += n)
            memcpy(p, s, n);
    }
    b->len += (size_t)count * n;
    b->data[b->len] = '\0';
    return true;
}

/* Replaces the buffer's contents with an error message. */
static NumfmtStatus fail(NumBuf *b, NumfmtStatus st, const char *fmt, ...)
{
    numbuf_clear(b);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !buf_reserve(b, (size_t)n))
        return NUMFMT_MEMORY_ERROR;
    va_start(ap, fmt);
    vsnprintf(b->data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len = (size_t)n;
    return st;
}

static NumfmtStatus nomem(NumBuf *b)
{
    numbuf_clear(b);
    return NUMFMT_MEMORY_ERROR;
}

/* ------------------------------------------------------------------ */
/* UTF-8                                                              */
/* ------------------------------------------------------------------ */

/* Encodes any code point below 0x110000, surrogates included (they can
 * occur in Python strings). */
static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes one code point from s[0..n) (n >= 1) and returns its length.
 * The text comes from our own str objects, so it is well formed; still,
 * a malformed sequence must not read out of bounds: it decodes as its
 * first byte. */
static size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
    if (len == 1 || len > n || u[0] < 0xC0) {
        *cp = u[0];
        return 1;
    }
    uint32_t v = u[0] & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = u[0];
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    *cp = v;
    return len;
}

/* Code points in s[0..n): every byte that is not a continuation byte. */
static size_t utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

/* ------------------------------------------------------------------ */
/* Decimal digits of a double                                         */
/* ------------------------------------------------------------------ */

/* A finite positive double is c * 2**q with c < 2**53. */
#define C_MIN (UINT64_C(1) << 52)
#define Q_MIN (-1074)

static void decompose(double ax, uint64_t *c, int *q)
{
    uint64_t bits;
    memcpy(&bits, &ax, sizeof bits);
    uint64_t frac = bits & (C_MIN - 1);
    int bexp = (int)((bits >> 52) & 0x7FF);
    if (bexp == 0) {
        *c = frac;
        *q = Q_MIN;
    } else {
        *c = frac | C_MIN;
        *q = bexp - 1075;
    }
}

/* floor(log10(2**e)), floor(log10(3/4 * 2**e)), floor(log2(10**e)), by
 * fixed-point multiplication; tools/gen_numfmt_pow10.py checks them over
 * the whole range used here. */
static inline int flog10_pow2(int e)
{
    return (int)(((int64_t)e * 661971961083) >> 41);
}

static inline int flog10_three_quarters_pow2(int e)
{
    return (int)(((int64_t)e * 661971961083 - 274743187321) >> 41);
}

static inline int flog2_pow10(int e)
{
    return (int)(((int64_t)e * 913124641741) >> 38);
}

/* Schubfach's "round to odd" product: floor(g * cp / 2**127) with the
 * lowest bit set when the discarded part is not zero, where g is the
 * 126-bit table entry {g1, g0} = g1 * 2**63 + g0.  The sticky bit keeps
 * the comparisons against the scaled interval bounds exact. */
static inline uint64_t round_to_odd(const uint64_t g[2], uint64_t cp)
{
    uint64_t x1 = (uint64_t)(((u128)g[1] * cp) >> 64);
    u128 y = (u128)g[0] * cp;
    uint64_t y0 = (uint64_t)y, y1 = (uint64_t)(y >> 64);
    uint64_t z = (y0 >> 1) + x1;
    uint64_t high = y1 + (z >> 63);
    uint64_t mask = (UINT64_C(1) << 63) - 1;
    return high | (((z & mask) + mask) >> 63);
}

/* The shortest decimal f * 10**e that rounds to c * 2**q (c > 0), the
 * nearest such when there are several, ties to even f.  f may end in
 * zeros.  This is Schubfach: scale the rounding interval of the double by
 * 10**-k, chosen so that the interval holds at most one multiple of 10
 * and at least one integer, then pick among the one-digit-shorter
 * candidate (a multiple of 10) and the integers next to the scaled value. */
static uint64_t shortest_decimal(uint64_t c, int q, int *e)
{
    /* Integers below 2**53 are their own shortest form: no shorter decimal
     * is within half an ulp (<= 1/2) of them. */
    if (q <= 0 && q > -53 && (c & ((UINT64_C(1) << -q) - 1)) == 0) {
        *e = 0;
        return c >> -q;
    }
    /* The two smallest subnormals have too few bits for the scaled
     * interval to be wide enough for the method; their answers are known. */
    if (q == Q_MIN && c < 3) {
        *e = c == 1 ? -324 : -323;
        return c == 1 ? 5 : 1;
    }

    /* Interval bounds in units of 2**(q-2); an odd c excludes them
     * (round-half-even reads a boundary back as its even neighbour). */
    int out = (int)(c & 1);
    uint64_t cb = c << 2, cbr = cb + 2, cbl;
    int k;
    if (c != C_MIN || q == Q_MIN) {
        cbl = cb - 2;
        k = flog10_pow2(q);
    } else {
        /* At a power of two the interval below is half as wide. */
        cbl = cb - 1;
        k = flog10_three_quarters_pow2(q);
    }
    int h = q + flog2_pow10(-k) + 2;
    const uint64_t *g = numfmt_pow10_g[k - NUMFMT_K_MIN];
    uint64_t vb = round_to_odd(g, cb << h);
    uint64_t vbl = round_to_odd(g, cbl << h);
    uint64_t vbr = round_to_odd(g, cbr << h);

    uint64_t s = vb >> 2;
    {
        /* One digit shorter: the multiples of 10 around s.  (Java's
         * version skips this when s < 100, to keep two digits for
         * Double.toString; Python wants the shortest, e.g. 9e-323.) */
        uint64_t sp10 = 10 * (s / 10), tp10 = sp10 + 10;
        bool u_in = vbl + (uint64_t)out <= sp10 << 2;
        bool w_in = (tp10 << 2) + (uint64_t)out <= vbr;
        if (u_in != w_in) {
            *e = k;
            return u_in ? sp10 : tp10;
        }
    }
    uint64_t t = s + 1;
    bool u_in = vbl + (uint64_t)out <= s << 2;
    bool w_in = (t << 2) + (uint64_t)out <= vbr;
    *e = k;
    if (u_in != w_in)
        return u_in ? s : t;
    int64_t cmp = (int64_t)(vb - ((s + t) << 1));
    return cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t;
}

/* Writes the decimal digits of v (> 0) to out, returns how many. */
static int u64_digits(uint64_t v, char *out)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* Digits of a non-negative value: 0.d[0]d[1]...d[n-1] * 10**decpt, no
 * trailing zeros; n == 0 is zero.  The exact expansion of any double has
 * at most 767 significant digits, and rounding never adds any. */
#define DIGITS_MAX 800
typedef struct Digits {
    int n;
    int decpt;
    char d[DIGITS_MAX];
} Digits;

static void strip_zeros(Digits *dg)
{
    while (dg->n > 0 && dg->d[dg->n - 1] == '0')
        dg->n--;
}

/* Shortest digits of ax (finite, > 0). */
static void digits_shortest(double ax, Digits *dg)
{
    uint64_t c;
    int q, e;
    decompose(ax, &c, &q);
    uint64_t f = shortest_decimal(c, q, &e);
    dg->n = u64_digits(f, dg->d);
    dg->decpt = dg->n + e;
    strip_zeros(dg);
}

/* The exact decimal expansion of c * 2**q, cheaply, when it fits in 64
 * bits (integers below 2**64, and short binary fractions such as 2.5 or
 * 0.375).  Returns false otherwise. */
static bool digits_exact_small(uint64_t c, int q, Digits *dg)
{
    int tz = __builtin_ctzll(c);
    c >>= tz;
    q += tz;
    uint64_t v;
    int shift10 = 0;
    if (q >= 0) {
        if (q >= 64 || (q > 0 && c >> (64 - q) != 0))
            return false;
        v = c << q;
    } else {
        /* c / 2**m == c * 5**m / 10**m */
        int m = -q;
        if (m > 27)
            return false;
        uint64_t p5 = 1;
        for (int i = 0; i < m; i++)
            p5 *= 5;
        if (__builtin_mul_overflow(c, p5, &v))
            return false;
        shift10 = m;
    }
    dg->n = u64_digits(v, dg->d);
    dg->decpt = dg->n - shift10;
    strip_zeros(dg);
    return true;
}

/* The exact decimal expansion of c * 2**q (c > 0) with GMP's low-level
 * functions on a stack array (no allocation): c * 2**q when q >= 0, else
 * c * 5**-q scaled by 10**q. */
_Static_assert(GMP_NUMB_BITS == 64, "numfmt assumes 64-bit GMP limbs");
static void digits_exact(uint64_t c, int q, Digits *dg)
{
    /* c * 5**1074 < 2**2547: 40 limbs; at most 767 decimal digits, and
     * mpn_get_str wants room for the largest 40-limb number plus one. */
    mp_limb_t limbs[41];
    unsigned char raw[DIGITS_MAX];
    mp_size_t nl;
    int shift10 = 0;
    if (q >= 0) {
        int word = q / 64, bit = q % 64;
        memset(limbs, 0, sizeof limbs);
        limbs[word] = c << bit;
        limbs[word + 1] = bit ? c >> (64 - bit) : 0;
        nl = word + 2;
    } else {
        limbs[0] = c;
        nl = 1;
        for (int m = -q; m > 0;) {
            int step = m > 27 ? 27 : m;
            mp_limb_t p5 = 1;
            for (int i = 0; i < step; i++)
                p5 *= 5;
            mp_limb_t carry = mpn_mul_1(limbs, limbs, nl, p5);
            if (carry)
                limbs[nl++] = carry;
            m -= step;
        }
        shift10 = -q;
    }
    while (nl > 1 && limbs[nl - 1] == 0)
        nl--;
    size_t len = mpn_get_str(raw, 10, limbs, nl);
    size_t skip = 0;
    while (skip < len - 1 && raw[skip] == 0)
        skip++;
    dg->n = 0;
    for (size_t i = skip; i < len; i++)
        dg->d[dg->n++] = (char)('0' + raw[i]);
    dg->decpt = dg->n - shift10;
    strip_zeros(dg);
}

/* Rounds dg to its first `keep` digits (keep may be <= 0: everything
 * goes).  `exact` says dg is the exact value, so a dropped "5" is a true
 * tie (to even).  When dg is only the shortest digits, a dropped "5" and
 * nothing after it cannot be decided (the double may lie on either side
 * of it): returns false and leaves dg alone. */
static bool round_digits(Digits *dg, int64_t keep, bool exact)
{
    if (keep >= dg->n)
        return true;
    if (keep < 0) {
        dg->n = 0;
        return true;
    }
    int k = (int)keep;
    char first = dg->d[k];
    bool up;
    if (first != '5' || k + 1 < dg->n)
        up = first >= '5';
    else if (!exact)
        return false;
    else
        up = k > 0 && ((dg->d[k - 1] - '0') & 1);
    dg->n = k;
    if (up) {
        while (dg->n > 0 && dg->d[dg->n - 1] == '9')
            dg->n--;
        if (dg->n == 0) {
            dg->d[0] = '1';
            dg->n = 1;
            dg->decpt++;
        } else {
            dg->d[dg->n - 1]++;
        }
    }
    strip_zeros(dg);
    return true;
}

/* Correctly rounded digits of ax (finite, >= 0): `nd` significant digits
 * (frac == false, nd >= 1) or `nd` digits after the point (frac == true,
 * nd may be negative), ties to even on the exact binary value.
 *
 * The shortest digits S usually decide it without big numbers.  S is the
 * coarsest decimal in the double's rounding interval (the nearest of those
 * when several), so no rounding midpoint at a coarser position lies
 * between S and the double unless S is that midpoint itself; rounding S
 * then rounds the double.  When no digit is dropped, S is the answer if
 * the grid is coarser than an ulp, which holds up to 15 significant digits
 * (10**-15 > 2**-52) for normal doubles; subnormals have fewer bits.
 * Otherwise the exact expansion is used. */
static void digits_fixed(double ax, bool frac, int64_t nd, Digits *dg)
{
    if (ax == 0) {
        dg->n = 0;
        dg->decpt = 1;
        return;
    }
    uint64_t c;
    int q;
    decompose(ax, &c, &q);
    bool exact = digits_exact_small(c, q, dg);
    if (!exact) {
        digits_shortest(ax, dg);
        int64_t keep = frac ? dg->decpt + nd : nd;
        bool ok = keep >= dg->n ? keep <= 15 && c >= C_MIN : round_digits(dg, keep, false);
        if (ok)
            goto done;
        digits_exact(c, q, dg);
    }
    round_digits(dg, frac ? dg->decpt + nd : nd, true);
done:
    if (dg->n == 0)
        dg->decpt = 1;
}

/* ------------------------------------------------------------------ */
/* repr and the e/f/g/r conversions                                   */
/* ------------------------------------------------------------------ */

/* Writes "e+XX" / "e-XXX" (at least two exponent digits). */
static size_t put_exponent(char *p, char e, int exp10)
{
    size_t n = 0;
    p[n++] = e;
    p[n++] = exp10 < 0 ? '-' : '+';
    unsigned a = (unsigned)(exp10 < 0 ? -exp10 : exp10);
    if (a >= 100)
        p[n++] = (char)('0' + a / 100);
    p[n++] = (char)('0' + a / 10 % 10);
    p[n++] = (char)('0' + a % 10);
    return n;
}

size_t numfmt_repr(double x, char *out)
{
    if (isnan(x)) {
        memcpy(out, "nan", 4);
        return 3;
    }
    char *p = out;
    if (signbit(x))
        *p++ = '-';
    if (isinf(x)) {
        memcpy(p, "inf", 4);
        return (size_t)(p - out) + 3;
    }
    if (x == 0) {
        memcpy(p, "0.0", 4);
        return (size_t)(p - out) + 3;
    }
    uint64_t c;
    int q, e;
    decompose(fabs(x), &c, &q);
    char d[20];
    int n = u64_digits(shortest_decimal(c, q, &e), d);
    while (d[n - 1] == '0') {
        n--;
        e++;
    }
    int exp10 = n - 1 + e; /* exponent of the first digit */
    if (exp10 < -4 || exp10 >= 16) {
        *p++ = d[0];
        if (n > 1) {
            *p++ = '.';
            memcpy(p, d + 1, (size_t)n - 1);
            p += n - 1;
        }
        p += put_exponent(p, 'e', exp10);
    } else if (exp10 < 0) {
        *p++ = '0';
        *p++ = '.';
        for (int i = exp10 + 1; i < 0; i++)
            *p++ = '0';
        memcpy(p, d, (size_t)n);
        p += n;
    } else if (n > exp10 + 1) {
        memcpy(p, d, (size_t)exp10 + 1);
        p += exp10 + 1;
        *p++ = '.';
        memcpy(p, d + exp10 + 1, (size_t)(n - exp10 - 1));
        p += n - exp10 - 1;
    } else {
        memcpy(p, d, (size_t)n);
        p += n;
        for (int i = n; i <= exp10; i++)
            *p++ = '0';
        *p++ = '.';
        *p++ = '0';
    }
    *p = '\0';
    return (size_t)(p - out);
}

/* Appends the digits of weights hi down to lo (hi >= lo; the digit of
 * weight w is the one worth 10**w), zeros outside dg's digits. */
static bool put_weights(NumBuf *b, const Digits *dg, int decpt, int64_t hi, int64_t lo)
{
    if (hi < lo)
        return true;
    if (!buf_reserve(b, (size_t)(hi - lo + 1)))
        return false;
    /* Digit i has weight decpt - 1 - i. */
    int64_t first = decpt - 1 - hi, last = decpt - 1 - lo; /* index range */
    char *p = b->data + b->len;
    for (int64_t i = first; i <= last;) {
        if (i < 0 || i >= dg->n) {
            int64_t stop = i < 0 ? (last < -1 ? last : -1) : last;
            memset(p, '0', (size_t)(stop - i + 1));
            p += stop - i + 1;
            i = stop + 1;
        } else {
            int64_t stop = last < dg->n - 1 ? last : dg->n - 1;
            memcpy(p, dg->d + i, (size_t)(stop - i + 1));
            p += stop - i + 1;
            i = stop + 1;
        }
    }
    b->len = (size_t)(p - b->data);
    *p = '\0';
    return true;
}

/* Appends |x| as code ('e' 'f' 'g' 'r', or upper case) would show it, and
 * says whether a '-' belongs in front (never for NaN; not for a zero
 * result under NUMFMT_F_NO_NEG_0). */
static bool dtoa_body(NumBuf *b, double x, char code, int64_t prec, unsigned flags, bool *neg)
{
    bool upper = code >= 'A' && code <= 'Z';
    code = (char)(code | 0x20);
    if (isnan(x)) {
        *neg = false;
        return buf_puts(b, upper ? "NAN" : "nan");
    }
    *neg = signbit(x) != 0;
    if (isinf(x))
        return buf_puts(b, upper ? "INF" : "inf");

    Digits dg;
    double ax = fabs(x);
    int64_t sig = prec < 1 ? 1 : prec;
    if (code == 'r') {
        if (ax == 0) {
            dg.n = 0;
            dg.decpt = 1;
        } else {
            digits_shortest(ax, &dg);
        }
    } else if (code == 'f') {
        digits_fixed(ax, true, prec, &dg);
    } else {
        digits_fixed(ax, false, code == 'e' ? prec + 1 : sig, &dg);
    }
    if (dg.n == 0 && (flags & NUMFMT_F_NO_NEG_0))
        *neg = false;

    bool alt = flags & NUMFMT_F_ALT, dot0 = flags & NUMFMT_F_ADD_DOT_0;
    int64_t exp10 = dg.decpt - 1;
    bool sci;
    int64_t nfrac; /* digits after the point */
    switch (code) {
    case 'e':
        sci = true;
        nfrac = prec;
        break;
    case 'f':
        sci = false;
        nfrac = prec;
        break;
    case 'g':
        sci = exp10 < -4 || exp10 >= sig - (dot0 ? 1 : 0);
        if (alt)
            nfrac = sci ? sig - 1 : sig - 1 - exp10;
        else
            nfrac = sci ? dg.n - 1 : dg.n - 1 - exp10;
        break;
    default: /* 'r' */
        sci = exp10 < -4 || exp10 >= 16;
        nfrac = sci ? dg.n - 1 : dg.n - 1 - exp10;
        break;
    }
    if (nfrac < 0)
        nfrac = 0;

    int decpt = sci ? 1 : dg.decpt;
    int64_t top = sci || exp10 < 0 ? 0 : exp10;
    if (!put_weights(b, &dg, decpt, top, 0))
        return false;
    if (nfrac > 0 || alt) {
        if (!buf_putc(b, '.') || !put_weights(b, &dg, decpt, -1, -nfrac))
            return false;
    }
    if (nfrac == 0 && dot0 && !sci) {
        if (!buf_put(b, alt ? "0" : ".0", alt ? 1 : 2))
            return false;
    }
    if (sci) {
        char e[8];
        return buf_put(b, e, put_exponent(e, upper ? 'E' : 'e', (int)exp10));
    }
    return true;
}

NumfmtStatus numfmt_dtoa(NumBuf *out, double x, char code, int64_t precision, unsigned flags)
{
    size_t start = out->len;
    bool neg;
    if (!buf_putc(out, '+') || !dtoa_body(out, x, code, precision, flags, &neg))
        return nomem(out);
    if (neg) {
        out->data[start] = '-';
    } else if (!(flags & NUMFMT_F_SIGN)) {
        memmove(out->data + start, out->data + start + 1, out->len - start);
        out->len--;
    }
    return NUMFMT_OK;
}

/* ------------------------------------------------------------------ */
/* Format-spec parsing                                                */
/* ------------------------------------------------------------------ */

static bool is_align(uint32_t c)
{
    return c == '<' || c == '>' || c == '^' || c == '=';
}

/* How CPython names a type character in messages: itself when printable
 * ASCII (space excluded, DEL included), else "\x" and its hex value. */
static void type_char_name(uint32_t c, char out[16])
{
    if (c > 32 && c < 128)
        snprintf(out, 16, "%c", (char)c);
    else
        snprintf(out, 16, "\\x%x", (unsigned)c);
}

/* Reads decimal digits at s[*pos]; sets *value (-1 if there are none).
 * Returns false when the number does not fit in a Py_ssize_t. */
static bool read_count(const char *s, size_t n, size_t *pos, int64_t *value)
{
    int64_t v = -1;
    while (*pos < n && s[*pos] >= '0' && s[*pos] <= '9') {
        int d = s[*pos] - '0';
        if (v < 0)
            v = 0;
        if (v > (INT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
        (*pos)++;
    }
    *value = v;
    return true;
}

NumfmtStatus numfmt_parse_spec(NumfmtSpec *spec, const char *s, size_t n, uint32_t default_type,
                               const char *type_name, NumBuf *err)
{
    *spec = (NumfmtSpec){ .fill = ' ', .width = -1, .precision = -1, .type = default_type };
    size_t pos = 0;

    /* [[fill]align]: the fill may be any character, even an align one. */
    if (n > 0) {
        uint32_t c0, c1 = 0;
        size_t len0 = utf8_decode(s, n, &c0);
        if (len0 < n)
            utf8_decode(s + len0, n - len0, &c1);
        if (len0 < n && is_align(c1)) {
            spec->fill = c0;
            spec->fill_given = true;
            spec->align = (char)c1;
            pos = len0 + 1;
        } else if (is_align(c0)) {
            spec->align = (char)c0;
            pos = 1;
        }
    }
    if (pos < n && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' '))
        spec->sign = s[pos++];
    if (pos < n && s[pos] == 'z') {
        spec->no_neg_zero = true;
        pos++;
    }
    if (pos < n && s[pos] == '#') {
        spec->alternate = true;
        pos++;
    }
    if (pos < n && s[pos] == '0') {
        spec->zero_pad = true;
        pos++;
    }
    if (!read_count(s, n, &pos, &spec->width))
        return fail(err, NUMFMT_VALUE_ERROR, "Too many decimal digits in format string");
    if (pos < n && (s[pos] == ',' || s[pos] == '_')) {
        spec->grouping = s[pos++];
        if (pos < n && (s[pos] == ',' || s[pos] == '_') && s[pos] != spec->grouping)
            return fail(err, NUMFMT_VALUE_ERROR, "Cannot specify both ',' and '_'.");
    }
    if (pos < n && s[pos] == '.') {
        pos++;
        if (!read_count(s, n, &pos, &spec->precision))
            return fail(err, NUMFMT_VALUE_ERROR, "Too many decimal digits in format string");
        if (spec->precision < 0)
            return fail(err, NUMFMT_VALUE_ERROR, "Format specifier missing precision");
    }
    if (pos < n) {
        uint32_t c;
        size_t len = utf8_decode(s + pos, n - pos, &c);
        if (pos + len < n)
            return fail(err, NUMFMT_VALUE_ERROR, "Invalid format specifier '%.*s' for object of type '%s'",
                        (int)(n < INT_MAX ? n : INT_MAX), s, type_name);
        spec->type = c;
    }

    if (spec->grouping) {
        switch (spec->type) {
        case 0: case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F':
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (spec->grouping == '_')
                break;
            /* fall through */
        default: {
            char name[16];
            type_char_name(spec->type, name);
            return fail(err, NUMFMT_VALUE_ERROR, "Cannot specify '%c' with '%s'.", spec->grouping, name);
        }
        }
    }
    return NUMFMT_OK;
}

static NumfmtStatus unknown_type(NumBuf *out, uint32_t type, const char *type_name)
{
    char name[16];
    type_char_name(type, name);
    return fail(out, NUMFMT_VALUE_ERROR, "Unknown format code '%s' for object of type '%s'", name, type_name);
}

/* ------------------------------------------------------------------ */
/* Number layout: sign, prefix, grouped digits, the rest, padding     */
/* ------------------------------------------------------------------ */

typedef struct Layout {
    char sign;            /* 0 or the sign character */
    const char *prefix;   /* "0x" etc., or "" */
    const char *digits;   /* the integer digits, which grouping applies to */
    size_t ndigits;
    const char *rest;     /* point, fraction, exponent, '%'... */
    size_t nrest;
    const char *point;    /* replaces a '.' at the start of rest (locale), or NULL */
    const char *sep;      /* group separator (UTF-8) or NULL for none */
    const char *groups;   /* group sizes, the last one repeating; CHAR_MAX stops */
} Layout;

/* Group size number i (from the right) of a localeconv-style pattern; 0
 * means "no more separators". */
static int group_size(const char *groups, size_t i)
{
    size_t len = strlen(groups);
    if (len == 0)
        return 0;
    unsigned char g = (unsigned char)groups[i < len ? i : len - 1];
    return g == CHAR_MAX || g == 0 ? 0 : g;
}

/* Appends the digits with separators, padded with zeros (grouped as well)
 * to at least min_width code points; the result never starts with a
 * separator.  Built right to left in a scratch buffer. */
static bool put_grouped(NumBuf *b, const Layout *l, int64_t min_width)
{
    size_t seplen = strlen(l->sep), sepcp = utf8_count(l->sep, seplen);
    /* Upper bound of the output: every digit (real or padding) plus a
     * separator after each. */
    uint64_t maxdig = l->ndigits + (min_width > 0 ? (uint64_t)min_width : 0);
    if (maxdig > (SIZE_MAX >> 4) / (seplen + 1))
        return false;
    size_t cap = (size_t)maxdig * (seplen + 1) + 1;
    char small[256];
    char *tmp = cap <= sizeof small ? small : malloc(cap);
    if (!tmp)
        return false;
    char *p = tmp + cap;  /* writing backwards */
    int64_t width = 0;    /* code points written */
    size_t gi = 0;        /* which group we are in */
    int in_group = 0;     /* digits in the current group */
    size_t left = l->ndigits;
    bool last_was_sep = false;
    while (left > 0 || width < min_width || last_was_sep) {
        int gsize = group_size(l->groups, gi);
        if (gsize > 0 && in_group == gsize) {
            /* A separator goes only between two digits. */
            p -= seplen;
            memcpy(p, l->sep, seplen);
            width += (int64_t)sepcp;
            in_group = 0;
            gi++;
            last_was_sep = true;
            continue;
        }
        *--p = left > 0 ? l->digits[--left] : '0';
        width++;
        in_group++;
        last_was_sep = false;
    }
    bool ok = buf_put(b, p, (size_t)(tmp + cap - p));
    if (tmp != small)
        free(tmp);
    return ok;
}

/* Lays out a number per spec (fill, align, width; grouping from l). */
static NumfmtStatus put_number(NumBuf *out, const NumfmtSpec *spec, const Layout *l)
{
    uint32_t fill = spec->fill;
    char align = spec->align;
    if (spec->zero_pad && !spec->fill_given) {
        fill = '0';
        if (!align)
            align = '=';
    }
    if (!align)
        align = '>';

    size_t prefix_len = strlen(l->prefix);
    size_t point_len = 0, rest_skip = 0;
    int64_t rest_cp = (int64_t)utf8_count(l->rest, l->nrest);
    if (l->point && l->nrest > 0 && l->rest[0] == '.') {
        point_len = strlen(l->point);
        rest_skip = 1;
        rest_cp += (int64_t)utf8_count(l->point, point_len) - 1;
    }
    int64_t fixed = (l->sign != 0) + (int64_t)prefix_len + rest_cp;

    /* The digits, grouped if asked (into `grouped`). */
    NumBuf grouped;
    numbuf_init(&grouped);
    const char *digits = l->digits;
    size_t ndigits = l->ndigits;
    int64_t digits_cp = (int64_t)ndigits;
    if (l->sep && l->ndigits > 0) {
        int64_t min_width = fill == '0' && align == '=' && spec->width > fixed ? spec->width - fixed : 0;
        if (!put_grouped(&grouped, l, min_width)) {
            numbuf_free(&grouped);
            return nomem(out);
        }
        digits = grouped.data;
        ndigits = grouped.len;
        digits_cp = (int64_t)utf8_count(digits, ndigits);
    }
    int64_t total = fixed + digits_cp;
    uint64_t pad = spec->width > total ? (uint64_t)(spec->width - total) : 0;
    uint64_t before = 0, after = 0, middle = 0;
    switch (align) {
    case '<': after = pad; break;
    case '^': before = pad / 2; after = pad - before; break;
    case '=': middle = pad; break;
    default: before = pad; break;
    }
    char f[4];
    size_t flen = utf8_encode(fill, f);
    bool ok = buf_repeat(out, f, flen, before) && (!l->sign || buf_putc(out, l->sign)) &&
         buf_put(out, l->prefix, prefix_len) && buf_repeat(out, f, flen, middle) &&
         buf_put(out, digits, ndigits) && buf_put(out, l->point ? l->point : "", point_len) &&
         buf_put(out, l->rest + rest_skip, l->nrest - rest_skip) && buf_repeat(out, f, flen, after);
    numbuf_free(&grouped);
    return ok ? NUMFMT_OK : nomem(out);
}

static char sign_char(bool negative, char sign_option)
{
    if (negative)
        return '-';
    return sign_option == '+' || sign_option == ' ' ? sign_option : 0;
}

/* Separator and group sizes for spec's grouping option (or locale for 'n'). */
static void set_grouping(Layout *l, const NumfmtSpec *spec, bool locale)
{
    l->sep = NULL;
    l->groups = "\3";
    l->point = NULL;
    if (locale) {
        if (spec->locale) {
            l->point = spec->locale->decimal_point;
            if (spec->locale->thousands_sep && spec->locale->thousands_sep[0] && spec->locale->grouping) {
                l->sep = spec->locale->thousands_sep;
                l->groups = spec->locale->grouping;
            }
        }
    } else if (spec->grouping == ',') {
        l->sep = ",";
    } else if (spec->grouping == '_') {
        l->sep = "_";
        if (spec->type == 'b' || spec->type == 'o' || spec->type == 'x' || spec->type == 'X')
            l->groups = "\4";
    }
}

/* ------------------------------------------------------------------ */
/* format() for floats, ints, strings                                 */
/* ------------------------------------------------------------------ */

NumfmtStatus numfmt_format_double(NumBuf *out, const NumfmtSpec *spec, double x, const char *type_name)
{
    uint32_t type = spec->type;
    switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
        break;
    default:
        return unknown_type(out, type, type_name);
    }
    if (spec->precision > INT_MAX)
        return fail(out, NUMFMT_VALUE_ERROR, "precision too big");

    unsigned flags = 0;
    if (spec->alternate)
        flags |= NUMFMT_F_ALT;
    if (spec->no_neg_zero)
        flags |= NUMFMT_F_NO_NEG_0;
    int64_t prec = spec->precision;
    char code = (char)type;
    if (type == 0) {
        /* repr without a precision, 'g' with at least one digit after
         * the point with one. */
        flags |= NUMFMT_F_ADD_DOT_0;
        code = prec < 0 ? 'r' : 'g';
    } else if (type == 'n') {
        code = 'g';
    } else if (type == '%') {
        code = 'f';
        x *= 100;
    }
    if (prec < 0)
        prec = 6;

    NumBuf body;
    numbuf_init(&body);
    bool neg;
    if (!dtoa_body(&body, x, code, prec, flags, &neg) || (type == '%' && !buf_putc(&body, '%'))) {
        numbuf_free(&body);
        return nomem(out);
    }
    Layout l = { .sign = sign_char(neg, spec->sign), .prefix = "", .digits = body.data };
    l.ndigits = strspn(body.data, "0123456789");
    l.rest = body.data + l.ndigits;
    l.nrest = body.len - l.ndigits;
    set_grouping(&l, spec, type == 'n');
    NumfmtStatus st = put_number(out, spec, &l);
    numbuf_free(&body);
    return st;
}

/* Converts an mpz to a double, correctly rounded.  Reads the magnitude's
 * limbs directly, so nothing is allocated. */
static bool mpz_bit(mpz_srcptr v, size_t i)
{
    return (mpz_getlimbn(v, (mp_size_t)(i / 64)) >> (i % 64)) & 1;
}

NumfmtStatus numfmt_mpz_to_double(mpz_srcptr v, double *result, NumBuf *err)
{
    size_t bits = mpz_sizeinbase(v, 2);
    if (mpz_sgn(v) == 0 || bits <= 53) {
        *result = mpz_get_d(v); /* exact */
        return NUMFMT_OK;
    }
    /* The top 53 bits, then round on the bits below them. */
    size_t low = bits - 53; /* bits below the kept ones */
    uint64_t top = 0;
    for (size_t i = bits; i-- > low;)
        top = (top << 1) | mpz_bit(v, i);
    bool half = mpz_bit(v, low - 1);
    bool rest = false;
    if (half) {
        for (size_t w = 0; w * 64 < low - 1 && !rest; w++) {
            mp_limb_t limb = mpz_getlimbn(v, (mp_size_t)w);
            size_t lim = low - 1 - w * 64; /* bits of this limb below the half bit */
            if (lim < 64)
                limb &= ((mp_limb_t)1 << lim) - 1;
            rest = limb != 0;
        }
    }
    if (half && (rest || (top & 1)))
        top++;
    double d = low > 1100 ? INFINITY : ldexp((double)top, (int)low);
    if (isinf(d))
        return fail(err, NUMFMT_OVERFLOW_ERROR, "int too large to convert to float");
    *result = mpz_sgn(v) < 0 ? -d : d;
    return NUMFMT_OK;
}

/* The integer to format: an int64 or an mpz, so one function serves both. */
typedef struct IntArg {
    mpz_srcptr big; /* NULL for small */
    int64_t small;
} IntArg;

static bool int_negative(const IntArg *v)
{
    return v->big ? mpz_sgn(v->big) < 0 : v->small < 0;
}

/* Appends the magnitude's digits in base 2, 8, 10 or 16 (upper case when
 * `upper`). */
static bool put_magnitude(NumBuf *b, const IntArg *v, int base, bool upper)
{
    if (!v->big) {
        uint64_t m = v->small < 0 ? 0 - (uint64_t)v->small : (uint64_t)v->small;
        const char *digs = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        char tmp[64];
        int n = 0;
        do {
            tmp[63 - n++] = digs[m % (unsigned)base];
            m /= (unsigned)base;
        } while (m);
        return buf_put(b, tmp + 64 - n, (size_t)n);
    }
    size_t size = mpz_sizeinbase(v->big, base) + 2;
    if (!buf_reserve(b, size))
        return false;
    char *p = b->data + b->len;
    mpz_get_str(p, upper ? -base : base, v->big);
    if (*p == '-')
        memmove(p, p + 1, strlen(p)); /* moves the NUL too */
    b->len += strlen(p);
    return true;
}

static NumfmtStatus format_int(NumBuf *out, const NumfmtSpec *spec, const IntArg *v, const char *type_name)
{
    uint32_t type = spec->type ? spec->type : 'd';
    switch (type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double d = (double)v->small;
        if (v->big) {
            NumfmtStatus st = numfmt_mpz_to_double(v->big, &d, out);
            if (st != NUMFMT_OK)
                return st;
        }
        return numfmt_format_double(out, spec, d, type_name);
    }
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
        break;
    default:
        return unknown_type(out, type, type_name);
    }
    if (spec->precision >= 0)
        return fail(out, NUMFMT_VALUE_ERROR, "Precision not allowed in integer format specifier");
    if (spec->no_neg_zero)
        return fail(out, NUMFMT_VALUE_ERROR, "Negative zero coercion (z) not allowed in integer format specifier");

    NumBuf body;
    numbuf_init(&body);
    Layout l = { .prefix = "" };
    bool ok;
    if (type == 'c') {
        if (spec->sign)
            return fail(out, NUMFMT_VALUE_ERROR, "Sign not allowed with integer format specifier 'c'");
        if (spec->alternate)
            return fail(out, NUMFMT_VALUE_ERROR, "Alternate form (#) not allowed with integer format specifier 'c'");
        if (v->big && !mpz_fits_slong_p(v->big))
            return fail(out, NUMFMT_OVERFLOW_ERROR, "Python int too large to convert to C long");
        int64_t cp = v->big ? mpz_get_si(v->big) : v->small;
        if (cp < 0 || cp >= 0x110000)
            return fail(out, NUMFMT_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
        char u[4];
        ok = buf_put(&body, u, utf8_encode((uint32_t)cp, u));
        /* The character is not digits: no grouping, so it is the "rest". */
        l.rest = body.data;
        l.nrest = body.len;
        l.digits = "";
    } else {
        int base = type == 'b' ? 2 : type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10;
        ok = put_magnitude(&body, v, base, type == 'X');
        if (spec->alternate && base != 10)
            l.prefix = type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
        l.sign = sign_char(int_negative(v), spec->sign);
        l.digits = body.data;
        l.ndigits = body.len;
        l.rest = "";
    }
    if (!ok) {
        numbuf_free(&body);
        return nomem(out);
    }
    NumfmtSpec s = *spec;
    s.type = type;
    set_grouping(&l, &s, type == 'n');
    NumfmtStatus st = put_number(out, &s, &l);
    numbuf_free(&body);
    return st;
}

NumfmtStatus numfmt_format_i64(NumBuf *out, const NumfmtSpec *spec, int64_t v, const char *type_name)
{
    IntArg a = { NULL, v };
    return format_int(out, spec, &a, type_name);
}

NumfmtStatus numfmt_format_mpz(NumBuf *out, const NumfmtSpec *spec, mpz_srcptr v, const char *type_name)
{
    IntArg a = { v, 0 };
    if (mpz_fits_slong_p(v))
        a = (IntArg){ NULL, mpz_get_si(v) };
    return format_int(out, spec, &a, type_name);
}

NumfmtStatus numfmt_format_int_text(NumBuf *out, const NumfmtSpec *spec, const char *dec, size_t n,
                                    const char *type_name)
{
    /* mpz_set_str wants a NUL-terminated string. */
    char small[64];
    char *text = n < sizeof small ? small : malloc(n + 1);
    if (!text)
        return nomem(out);
    memcpy(text, dec, n);
    text[n] = '\0';
    mpz_t v;
    mpz_init(v);
    NumfmtStatus st;
    if (mpz_set_str(v, text, 10) != 0)
        st = fail(out, NUMFMT_VALUE_ERROR, "invalid decimal integer text");
    else
        st = numfmt_format_mpz(out, spec, v, type_name);
    mpz_clear(v);
    if (text != small)
        free(text);
    return st;
}

NumfmtStatus numfmt_pad(NumBuf *out, const char *s, size_t nbytes, size_t ncp, int64_t width, char align,
                        uint32_t fill)
{
    uint64_t pad = width > (int64_t)ncp ? (uint64_t)width - ncp : 0;
    uint64_t before = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    char f[4];
    size_t flen = utf8_encode(fill, f);
    bool ok = buf_repeat(out, f, flen, before) && buf_put(out, s, nbytes) && buf_repeat(out, f, flen, pad - before);
    return ok ? NUMFMT_OK : nomem(out);
}

NumfmtStatus numfmt_format_str(NumBuf *out, const NumfmtSpec *spec, const char *s, size_t nbytes, size_t ncp,
                               const char *type_name)
{
    if (spec->type != 's' && spec->type != 0)
        return unknown_type(out, spec->type, type_name);
    if (spec->sign == ' ')
        return fail(out, NUMFMT_VALUE_ERROR, "Space not allowed in string format specifier");
    if (spec->sign)
        return fail(out, NUMFMT_VALUE_ERROR, "Sign not allowed in string format specifier");
    if (spec->no_neg_zero)
        return fail(out, NUMFMT_VALUE_ERROR, "Negative zero coercion (z) not allowed in string format specifier");
    if (spec->alternate)
        return fail(out, NUMFMT_VALUE_ERROR, "Alternate form (#) not allowed in string format specifier");
    if (spec->align == '=')
        return fail(out, NUMFMT_VALUE_ERROR, "'=' alignment not allowed in string format specifier");
    if (spec->precision >= 0 && (uint64_t)spec->precision < ncp) {
        /* Keep the first `precision` code points. */
        size_t keep = 0;
        for (int64_t i = 0; i < spec->precision; i++) {
            keep++;
            while (keep < nbytes && ((unsigned char)s[keep] & 0xC0) == 0x80)
                keep++;
        }
        nbytes = keep;
        ncp = (size_t)spec->precision;
    }
    uint32_t fill = spec->zero_pad && !spec->fill_given ? '0' : spec->fill;
    return numfmt_pad(out, s, nbytes, ncp, spec->width, spec->align ? spec->align : '<', fill);
}

/* ------------------------------------------------------------------ */
/* %-formatting                                                       */
/* ------------------------------------------------------------------ */

NumfmtStatus numfmt_parse_percent(NumfmtPercent *p, const char *s, size_t n, size_t pos, size_t *end,
                                  NumBuf *err)
{
    *p = (NumfmtPercent){ .width = -1, .precision = -1 };
    if (pos < n && s[pos] == '(') {
        /* The key runs to the matching parenthesis. */
        int depth = 1;
        size_t start = ++pos;
        while (pos < n && depth > 0) {
            if (s[pos] == '(')
                depth++;
            else if (s[pos] == ')')
                depth--;
            pos++;
        }
        if (depth > 0)
            return fail(err, NUMFMT_VALUE_ERROR, "incomplete format key");
        p->has_key = true;
        p->key_start = start;
        p->key_len = pos - 1 - start;
    }
    for (; pos < n; pos++) {
        char c = s[pos];
        if (c == '-')
            p->left = true;
        else if (c == '+')
            p->plus = true;
        else if (c == ' ')
            p->space = true;
        else if (c == '#')
            p->alternate = true;
        else if (c == '0')
            p->zero = true;
        else
            break;
    }
    if (pos < n && s[pos] == '*') {
        p->width_star = true;
        pos++;
    } else if (!read_count(s, n, &pos, &p->width)) {
        return fail(err, NUMFMT_VALUE_ERROR, "width too big");
    }
    if (pos < n && s[pos] == '.') {
        pos++;
        if (pos < n && s[pos] == '*') {
            p->precision_star = true;
            pos++;
        } else {
            if (!read_count(s, n, &pos, &p->precision) || p->precision > INT_MAX)
                return fail(err, NUMFMT_VALUE_ERROR, "precision too big");
            if (p->precision < 0)
                p->precision = 0;
        }
    }
    /* One length modifier is accepted and ignored, as in C. */
    if (pos < n && (s[pos] == 'h' || s[pos] == 'l' || s[pos] == 'L'))
        pos++;
    if (pos >= n)
        return fail(err, NUMFMT_VALUE_ERROR, "incomplete format");
    p->type_pos = pos;
    pos += utf8_decode(s + pos, n - pos, &p->type);
    *end = pos;
    return NUMFMT_OK;
}

/* Pads a %-converted number: sign and prefix, then zeros ('0' flag) or
 * spaces, '-' putting the spaces on the right. */
static NumfmtStatus put_percent(NumBuf *out, const NumfmtPercent *p, char sign, const char *prefix, const char *body,
                                size_t nbody)
{
    size_t prefix_len = strlen(prefix);
    int64_t total = (sign != 0) + (int64_t)prefix_len + (int64_t)nbody;
    uint64_t pad = p->width > total ? (uint64_t)(p->width - total) : 0;
    bool zeros = p->zero && !p->left;
    bool ok = (p->left || zeros || buf_repeat(out, " ", 1, pad)) && (!sign || buf_putc(out, sign)) &&
              buf_put(out, prefix, prefix_len) && (!zeros || buf_repeat(out, "0", 1, pad)) &&
              buf_put(out, body, nbody) && (!p->left || buf_repeat(out, " ", 1, pad));
    return ok ? NUMFMT_OK : nomem(out);
}

static char percent_sign(const NumfmtPercent *p, bool negative)
{
    return negative ? '-' : p->plus ? '+' : p->space ? ' ' : 0;
}

NumfmtStatus numfmt_percent_double(NumBuf *out, const NumfmtPercent *p, double x)
{
    NumBuf body;
    numbuf_init(&body);
    bool neg;
    int64_t prec = p->precision < 0 ? 6 : p->precision;
    if (!dtoa_body(&body, x, (char)p->type, prec, p->alternate ? NUMFMT_F_ALT : 0, &neg)) {
        numbuf_free(&body);
        return nomem(out);
    }
    NumfmtStatus st = put_percent(out, p, percent_sign(p, neg), "", body.data, body.len);
    numbuf_free(&body);
    return st;
}

static NumfmtStatus percent_int(NumBuf *out, const NumfmtPercent *p, const IntArg *v)
{
    int base = p->type == 'o' ? 8 : p->type == 'x' || p->type == 'X' ? 16 : 10;
    const char *prefix = "";
    if (p->alternate && base != 10)
        prefix = p->type == 'o' ? "0o" : p->type == 'x' ? "0x" : "0X";
    NumBuf mag, body;
    numbuf_init(&mag);
    numbuf_init(&body);
    /* The precision is a minimum number of digits. */
    bool ok = put_magnitude(&mag, v, base, p->type == 'X');
    uint64_t zeros = ok && p->precision > (int64_t)mag.len ? (uint64_t)p->precision - mag.len : 0;
    ok = ok && buf_repeat(&body, "0", 1, zeros) && buf_put(&body, mag.data, mag.len);
    NumfmtStatus st = ok ? put_percent(out, p, percent_sign(p, int_negative(v)), prefix, body.data, body.len)
                         : nomem(out);
    numbuf_free(&mag);
    numbuf_free(&body);
    return st;
}

NumfmtStatus numfmt_percent_i64(NumBuf *out, const NumfmtPercent *p, int64_t v)
{
    IntArg a = { NULL, v };
    return percent_int(out, p, &a);
}

NumfmtStatus numfmt_percent_mpz(NumBuf *out, const NumfmtPercent *p, mpz_srcptr v)
{
    IntArg a = { v, 0 };
    return percent_int(out, p, &a);
}

/* ------------------------------------------------------------------ */
/* round(), float.hex(), float.fromhex()                              */
/* ------------------------------------------------------------------ */

double numfmt_round_half_even(double x)
{
    double r = round(x); /* halves away from zero */
    if (fabs(x - r) == 0.5)
        r = 2.0 * round(x / 2.0);
    return r;
}

NumfmtStatus numfmt_round(double x, int64_t ndigits, double *result, NumBuf *err)
{
    /* Beyond these every double rounds to itself / to zero (0.30103 is
     * just above log10(2)): 53 + 1021 binary digits after the point at
     * most, and nothing reaches 10**309. */
    if (!isfinite(x) || ndigits > 323) {
        *result = x;
        return NUMFMT_OK;
    }
    if (ndigits < -308) {
        *result = 0.0 * x;
        return NUMFMT_OK;
    }
    Digits dg;
    digits_fixed(fabs(x), true, ndigits, &dg);
    double r = 0.0;
    if (dg.n > 0) {
        /* Read back as "DIGITSe<exp>": no decimal point, so strtod's
         * locale does not matter. */
        char text[DIGITS_MAX + 16];
        memcpy(text, dg.d, (size_t)dg.n);
        snprintf(text + dg.n, 16, "e%d", dg.decpt - dg.n);
        r = strtod(text, NULL);
        if (isinf(r))
            return fail(err, NUMFMT_OVERFLOW_ERROR, "rounded value too large to represent");
    }
    *result = copysign(r, x);
    return NUMFMT_OK;
}

size_t numfmt_float_hex(double x, char *out)
{
    if (isnan(x) || isinf(x))
        return numfmt_repr(x, out);
    char *p = out;
    if (signbit(x))
        *p++ = '-';
    if (x == 0) {
        memcpy(p, "0x0.0p+0", 9);
        return (size_t)(p - out) + 8;
    }
    uint64_t c;
    int q;
    decompose(fabs(x), &c, &q);
    /* Normal: 1.<52 bits> * 2**(q+52); subnormal: 0.<52 bits> * 2**-1022. */
    bool normal = c >= C_MIN;
    int exp2 = normal ? q + 52 : -1022;
    p += sprintf(p, "0x%d.%013llxp%+d", normal ? 1 : 0, (unsigned long long)(c & (C_MIN - 1)), exp2);
    return (size_t)(p - out);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Case-insensitive match of the word w at s[pos..n); advances pos. */
static bool match_word(const char *s, size_t n, size_t *pos, const char *w)
{
    size_t len = strlen(w);
    if (n - *pos < len)
        return false;
    for (size_t i = 0; i < len; i++)
        if ((s[*pos + i] | 0x20) != w[i])
            return false;
    *pos += len;
    return true;
}

NumfmtStatus numfmt_float_fromhex(const char *s, size_t n, double *result, NumBuf *err)
{
    size_t pos = 0;
    while (pos < n && is_space(s[pos]))
        pos++;
    bool neg = false;
    if (pos < n && (s[pos] == '-' || s[pos] == '+'))
        neg = s[pos++] == '-';

    double value;
    if (match_word(s, n, &pos, "inf")) {
        match_word(s, n, &pos, "inity");
        value = INFINITY;
    } else if (match_word(s, n, &pos, "nan")) {
        value = NAN;
    } else {
        if (n - pos >= 2 && s[pos] == '0' && (s[pos + 1] | 0x20) == 'x')
            pos += 2;
        /* The first 16 significant hex digits (64 bits), whether anything
         * non-zero follows them, and the power of two of the last kept
         * digit.  Extra digits and exponents are counted with saturation:
         * past +-2**40 the result is 0 or an overflow anyway. */
        const int64_t LIMIT = INT64_C(1) << 40;
        uint64_t top = 0;
        int kept = 0;
        bool sticky = false, any = false, point = false;
        int64_t scale = 0; /* value = top * 2**scale (before the exponent) */
        for (; pos < n; pos++) {
            int d = hex_value(s[pos]);
            if (d < 0) {
                if (s[pos] == '.' && !point) {
                    point = true;
                    continue;
                }
                break;
            }
            any = true;
            if (kept < 16) {
                if (top || d) {
                    top = top << 4 | (uint64_t)d;
                    kept++;
                }
                if (point)
                    scale -= 4;
            } else {
                sticky |= d != 0;
                if (!point && scale < LIMIT)
                    scale += 4;
            }
        }
        if (!any)
            goto invalid;
        int64_t exp = 0;
        if (pos < n && (s[pos] | 0x20) == 'p') {
            pos++;
            bool eneg = false;
            if (pos < n && (s[pos] == '-' || s[pos] == '+'))
                eneg = s[pos++] == '-';
            if (pos >= n || s[pos] < '0' || s[pos] > '9')
                goto invalid;
            for (; pos < n && s[pos] >= '0' && s[pos] <= '9'; pos++)
                if (exp < LIMIT)
                    exp = exp * 10 + (s[pos] - '0');
            if (eneg)
                exp = -exp;
        }
        if (top == 0) {
            value = 0.0;
        } else {
            int bits = 64 - __builtin_clzll(top);
            int64_t lead = scale + exp + bits - 1; /* exponent of the top bit */
            if (lead > 1023)
                goto overflow;
            /* Keep 53 bits, fewer for subnormals (down to 2**-1074). */
            int64_t keep = lead >= -1022 ? 53 : lead + 1075;
            if (keep < 0) {
                value = 0.0;
            } else {
                int drop = bits - (int)keep; /* bits of top below the kept ones */
                uint64_t mant;
                if (drop <= 0) {
                    mant = top << -drop;
                } else if (drop > 64) {
                    mant = 0; /* far below half of the last place */
                } else {
                    mant = drop == 64 ? 0 : top >> drop;
                    uint64_t rem = drop == 64 ? top : top & ((UINT64_C(1) << drop) - 1);
                    uint64_t half = UINT64_C(1) << (drop - 1);
                    if (rem > half || (rem == half && (sticky || (mant & 1))))
                        mant++;
                }
                /* mant * 2**(lead - keep + 1); ldexp is exact here, and a
                 * carry into bit 53 is still representable unless at the top. */
                value = ldexp((double)mant, (int)(lead - keep + 1));
                if (isinf(value))
                    goto overflow;
            }
        }
    }
    while (pos < n && is_space(s[pos]))
        pos++;
    if (pos != n)
        goto invalid;
    *result = neg ? -value : value;
    return NUMFMT_OK;
invalid:
    return fail(err, NUMFMT_VALUE_ERROR, "invalid hexadecimal floating-point string");
overflow:
    return fail(err, NUMFMT_OVERFLOW_ERROR, "hexadecimal value too large to represent as a float");
}
