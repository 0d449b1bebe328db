/* Unit tests for core/bigint.c, Python int semantics on GMP.
 *
 * The expected values are in data/bigint_cases.txt, generated from CPython
 * 3.11 by data/gen_bigint_cases.py (its docstring describes the format); the
 * file also carries the Unicode tables the parser's hooks need (decimal
 * digits, non-printable ranges), so this test needs neither Python nor the
 * Unicode database at run time.  Every case whose operands fit in int64_t
 * also checks the int64 fast paths against the same expectation.  A few
 * hand-written checks follow: limits that CPython only reaches with
 * gigabytes of memory, aliasing, and the speed of huge conversions.
 *
 *   build/tests/test_bigint [CASES-FILE]
 * The file defaults to data/bigint_cases.txt beside this source. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/bigint.h"

static int passed, failed;
static int lineno; /* line of the cases file being checked, for messages */

__attribute__((format(printf, 2, 3))) static void check(bool ok, const char *fmt, ...)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (failed > 60)
        return; /* the count is enough past this */
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL (line %d): ", lineno);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- The Unicode tables from the cases file ----------------------------- */

static uint32_t *zeros; /* first code point of each script's 0..9 */
static size_t nzeros;
static uint32_t (*nonprint)[2];
static size_t nnonprint;
static uint32_t *spaces;
static size_t nspaces;

static void *grow(void *p, size_t n, size_t size)
{
    /* Doubling at powers of two keeps this simple: n is the current count. */
    if (n && (n & (n - 1)))
        return p;
    void *q = realloc(p, (n ? 2 * n : 1) * size);
    if (!q)
        abort();
    return q;
}

static int test_decimal(uint32_t cp)
{
    size_t lo = 0, hi = nzeros;
    while (lo < hi) { /* first zero above cp */
        size_t mid = (lo + hi) / 2;
        if (zeros[mid] <= cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || cp - zeros[lo - 1] > 9)
        return -1;
    return (int)(cp - zeros[lo - 1]);
}

static bool test_printable(uint32_t cp)
{
    size_t lo = 0, hi = nnonprint;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (nonprint[mid][1] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return !(lo < nnonprint && nonprint[lo][0] <= cp);
}

static const BigintUnicode UNI = {test_decimal, test_printable};

/* ---- Field decoding ------------------------------------------------------ */

static void get_int(mpz_t z, const char *s)
{
    if (mpz_set_str(z, s, 16) != 0) {
        fprintf(stderr, "line %d: bad int field '%s'\n", lineno, s);
        exit(2);
    }
}

static double get_double(const char *s) { return strtod(s, NULL); }

/* "~" then text with %XX escapes; returns a malloc'd buffer (NUL-terminated
 * for messages) and its length. */
static char *get_text(const char *s, size_t *len)
{
    if (*s != '~') {
        fprintf(stderr, "line %d: bad text field '%s'\n", lineno, s);
        exit(2);
    }
    s++;
    char *out = malloc(strlen(s) + 1);
    size_t n = 0;
    while (*s) {
        if (*s == '%') {
            unsigned v;
            sscanf(s + 1, "%2x", &v);
            out[n++] = (char)v;
            s += 3;
        } else {
            out[n++] = *s++;
        }
    }
    out[n] = '\0';
    *len = n;
    return out;
}

static bool same_double(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return memcmp(&a, &b, sizeof a) == 0; /* tells -0.0 from 0.0 */
}

static bool fits64(const mpz_t z) { return mpz_fits_slong_p(z) != 0; }

/* An expectation: ok with result fields, or err with a class and message. */
typedef struct {
    bool ok;
    char **res;  /* result fields when ok */
    int nres;
    const char *exc; /* when !ok */
    char *msg;
} Expect;

static bool expect_error(const char *what, BigintExc rc, const BigintError *err, const Expect *ex)
{
    if (ex->ok) {
        check(rc == BIGINT_OK, "%s: unexpected %s: %s", what, bigint_exc_name(rc), rc ? err->msg : "");
        return false;
    }
    check(rc != BIGINT_OK && strcmp(bigint_exc_name(rc), ex->exc) == 0 && err->exc == rc &&
              strcmp(err->msg, ex->msg) == 0,
          "%s: expected %s '%s', got %s '%s'", what, ex->exc, ex->msg, bigint_exc_name(rc),
          rc ? err->msg : "");
    return true;
}

static void expect_int(const char *what, const mpz_t got, const char *field)
{
    mpz_t want;
    mpz_init(want);
    get_int(want, field);
    if (mpz_cmp(got, want) != 0) {
        char *g = mpz_get_str(NULL, 16, got);
        check(false, "%s: got %.80s, want %.80s", what, g, field);
        free(g);
    } else {
        check(true, "%s", what);
    }
    mpz_clear(want);
}

static void expect_i64(const char *what, bool fits, int64_t got, const char *field)
{
    mpz_t want;
    mpz_init(want);
    get_int(want, field);
    bool want_fits = fits64(want);
    check(fits == want_fits && (!fits || got == mpz_get_si(want)), "%s (int64): fits %d got %" PRId64 ", want %.40s",
          what, fits, got, field);
    mpz_clear(want);
}

static void expect_double(const char *what, double got, const char *field)
{
    double want = get_double(field);
    check(same_double(got, want), "%s: got %a, want %s", what, got, field);
}

/* ---- The cases ----------------------------------------------------------- */

static void case_parse(bool bytes, char **f, const Expect *ex)
{
    int base = atoi(f[1]), maxd = atoi(f[2]);
    size_t len;
    char *text = get_text(f[3], &len);
    BigintResult res;
    BigintError err;
    BigintExc rc = bytes ? bigint_parse_bytes(text, len, base, maxd, &res, &err)
                         : bigint_parse_str(text, len, base, maxd, &UNI, &res, &err);
    if (!expect_error(f[0], rc, &err, ex) && rc == BIGINT_OK) {
        mpz_t got;
        if (res.is_big) {
            check(!fits64(res.big), "parse: a big result that fits int64");
            mpz_init_set(got, res.big);
            mpz_clear(res.big);
        } else {
            mpz_init_set_si(got, res.small);
        }
        expect_int(f[0], got, ex->res[0]);
        mpz_clear(got);
    }
    free(text);
}

static void case_fmt(char **f, const Expect *ex)
{
    int base = atoi(f[1]), maxd = atoi(f[3]);
    unsigned flags = (unsigned)atoi(f[2]);
    mpz_t a;
    mpz_init(a);
    get_int(a, f[4]);
    char *buf = malloc(bigint_format_size(a, base));
    size_t len = 0;
    BigintError err;
    BigintExc rc = bigint_format(a, base, flags, maxd, buf, &len, &err);
    if (!expect_error("fmt", rc, &err, ex)) {
        size_t wlen;
        char *want = get_text(ex->res[0], &wlen);
        check(len == wlen && strlen(buf) == len && memcmp(buf, want, len) == 0, "fmt base %d: got %.60s, want %.60s",
              base, buf, want);
        if (fits64(a)) {
            char b64[BIGINT_I64_FORMAT_SIZE];
            size_t n = bigint_i64_format(mpz_get_si(a), base, flags, b64);
            check(n == wlen && strcmp(b64, want) == 0, "i64 fmt base %d: got %s, want %s", base, b64, want);
        }
        free(want);
    }
    free(buf);
    mpz_clear(a);
}

static void case_arith(char **f, const Expect *ex)
{
    mpz_t a, b, r, q, m;
    mpz_inits(a, b, r, q, m, NULL);
    get_int(a, f[1]);
    get_int(b, f[2]);
    BigintError err;
    mpz_add(r, a, b);
    expect_int("add", r, ex->res[0]);
    mpz_sub(r, a, b);
    expect_int("sub", r, ex->res[1]);
    check(bigint_mul(r, a, b, &err) == BIGINT_OK, "mul failed");
    expect_int("mul", r, ex->res[2]);
    check(bigint_floordiv(r, a, b, &err) == BIGINT_OK, "floordiv failed");
    expect_int("floordiv", r, ex->res[3]);
    check(bigint_mod(r, a, b, &err) == BIGINT_OK, "mod failed");
    expect_int("mod", r, ex->res[4]);
    check(bigint_divmod(q, m, a, b, &err) == BIGINT_OK, "divmod failed");
    expect_int("divmod q", q, ex->res[3]);
    expect_int("divmod r", m, ex->res[4]);
    double d = 0;
    check(bigint_truediv(a, b, &d, &err) == BIGINT_OK, "truediv failed");
    expect_double("truediv", d, ex->res[5]);
    mpz_and(r, a, b);
    expect_int("and", r, ex->res[6]);
    mpz_ior(r, a, b);
    expect_int("or", r, ex->res[7]);
    mpz_xor(r, a, b);
    expect_int("xor", r, ex->res[8]);
    if (fits64(a) && fits64(b)) {
        int64_t x = mpz_get_si(a), y = mpz_get_si(b), v = 0, w = 0;
        bool ok;
        ok = bigint_i64_add(x, y, &v);
        expect_i64("add", ok, v, ex->res[0]);
        ok = bigint_i64_sub(x, y, &v);
        expect_i64("sub", ok, v, ex->res[1]);
        ok = bigint_i64_mul(x, y, &v);
        expect_i64("mul", ok, v, ex->res[2]);
        ok = bigint_i64_floordiv(x, y, &v);
        expect_i64("floordiv", ok, v, ex->res[3]);
        expect_i64("mod", true, bigint_i64_mod(x, y), ex->res[4]);
        ok = bigint_i64_divmod(x, y, &v, &w);
        expect_i64("divmod q", ok, v, ex->res[3]);
        expect_i64("divmod r", true, w, ex->res[4]);
        expect_double("i64 truediv", bigint_i64_truediv(x, y), ex->res[5]);
        if (x == INT64_MIN && y == -1)
            check(!bigint_i64_neg(x, &v), "neg INT64_MIN fits");
        else if (x != INT64_MIN)
            check(bigint_i64_neg(x, &v) && v == -x, "neg");
    }
    mpz_clears(a, b, r, q, m, NULL);
}

/* Division-family errors (by zero). */
static void case_div(char **f, const Expect *ex)
{
    mpz_t a, b, r, q;
    mpz_inits(a, b, r, q, NULL);
    get_int(a, f[1]);
    get_int(b, f[2]);
    BigintError err;
    BigintExc rc;
    double d = 0;
    if (strcmp(f[0], "floordiv") == 0)
        rc = bigint_floordiv(r, a, b, &err);
    else if (strcmp(f[0], "mod") == 0)
        rc = bigint_mod(r, a, b, &err);
    else if (strcmp(f[0], "divmod") == 0)
        rc = bigint_divmod(q, r, a, b, &err);
    else
        rc = bigint_truediv(a, b, &d, &err);
    if (!expect_error(f[0], rc, &err, ex)) {
        if (strcmp(f[0], "truediv") == 0) {
            expect_double("truediv", d, ex->res[0]);
            if (fits64(a) && fits64(b))
                expect_double("i64 truediv", bigint_i64_truediv(mpz_get_si(a), mpz_get_si(b)), ex->res[0]);
        } else if (strcmp(f[0], "divmod") == 0) {
            expect_int("divmod", q, ex->res[0]);
        } else {
            expect_int(f[0], r, ex->res[0]);
        }
    }
    mpz_clears(a, b, r, q, NULL);
}

static void case_tofloat(char **f, const Expect *ex)
{
    mpz_t a;
    mpz_init(a);
    get_int(a, f[1]);
    double d = 0;
    BigintError err;
    BigintExc rc = bigint_to_double(a, &d, &err);
    if (!expect_error("tofloat", rc, &err, ex))
        expect_double("tofloat", d, ex->res[0]);
    mpz_clear(a);
}

static void case_frexp(char **f, const Expect *ex)
{
    mpz_t a;
    mpz_init(a);
    get_int(a, f[1]);
    int64_t e = 0;
    double m = bigint_frexp(a, &e);
    expect_double("frexp m", m, ex->res[0]);
    check(e == strtoll(ex->res[1], NULL, 10), "frexp e %" PRId64 ", want %s", e, ex->res[1]);
    mpz_clear(a);
}

static void case_pow(char **f, const Expect *ex)
{
    mpz_t a, b, r;
    mpz_inits(a, b, r, NULL);
    get_int(a, f[1]);
    get_int(b, f[2]);
    BigintError err;
    BigintExc rc = bigint_pow(r, a, b, &err);
    if (!expect_error("pow", rc, &err, ex)) {
        expect_int("pow", r, ex->res[0]);
        if (fits64(a) && fits64(b)) {
            int64_t v = 0;
            bool ok = bigint_i64_pow(mpz_get_si(a), mpz_get_si(b), &v);
            expect_i64("pow", ok, v, ex->res[0]);
        }
    }
    mpz_clears(a, b, r, NULL);
}

static void case_powf(char **f, const Expect *ex)
{
    mpz_t a, b;
    mpz_inits(a, b, NULL);
    get_int(a, f[1]);
    get_int(b, f[2]);
    BigintError err;
    double d = 0;
    BigintExc rc = bigint_pow_float(a, b, &d, &err);
    if (!expect_error("powf", rc, &err, ex))
        expect_double("powf", d, ex->res[0]);
    mpz_clears(a, b, NULL);
}

static void case_powmod(char **f, const Expect *ex)
{
    mpz_t a, b, m, r;
    mpz_inits(a, b, m, r, NULL);
    get_int(a, f[1]);
    get_int(b, f[2]);
    get_int(m, f[3]);
    BigintError err;
    BigintExc rc = bigint_powmod(r, a, b, m, &err);
    if (!expect_error("powmod", rc, &err, ex))
        expect_int("powmod", r, ex->res[0]);
    /* The same with the result written over each operand in turn. */
    mpz_set(r, a);
    rc = bigint_powmod(r, r, b, m, &err);
    if (!expect_error("powmod (r = a)", rc, &err, ex))
        expect_int("powmod (r = a)", r, ex->res[0]);
    mpz_set(r, m);
    rc = bigint_powmod(r, a, b, r, &err);
    if (!expect_error("powmod (r = m)", rc, &err, ex))
        expect_int("powmod (r = m)", r, ex->res[0]);
    mpz_clears(a, b, m, r, NULL);
}

static void case_shift(bool left, char **f, const Expect *ex)
{
    mpz_t a, n, r;
    mpz_inits(a, n, r, NULL);
    get_int(a, f[1]);
    get_int(n, f[2]);
    BigintError err;
    BigintExc rc = left ? bigint_lshift(r, a, n, &err) : bigint_rshift(r, a, n, &err);
    const char *what = left ? "lshift" : "rshift";
    if (!expect_error(what, rc, &err, ex))
        expect_int(what, r, ex->res[0]);
    if (fits64(n)) {
        int64_t c = mpz_get_si(n);
        rc = left ? bigint_lshift_i64(r, a, c, &err) : bigint_rshift_i64(r, a, c, &err);
        if (!expect_error(what, rc, &err, ex))
            expect_int(what, r, ex->res[0]);
        if (fits64(a) && c >= 0 && ex->ok) {
            int64_t v = 0;
            bool ok = true;
            if (left)
                ok = bigint_i64_lshift(mpz_get_si(a), c, &v);
            else
                v = bigint_i64_rshift(mpz_get_si(a), c);
            expect_i64(what, ok, v, ex->res[0]);
        }
    }
    mpz_clears(a, n, r, NULL);
}

static void case_bits(char **f, const Expect *ex)
{
    mpz_t a, r;
    mpz_inits(a, r, NULL);
    get_int(a, f[1]);
    uint64_t bl = strtoull(ex->res[0], NULL, 10), bc = strtoull(ex->res[1], NULL, 10);
    check(bigint_bit_length(a) == bl, "bit_length %" PRIu64 " want %" PRIu64, bigint_bit_length(a), bl);
    check(bigint_bit_count(a) == bc, "bit_count %" PRIu64 " want %" PRIu64, bigint_bit_count(a), bc);
    mpz_com(r, a);
    expect_int("invert", r, ex->res[2]);
    mpz_clears(a, r, NULL);
}

static void case_round(char **f, const Expect *ex)
{
    mpz_t a, r;
    mpz_inits(a, r, NULL);
    get_int(a, f[1]);
    int64_t nd = strtoll(f[2], NULL, 10);
    BigintError err;
    BigintExc rc = bigint_round(r, a, nd, &err);
    if (!expect_error("round", rc, &err, ex))
        expect_int("round", r, ex->res[0]);
    mpz_clears(a, r, NULL);
}

static const BigintRound MODES[] = {BIGINT_ROUND_TRUNC, BIGINT_ROUND_FLOOR, BIGINT_ROUND_CEIL, BIGINT_ROUND_HALF_EVEN};
static const char *const MODE_NAMES[] = {"trunc", "floor", "ceil", "round"};

static void case_dbl(char **f, const Expect *ex)
{
    double d = get_double(f[1]);
    mpz_t r, den;
    mpz_inits(r, den, NULL);
    BigintError err;
    for (int k = 0; k < 4; k++) {
        check(bigint_from_double(r, d, MODES[k], &err) == BIGINT_OK, "from_double failed");
        expect_int(MODE_NAMES[k], r, ex->res[k]);
        int64_t v = 0;
        bool ok = bigint_i64_from_double(d, MODES[k], &v);
        expect_i64(MODE_NAMES[k], ok, v, ex->res[k]);
    }
    check(bigint_as_integer_ratio(r, den, d, &err) == BIGINT_OK, "as_integer_ratio failed");
    expect_int("ratio num", r, ex->res[4]);
    expect_int("ratio den", den, ex->res[5]);
    int64_t h = strtoll(ex->res[6], NULL, 10);
    check(bigint_double_hash(d) == h, "hash(%a) = %" PRId64 ", want %" PRId64, d, bigint_double_hash(d), h);
    mpz_clears(r, den, NULL);
}

static void case_float_special(char **f, const Expect *ex)
{
    mpz_t r, den;
    mpz_inits(r, den, NULL);
    BigintError err;
    if (strcmp(f[0], "fromfloat") == 0) {
        double d = get_double(f[2]);
        for (int k = 0; k < 4; k++)
            if (strcmp(f[1], MODE_NAMES[k]) == 0) {
                BigintExc rc = bigint_from_double(r, d, MODES[k], &err);
                if (!expect_error("fromfloat", rc, &err, ex))
                    expect_int("fromfloat", r, ex->res[0]);
                int64_t v;
                check(!bigint_i64_from_double(d, MODES[k], &v), "i64_from_double(%a) accepted", d);
            }
    } else if (strcmp(f[0], "ratio") == 0) {
        BigintExc rc = bigint_as_integer_ratio(r, den, get_double(f[1]), &err);
        if (!expect_error("ratio", rc, &err, ex)) {
            expect_int("ratio num", r, ex->res[0]);
            expect_int("ratio den", den, ex->res[1]);
        }
    } else {
        double d = get_double(f[1]);
        check(bigint_double_hash(d) == strtoll(ex->res[0], NULL, 10), "hash(%a)", d);
    }
    mpz_clears(r, den, NULL);
}

static void case_cmpf(char **f, const Expect *ex)
{
    mpz_t a;
    mpz_init(a);
    get_int(a, f[1]);
    double d = get_double(f[2]);
    int want = atoi(ex->res[0]);
    check(bigint_cmp_double(a, d) == want, "cmp(%.40s, %a) = %d, want %d", f[1], d, bigint_cmp_double(a, d), want);
    if (fits64(a))
        check(bigint_i64_cmp_double(mpz_get_si(a), d) == want, "i64 cmp(%.40s, %a)", f[1], d);
    mpz_clear(a);
}

static void case_tobytes(char **f, const Expect *ex)
{
    mpz_t a;
    mpz_init(a);
    get_int(a, f[1]);
    size_t len = (size_t)strtoull(f[2], NULL, 10);
    bool little = strcmp(f[3], "little") == 0, is_signed = atoi(f[4]) != 0;
    unsigned char *buf = malloc(len + 1);
    BigintError err;
    BigintExc rc = bigint_to_bytes(a, buf, len, little, is_signed, &err);
    if (!expect_error("tobytes", rc, &err, ex)) {
        size_t wlen;
        char *want = get_text(ex->res[0], &wlen);
        check(wlen == len && memcmp(buf, want, len) == 0, "tobytes(%.40s, %zu)", f[1], len);
        free(want);
    }
    free(buf);
    mpz_clear(a);
}

static void case_frombytes(char **f, const Expect *ex)
{
    size_t len;
    char *b = get_text(f[1], &len);
    mpz_t r;
    mpz_init(r);
    BigintError err;
    BigintExc rc = bigint_from_bytes(r, (unsigned char *)b, len, strcmp(f[2], "little") == 0, atoi(f[3]) != 0, &err);
    if (!expect_error("frombytes", rc, &err, ex))
        expect_int("frombytes", r, ex->res[0]);
    free(b);
    mpz_clear(r);
}

static void case_hash(char **f, const Expect *ex)
{
    mpz_t a;
    mpz_init(a);
    get_int(a, f[1]);
    int64_t want = strtoll(ex->res[0], NULL, 10);
    check(bigint_hash(a) == want, "hash(%.40s) = %" PRId64 ", want %" PRId64, f[1], bigint_hash(a), want);
    if (fits64(a))
        check(bigint_i64_hash(mpz_get_si(a)) == want, "i64 hash(%.40s)", f[1]);
    /* hash(n) == hash(float(n)) whenever float(n) == n */
    double d;
    if (bigint_to_double(a, &d, NULL) == BIGINT_OK && bigint_cmp_double(a, d) == 0)
        check(bigint_double_hash(d) == want, "hash(float(%.40s))", f[1]);
    mpz_clear(a);
}

static void case_hashq(char **f, const Expect *ex)
{
    mpz_t n, d;
    mpz_inits(n, d, NULL);
    get_int(n, f[1]);
    get_int(d, f[2]);
    int64_t want = strtoll(ex->res[0], NULL, 10);
    check(bigint_fraction_hash(n, d) == want, "hash(Fraction(%.30s, %.30s)) = %" PRId64 ", want %" PRId64, f[1], f[2],
          bigint_fraction_hash(n, d), want);
    mpz_clears(n, d, NULL);
}

/* Splits a line at spaces into at most max fields. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \n", &save); t && n < max; t = strtok_r(NULL, " \n", &save))
        f[n++] = t;
    return n;
}

static void run_cases(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
        failed++;
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    lineno = 0;
    while (getline(&line, &cap, fp) > 0) {
        lineno++;
        if (line[0] == '#')
            continue;
        char *f[32];
        int n = split(line, f, 32);
        if (n == 0)
            continue;
        if (strcmp(f[0], "decimal") == 0) {
            zeros = grow(zeros, nzeros, sizeof *zeros);
            zeros[nzeros++] = (uint32_t)strtoul(f[1], NULL, 16);
            continue;
        }
        if (strcmp(f[0], "nonprint") == 0) {
            nonprint = grow(nonprint, nnonprint, sizeof *nonprint);
            nonprint[nnonprint][0] = (uint32_t)strtoul(f[1], NULL, 16);
            nonprint[nnonprint++][1] = (uint32_t)strtoul(f[2], NULL, 16);
            continue;
        }
        if (strcmp(f[0], "space") == 0) {
            spaces = grow(spaces, nspaces, sizeof *spaces);
            spaces[nspaces++] = (uint32_t)strtoul(f[1], NULL, 16);
            continue;
        }
        Expect ex = {0};
        int k = 1;
        while (k < n && strcmp(f[k], "ok") != 0 && strcmp(f[k], "err") != 0)
            k++;
        if (k == n) {
            fprintf(stderr, "line %d: no ok/err\n", lineno);
            exit(2);
        }
        ex.ok = strcmp(f[k], "ok") == 0;
        size_t mlen;
        if (ex.ok) {
            ex.res = f + k + 1;
            ex.nres = n - k - 1;
        } else {
            ex.exc = f[k + 1];
            ex.msg = get_text(f[k + 2], &mlen);
        }
        const char *op = f[0];
        if (strcmp(op, "parse") == 0 || strcmp(op, "pbytes") == 0)
            case_parse(op[1] == 'b', f, &ex);
        else if (strcmp(op, "fmt") == 0)
            case_fmt(f, &ex);
        else if (strcmp(op, "arith") == 0)
            case_arith(f, &ex);
        else if (!strcmp(op, "floordiv") || !strcmp(op, "mod") || !strcmp(op, "divmod") || !strcmp(op, "truediv"))
            case_div(f, &ex);
        else if (strcmp(op, "tofloat") == 0)
            case_tofloat(f, &ex);
        else if (strcmp(op, "frexp") == 0)
            case_frexp(f, &ex);
        else if (strcmp(op, "pow") == 0)
            case_pow(f, &ex);
        else if (strcmp(op, "powf") == 0)
            case_powf(f, &ex);
        else if (strcmp(op, "powmod") == 0)
            case_powmod(f, &ex);
        else if (strcmp(op, "lshift") == 0 || strcmp(op, "rshift") == 0)
            case_shift(op[0] == 'l', f, &ex);
        else if (strcmp(op, "bits") == 0)
            case_bits(f, &ex);
        else if (strcmp(op, "round") == 0)
            case_round(f, &ex);
        else if (strcmp(op, "dbl") == 0)
            case_dbl(f, &ex);
        else if (!strcmp(op, "fromfloat") || !strcmp(op, "ratio") || !strcmp(op, "hashf"))
            case_float_special(f, &ex);
        else if (strcmp(op, "cmpf") == 0)
            case_cmpf(f, &ex);
        else if (strcmp(op, "tobytes") == 0)
            case_tobytes(f, &ex);
        else if (strcmp(op, "frombytes") == 0)
            case_frombytes(f, &ex);
        else if (strcmp(op, "hash") == 0)
            case_hash(f, &ex);
        else if (strcmp(op, "hashq") == 0)
            case_hashq(f, &ex);
        else {
            fprintf(stderr, "line %d: unknown op %s\n", lineno, op);
            exit(2);
        }
        free(ex.msg);
    }
    free(line);
    fclose(fp);
    lineno = 0;
}

/* ---- Hand-written checks -------------------------------------------------- */

static void test_spaces(void)
{
    /* bigint_is_space must be exactly str.isspace(). */
    size_t k = 0, mism = 0;
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        bool want = k < nspaces && spaces[k] == cp;
        if (want)
            k++;
        if (bigint_is_space(cp) != want)
            mism++;
    }
    check(nspaces > 20 && mism == 0, "bigint_is_space differs from str.isspace() at %zu code points", mism);
}

static BigintExc parse_cstr(const char *s, int base, BigintResult *res, BigintError *err)
{
    return bigint_parse_str(s, strlen(s), base, BIGINT_DEFAULT_MAX_STR_DIGITS, NULL, res, err);
}

static void test_parse_extra(void)
{
    BigintResult res;
    BigintError err;
    /* Without hooks, non-ASCII digits are not digits, and every non-ASCII
     * character shows as itself in the message. */
    BigintExc rc = parse_cstr("\xd9\xa1", 10, &res, &err);
    check(rc == BIGINT_VALUE_ERROR && strcmp(err.msg, "invalid literal for int() with base 10: '\xd9\xa1'") == 0,
          "no hooks: %s", err.msg);
    /* Unicode whitespace needs no hook. */
    rc = parse_cstr("\xe3\x80\x80 -42\xc2\xa0", 10, &res, &err);
    check(rc == BIGINT_OK && !res.is_big && res.small == -42, "unicode spaces");
    /* A malformed UTF-8 byte is an invalid character, shown escaped. */
    rc = parse_cstr("1\xff", 10, &res, &err);
    check(rc == BIGINT_VALUE_ERROR && strcmp(err.msg, "invalid literal for int() with base 10: '1\\udcff'") == 0,
          "bad utf-8: %s", err.msg);
    rc = parse_cstr("\xe0\x80", 10, &res, &err);
    check(rc == BIGINT_VALUE_ERROR, "truncated utf-8");
    /* err may be NULL. */
    check(parse_cstr("x", 10, &res, NULL) == BIGINT_VALUE_ERROR, "NULL err");
    /* Results at the int64 boundary are small, beyond it big. */
    rc = parse_cstr("-9223372036854775808", 10, &res, &err);
    check(rc == BIGINT_OK && !res.is_big && res.small == INT64_MIN, "INT64_MIN small");
    rc = parse_cstr("9223372036854775808", 10, &res, &err);
    check(rc == BIGINT_OK && res.is_big, "2**63 big");
    if (rc == BIGINT_OK && res.is_big)
        mpz_clear(res.big);
    check(strcmp(bigint_exc_name(BIGINT_ZERO_DIVISION_ERROR), "ZeroDivisionError") == 0 &&
              strcmp(bigint_exc_name(BIGINT_TYPE_ERROR), "TypeError") == 0,
          "exception names");
}

static void test_limits(void)
{
    /* Sizes CPython would try to allocate (gigabytes) are MemoryError here,
     * never a GMP abort. */
    mpz_t a, b, r;
    mpz_inits(a, b, r, NULL);
    BigintError err;
    mpz_set_ui(a, 1);
    check(bigint_lshift_i64(r, a, (int64_t)BIGINT_MAX_BITS, &err) == BIGINT_MEMORY_ERROR && err.msg[0] == '\0',
          "1 << MAX_BITS");
    mpz_set_ui(a, 3);
    mpz_set_ui(b, UINT64_C(1) << 40);
    check(bigint_pow(r, a, b, &err) == BIGINT_MEMORY_ERROR, "3 ** 2**40");
    mpz_ui_pow_ui(b, 2, 64);
    check(bigint_pow(r, a, b, &err) == BIGINT_MEMORY_ERROR, "3 ** 2**64");
    mpz_set_si(a, -1);
    check(bigint_pow(r, a, b, &err) == BIGINT_OK && mpz_cmp_ui(r, 1) == 0, "(-1) ** 2**64");
    mpz_set_si(b, -1);
    check(bigint_pow(r, a, b, &err) == BIGINT_VALUE_ERROR, "pow with a negative exponent");
    /* The operand's size counts too: 2**(2**20) << (MAX_BITS - 2**19). */
    mpz_set_ui(a, 1);
    mpz_mul_2exp(a, a, 1 << 20);
    mpz_set_ui(b, BIGINT_MAX_BITS - (1 << 19));
    check(bigint_lshift(r, a, b, &err) == BIGINT_MEMORY_ERROR, "big << big");
    /* and a product's */
    mpz_set_ui(b, 1);
    mpz_mul_2exp(b, b, 1 << 20);
    mpz_t h;
    mpz_init(h);
    mpz_mul_2exp(h, b, 1 << 10); /* any value: bigint_mul must refuse by size alone */
    check(bigint_mul(r, a, h, &err) == BIGINT_OK, "small product");
    mpz_clear(h);
    mpz_clears(a, b, r, NULL);
}

static void test_aliasing(void)
{
    mpz_t a, b;
    mpz_inits(a, b, NULL);
    BigintError err;
    mpz_set_si(a, -7);
    mpz_set_si(b, 2);
    bigint_floordiv(a, a, b, &err);
    check(mpz_cmp_si(a, -4) == 0, "floordiv a = a // b");
    mpz_set_si(a, -7);
    bigint_mod(b, a, b, &err);
    check(mpz_cmp_si(b, 1) == 0, "mod b = a %% b");
    mpz_set_si(a, 5);
    bigint_lshift_i64(a, a, 100, &err);
    bigint_rshift_i64(a, a, 99, &err);
    check(mpz_cmp_si(a, 10) == 0, "shifts in place");
    mpz_set_si(a, 3);
    bigint_mul(a, a, a, &err);
    check(mpz_cmp_si(a, 9) == 0, "mul in place");
    mpz_clears(a, b, NULL);
}

static void test_i64_edges(void)
{
    int64_t v = 0;
    check(bigint_i64_pow(-2, 63, &v) && v == INT64_MIN, "(-2)**63");
    check(!bigint_i64_pow(2, 63, &v), "2**63");
    check(bigint_i64_pow(3037000499, 2, &v) && v == INT64_C(9223372030926249001), "3037000499**2");
    check(!bigint_i64_pow(3037000500, 2, &v), "3037000500**2");
    check(bigint_i64_pow(-1, INT64_MAX, &v) && v == -1, "(-1)**big");
    check(bigint_i64_pow(0, 0, &v) && v == 1, "0**0");
    check(bigint_i64_lshift(-1, 63, &v) && v == INT64_MIN, "-1 << 63");
    check(!bigint_i64_lshift(1, 63, &v), "1 << 63");
    check(!bigint_i64_lshift(1, INT64_MAX, &v), "1 << huge");
    check(bigint_i64_lshift(0, INT64_MAX, &v) && v == 0, "0 << huge");
    check(bigint_i64_rshift(-5, INT64_MAX) == -1 && bigint_i64_rshift(5, 1000) == 0, ">> huge");
    check(!bigint_i64_floordiv(INT64_MIN, -1, &v), "INT64_MIN // -1");
    check(bigint_i64_mod(INT64_MIN, -1) == 0, "INT64_MIN %% -1");
    check(!bigint_i64_neg(INT64_MIN, &v), "-INT64_MIN");
    check(bigint_cpython_sizeof(0) == 28 && bigint_cpython_sizeof(1) == 28 && bigint_cpython_sizeof(30) == 28 &&
              bigint_cpython_sizeof(31) == 32 && bigint_cpython_sizeof(65) == 36,
          "sizeof as sys.getsizeof");
    check(bigint_i64_hash(-1) == -2 && bigint_i64_hash(INT64_MIN) == -4, "i64 hashes");
    double d = bigint_i64_truediv(0, -3);
    check(d == 0.0 && signbit(d), "0 / -3 is -0.0");
    /* base 36 and upper-case against GMP */
    char buf[BIGINT_I64_FORMAT_SIZE], ref[80];
    int64_t samples[] = {0, 1, -1, 35, 36, -36, INT64_MAX, INT64_MIN, 123456789012345};
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++)
        for (int base = 2; base <= 36; base++) {
            mpz_t z;
            mpz_init_set_si(z, samples[i]);
            mpz_get_str(ref, -base, z);
            size_t n = bigint_i64_format(samples[i], base, BIGINT_FMT_UPPER, buf);
            check(n == strlen(ref) && strcmp(buf, ref) == 0, "i64 format %" PRId64 " base %d: %s vs %s", samples[i],
                  base, buf, ref);
            char *big = malloc(bigint_format_size(z, base));
            size_t len;
            bigint_format(z, base, BIGINT_FMT_UPPER, 0, big, &len, NULL);
            check(strcmp(big, ref) == 0, "format base %d", base);
            free(big);
            mpz_clear(z);
        }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Huge conversions must be sub-quadratic: a million digits each way in well
 * under a second (a quadratic algorithm takes minutes). */
static void test_speed(void)
{
    const size_t ndig = 1000000;
    char *s = malloc(ndig + 1);
    unsigned x = 12345;
    for (size_t i = 0; i < ndig; i++) {
        x = x * 1103515245u + 12345u;
        s[i] = (char)('0' + (x >> 16) % 10);
    }
    s[0] = '7';
    s[ndig] = '\0';
    BigintResult res;
    BigintError err;
    double t0 = now();
    BigintExc rc = bigint_parse_str(s, ndig, 10, 0, NULL, &res, &err);
    double t1 = now();
    check(rc == BIGINT_OK && res.is_big, "parse 1e6 digits");
    if (rc == BIGINT_OK && res.is_big) {
        char *out = malloc(bigint_format_size(res.big, 10));
        size_t len = 0;
        rc = bigint_format(res.big, 10, 0, 0, out, &len, &err);
        double t2 = now();
        check(rc == BIGINT_OK && len == ndig && memcmp(out, s, ndig) == 0, "format 1e6 digits round trip");
        rc = bigint_format(res.big, 10, 0, BIGINT_DEFAULT_MAX_STR_DIGITS, out, &len, &err);
        double t3 = now();
        check(rc == BIGINT_VALUE_ERROR && t3 - t2 < 0.01, "limit refuses before converting (%.3fs)", t3 - t2);
        printf("timing: parse 1e6 digits %.3fs, format %.3fs\n", t1 - t0, t2 - t1);
        check(t1 - t0 < 5.0 && t2 - t1 < 5.0, "1e6-digit conversions too slow");
        free(out);
        mpz_clear(res.big);
    }
    rc = bigint_parse_str(s, ndig, 10, BIGINT_DEFAULT_MAX_STR_DIGITS, NULL, &res, &err);
    check(rc == BIGINT_VALUE_ERROR &&
              strcmp(err.msg, "Exceeds the limit (4300 digits) for integer string conversion: value has 1000000 "
                              "digits; use sys.set_int_max_str_digits() to increase the limit") == 0,
          "limit message: %s", err.msg);
    free(s);
}

int main(int argc, char **argv)
{
    char path[4096];
    if (argc > 1) {
        snprintf(path, sizeof path, "%s", argv[1]);
    } else {
        /* data/ beside this source file, as the compiler saw its path (the
         * Makefile builds from the repository root, where tests run); else
         * from the executable, which the Makefile puts in BUILD/tests/. */
        const char *src = __FILE__;
        const char *slash = strrchr(src, '/');
        int dirlen = slash ? (int)(slash - src) : 0;
        snprintf(path, sizeof path, "%.*s%sdata/bigint_cases.txt", dirlen, src, slash ? "/" : "");
        slash = strrchr(argv[0], '/');
        if (access(path, R_OK) != 0 && slash)
            snprintf(path, sizeof path, "%.*s/../../tests/unit/data/bigint_cases.txt", (int)(slash - argv[0]),
                     argv[0]);
    }
    run_cases(path);
    test_spaces();
    test_parse_extra();
    test_limits();
    test_aliasing();
    test_i64_edges();
    test_speed();
    free(zeros);
    free(nonprint);
    free(spaces);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
