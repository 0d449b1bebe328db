/* Unit tests for src/core/numfmt.c.
 *
 * The expected values are in data/numfmt_cases.h, generated from CPython
 * 3.11.2 by data/gen_numfmt_cases.py: repr, format() of floats, ints and
 * strings, %-formatting, round(), float.hex() and float.fromhex(), with
 * CPython's error messages.  Hand-written checks follow for what Python
 * cannot show directly (flags of numfmt_dtoa, the %-conversion parser's
 * fields, locales for 'n', memory errors).
 *
 *   build/tests/test_numfmt            the built-in cases
 *   build/tests/test_numfmt FILE       also the cases in FILE, written by
 *                                      gen_numfmt_cases.py --text SEED SCALE
 *   build/tests/test_numfmt --bench    times repr() and format() too
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/numfmt.h"

#include "data/numfmt_cases.h"

typedef struct {
    int passed, failed;
} Results;

typedef struct Case {
    char kind;
    const char *value, *arg, *expected;
    size_t value_len, arg_len, expected_len;
    int status;
} Case;

static void show(const char *label, const char *s, size_t n)
{
    fprintf(stderr, "    %s: \"", label);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
    fprintf(stderr, "\" (%zu bytes)\n", n);
}

static int status_code(NumfmtStatus st)
{
    return st == NUMFMT_OK ? 0 : st == NUMFMT_VALUE_ERROR ? 1 : st == NUMFMT_OVERFLOW_ERROR ? 2 : 3;
}

static double double_of(const char *hexbits)
{
    uint64_t bits = strtoull(hexbits, NULL, 16);
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

static size_t count_cp(const char *s, size_t n)
{
    size_t cp = 0;
    for (size_t i = 0; i < n; i++)
        cp += ((unsigned char)s[i] & 0xC0) != 0x80;
    return cp;
}

static NumfmtStatus put_repr(NumBuf *out, double x)
{
    char buf[NUMFMT_REPR_MAX];
    size_t n = numfmt_repr(x, buf);
    return numbuf_append(out, buf, n) ? NUMFMT_OK : NUMFMT_MEMORY_ERROR;
}

/* Formats an int three ways (decimal text, GMP, int64 when it fits); all
 * must agree.  Returns the text form's status; *agree says whether they did. */
static NumfmtStatus format_int_all(NumBuf *out, const NumfmtSpec *spec, const Case *c, bool *agree)
{
    NumfmtStatus st = numfmt_format_int_text(out, spec, c->value, c->value_len, "int");
    mpz_t v;
    mpz_init_set_str(v, c->value, 10);
    NumBuf other;
    numbuf_init(&other);
    NumfmtStatus st2 = numfmt_format_mpz(&other, spec, v, "int");
    *agree = st2 == st && other.len == out->len && memcmp(other.data, out->data, out->len) == 0;
    if (mpz_fits_slong_p(v)) {
        numbuf_clear(&other);
        st2 = numfmt_format_i64(&other, spec, mpz_get_si(v), "int");
        *agree = *agree && st2 == st && other.len == out->len && memcmp(other.data, out->data, out->len) == 0;
    }
    numbuf_free(&other);
    mpz_clear(v);
    return st;
}

static NumfmtStatus percent_int_all(NumBuf *out, const NumfmtPercent *p, const Case *c, bool *agree)
{
    mpz_t v;
    mpz_init_set_str(v, c->value, 10);
    NumfmtStatus st = numfmt_percent_mpz(out, p, v);
    *agree = true;
    if (mpz_fits_slong_p(v)) {
        NumBuf other;
        numbuf_init(&other);
        NumfmtStatus st2 = numfmt_percent_i64(&other, p, mpz_get_si(v));
        *agree = st2 == st && other.len == out->len && memcmp(other.data, out->data, out->len) == 0;
        numbuf_free(&other);
    }
    mpz_clear(v);
    return st;
}

/* Runs one case; out receives the result text or the error message. */
static NumfmtStatus run_case(const Case *c, NumBuf *out, bool *agree)
{
    NumfmtSpec spec;
    NumfmtPercent pct;
    size_t end;
    NumfmtStatus st;
    *agree = true;
    numbuf_clear(out);
    switch (c->kind) {
    case 'r':
        return put_repr(out, double_of(c->value));
    case 'f':
        st = numfmt_parse_spec(&spec, c->arg, c->arg_len, 0, "float", out);
        return st ? st : numfmt_format_double(out, &spec, double_of(c->value), "float");
    case 'i':
        st = numfmt_parse_spec(&spec, c->arg, c->arg_len, 'd', "int", out);
        return st ? st : format_int_all(out, &spec, c, agree);
    case 's':
        st = numfmt_parse_spec(&spec, c->arg, c->arg_len, 's', "str", out);
        return st ? st
                  : numfmt_format_str(out, &spec, c->value, c->value_len, count_cp(c->value, c->value_len), "str");
    case 'p':
    case 'q':
    case 'P':
        st = numfmt_parse_percent(&pct, c->arg, c->arg_len, 1, &end, out);
        if (st)
            return st;
        if (end != c->arg_len)
            *agree = false;
        if (c->kind == 'p')
            return numfmt_percent_double(out, &pct, double_of(c->value));
        if (c->kind == 'q')
            return percent_int_all(out, &pct, c, agree);
        return st;
    case 'R': {
        double r;
        st = numfmt_round(double_of(c->value), strtoll(c->arg, NULL, 10), &r, out);
        return st ? st : put_repr(out, r);
    }
    case 'h': {
        char buf[NUMFMT_REPR_MAX];
        size_t n = numfmt_float_hex(double_of(c->value), buf);
        return numbuf_append(out, buf, n) ? NUMFMT_OK : NUMFMT_MEMORY_ERROR;
    }
    case 'X': {
        double r;
        st = numfmt_float_fromhex(c->arg, c->arg_len, &r, out);
        return st ? st : put_repr(out, r);
    }
    }
    *agree = false;
    return NUMFMT_OK;
}

static void check_case(Results *r, const Case *c, int index)
{
    NumBuf out;
    numbuf_init(&out);
    bool agree;
    int st = status_code(run_case(c, &out, &agree));
    bool ok = agree && st == c->status && out.len == c->expected_len &&
              memcmp(out.data, c->expected, c->expected_len) == 0;
    if (ok) {
        r->passed++;
    } else {
        r->failed++;
        fprintf(stderr, "FAIL: case #%d kind '%c'%s\n", index, c->kind, agree ? "" : " (forms disagree)");
        show("value", c->value, c->value_len);
        show("arg", c->arg, c->arg_len);
        fprintf(stderr, "    status: got %d, want %d\n", st, c->status);
        show("got", out.data, out.len);
        show("want", c->expected, c->expected_len);
    }
    numbuf_free(&out);
}

static void run_builtin_cases(Results *r)
{
    int n = (int)(sizeof numfmt_cases / sizeof numfmt_cases[0]);
    for (int i = 0; i < n; i++) {
        const struct NumfmtCase *t = &numfmt_cases[i];
        Case c = { t->kind, t->value, t->arg, t->expected, t->value_len, t->arg_len, t->expected_len, t->status };
        check_case(r, &c, i);
    }
}

/* Undoes gen_numfmt_cases.py's text escapes in place; returns the length. */
static size_t unescape(char *s)
{
    char *w = s;
    for (char *p = s; *p; p++) {
        if (*p != '\\') {
            *w++ = *p;
            continue;
        }
        p++;
        if (*p == 't')
            *w++ = '\t';
        else if (*p == 'n')
            *w++ = '\n';
        else if (*p == 'x') {
            char hex[3] = { p[1], p[2], 0 };
            *w++ = (char)strtol(hex, NULL, 16);
            p += 2;
        } else
            *w++ = *p;
    }
    *w = '\0';
    return (size_t)(w - s);
}

static int run_file_cases(Results *r, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int index = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        char *field[5];
        field[0] = line;
        int nf = 1;
        for (char *p = line; *p && nf < 5; p++)
            if (*p == '\t') {
                *p = '\0';
                field[nf++] = p + 1;
            }
        if (nf != 5) {
            fprintf(stderr, "%s:%d: malformed line\n", path, index + 1);
            r->failed++;
            continue;
        }
        Case c = { field[0][0], field[1], field[2], field[4], 0, 0, 0, atoi(field[3]) };
        c.value_len = unescape(field[1]);
        c.arg_len = unescape(field[2]);
        c.expected_len = unescape(field[4]);
        check_case(r, &c, index++);
    }
    free(line);
    fclose(f);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Hand-written checks                                                */
/* ------------------------------------------------------------------ */

static void expect_text(Results *r, const char *what, NumfmtStatus st, const NumBuf *b, NumfmtStatus want_st,
                        const char *want)
{
    size_t n = strlen(want);
    if (st == want_st && b->len == n && memcmp(b->data, want, n) == 0) {
        r->passed++;
        return;
    }
    r->failed++;
    fprintf(stderr, "FAIL: %s: status %d (want %d)\n", what, (int)st, (int)want_st);
    show("got", b->data, b->len);
    show("want", want, n);
}

static void test_dtoa_flags(Results *r)
{
    static const struct {
        double x;
        char code;
        int prec;
        unsigned flags;
        const char *want;
    } cases[] = {
        { 1.5, 'r', 0, NUMFMT_F_SIGN, "+1.5" },
        { 3.0, 'r', 0, 0, "3" },
        { 3.0, 'r', 0, NUMFMT_F_ADD_DOT_0, "3.0" },
        { 1e16, 'r', 0, NUMFMT_F_ADD_DOT_0, "1e+16" },
        { -0.0, 'f', 2, 0, "-0.00" },
        { -0.0, 'f', 2, NUMFMT_F_NO_NEG_0, "0.00" },
        { -0.004, 'f', 2, NUMFMT_F_NO_NEG_0, "0.00" },
        { -0.006, 'f', 2, NUMFMT_F_NO_NEG_0, "-0.01" },
        { 0.0, 'e', 3, NUMFMT_F_SIGN, "+0.000e+00" },
        { 1.0, 'g', 0, NUMFMT_F_ALT, "1." },
        { 1.0, 'e', 0, NUMFMT_F_ALT, "1.e+00" },
        { INFINITY, 'F', 2, NUMFMT_F_SIGN, "+INF" },
        { -INFINITY, 'g', 2, 0, "-inf" },
        { NAN, 'E', 2, 0, "NAN" },
        { -NAN, 'r', 0, NUMFMT_F_SIGN, "+nan" },
        { 1e-5, 'r', 0, 0, "1e-05" },
        { 123456.0, 'g', 3, NUMFMT_F_ADD_DOT_0, "1.23e+05" },
        { 0.1, 'f', 30, 0, "0.100000000000000005551115123126" },
        { 5e-324, 'e', 20, 0, "4.94065645841246544177e-324" },
        { 1e23, 'f', 0, 0, "99999999999999991611392" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        NumBuf b;
        numbuf_init(&b);
        NumfmtStatus st = numfmt_dtoa(&b, cases[i].x, cases[i].code, cases[i].prec, cases[i].flags);
        char what[64];
        snprintf(what, sizeof what, "dtoa #%zu", i);
        expect_text(r, what, st, &b, NUMFMT_OK, cases[i].want);
        numbuf_free(&b);
    }
    /* numfmt_dtoa appends. */
    NumBuf b;
    numbuf_init(&b);
    numfmt_dtoa(&b, 1.5, 'r', 0, 0);
    numfmt_dtoa(&b, -2.0, 'f', 1, 0);
    expect_text(r, "dtoa appends", NUMFMT_OK, &b, NUMFMT_OK, "1.5-2.0");
    numbuf_free(&b);
}

static void test_buffer_growth(Results *r)
{
    NumBuf b;
    numbuf_init(&b);
    NumfmtStatus st = NUMFMT_OK;
    for (int i = 0; i < 1000 && st == NUMFMT_OK; i++)
        st = numfmt_dtoa(&b, (double)i, 'f', 0, 0);
    size_t want = 10 + 90 * 2 + 900 * 3;
    bool ok = st == NUMFMT_OK && b.len == want && b.data[b.len] == '\0' && memcmp(b.data + want - 3, "999", 3) == 0;
    numbuf_clear(&b);
    ok = ok && b.len == 0 && b.data[0] == '\0';
    numbuf_free(&b);
    ok = ok && b.data == b.small;
    r->passed += ok;
    r->failed += !ok;
    if (!ok)
        fprintf(stderr, "FAIL: buffer growth\n");
}

static void test_pad(Results *r)
{
    NumBuf b;
    numbuf_init(&b);
    expect_text(r, "pad ^", numfmt_pad(&b, "ab", 2, 2, 5, '^', '*'), &b, NUMFMT_OK, "*ab**");
    numbuf_clear(&b);
    expect_text(r, "pad > euro", numfmt_pad(&b, "\xc3\xa9", 2, 1, 3, '>', 0x20AC), &b, NUMFMT_OK,
                "\xe2\x82\xac\xe2\x82\xac\xc3\xa9");
    numbuf_clear(&b);
    expect_text(r, "pad narrow", numfmt_pad(&b, "abc", 3, 3, 2, '<', ' '), &b, NUMFMT_OK, "abc");
    numbuf_free(&b);
}

static void test_percent_parse(Results *r)
{
    NumBuf err;
    numbuf_init(&err);
    NumfmtPercent p;
    size_t end;
    const char *s = "x%(k(e)y)-+ #012.5ld tail";
    NumfmtStatus st = numfmt_parse_percent(&p, s, strlen(s), 2, &end, &err);
    bool ok = st == NUMFMT_OK && p.has_key && p.key_len == 5 && memcmp(s + p.key_start, "k(e)y", 5) == 0 &&
              p.left && p.plus && p.space && p.alternate && p.zero && p.width == 12 && p.precision == 5 &&
              p.type == 'd' && p.type_pos == 19 && end == 20 && !p.width_star && !p.precision_star;
    s = "%*.*f";
    st = numfmt_parse_percent(&p, s, strlen(s), 1, &end, &err);
    ok = ok && st == NUMFMT_OK && p.width_star && p.precision_star && p.type == 'f' && end == 5 && !p.has_key;
    s = "%.f";
    st = numfmt_parse_percent(&p, s, strlen(s), 1, &end, &err);
    ok = ok && st == NUMFMT_OK && p.precision == 0 && p.width == -1;
    s = "%5\xc3\xa9";
    st = numfmt_parse_percent(&p, s, strlen(s), 1, &end, &err);
    ok = ok && st == NUMFMT_OK && p.type == 0xE9 && p.type_pos == 2 && end == 4;
    r->passed += ok;
    r->failed += !ok;
    if (!ok)
        fprintf(stderr, "FAIL: percent parse fields\n");
    numbuf_free(&err);
}

/* 'n' with a locale (the C test cannot ask CPython: only the C locale is
 * installed here; these follow the rules ',' grouping follows). */
static void test_locale(Results *r)
{
    NumfmtLocale de = { ",", ".", "\3" };
    NumfmtLocale in = { ".", ",", "\3\2" };
    NumfmtLocale once = { ".", " ", "\3\177" };
    static const struct {
        const NumfmtLocale *loc;
        const char *spec;
        bool is_int;
        double x;
        int64_t i;
        const char *want;
    } cases[] = {
        { NULL, "n", true, 0, 1234567, "1234567" },
        { NULL, "n", false, 1234567.0, 0, "1.23457e+06" },
        { NULL, ".10n", false, 1234.5, 0, "1234.5" },
        { NULL, "n", true, 0, 1234567, "1234567" },
    };
    NumBuf b;
    numbuf_init(&b);
    NumfmtSpec spec;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        numbuf_clear(&b);
        numfmt_parse_spec(&spec, cases[i].spec, strlen(cases[i].spec), cases[i].is_int ? 'd' : 0, "x", &b);
        spec.locale = cases[i].loc;
        NumfmtStatus st = cases[i].is_int ? numfmt_format_i64(&b, &spec, cases[i].i, "int")
                                          : numfmt_format_double(&b, &spec, cases[i].x, "float");
        expect_text(r, "locale C", st, &b, NUMFMT_OK, cases[i].want);
    }
    struct {
        const NumfmtLocale *loc;
        const char *spec;
        bool is_int;
        double x;
        int64_t i;
        const char *want;
    } more[] = {
        { &de, "n", true, 0, 1234567, "1.234.567" },
        { &de, "n", true, 0, -123, "-123" },
        { &de, ".10n", false, 1234567.25, 0, "1.234.567,25" },
        { &de, "n", false, 0.5, 0, "0,5" },
        { &de, "12n", true, 0, 1234567, "   1.234.567" },
        { &in, "n", true, 0, 123456789, "12,34,56,789" },
        { &once, "n", true, 0, 123456789, "123456 789" },
        { &de, "n", false, INFINITY, 0, "inf" },
    };
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        numbuf_clear(&b);
        numfmt_parse_spec(&spec, more[i].spec, strlen(more[i].spec), more[i].is_int ? 'd' : 0, "x", &b);
        spec.locale = more[i].loc;
        NumfmtStatus st = more[i].is_int ? numfmt_format_i64(&b, &spec, more[i].i, "int")
                                         : numfmt_format_double(&b, &spec, more[i].x, "float");
        char what[64];
        snprintf(what, sizeof what, "locale #%zu", i);
        expect_text(r, what, st, &b, NUMFMT_OK, more[i].want);
    }
    numbuf_free(&b);
}

static void test_misc(Results *r)
{
    static const double halves[][2] = {
        { 0.5, 0.0 }, { 1.5, 2.0 }, { 2.5, 2.0 }, { -2.5, -2.0 }, { 3.7, 4.0 }, { -3.2, -3.0 }, { 1e300, 1e300 },
        { 4503599627370495.5, 4503599627370496.0 },
    };
    for (size_t i = 0; i < sizeof halves / sizeof halves[0]; i++) {
        bool ok = numfmt_round_half_even(halves[i][0]) == halves[i][1];
        r->passed += ok;
        r->failed += !ok;
        if (!ok)
            fprintf(stderr, "FAIL: round_half_even(%g)\n", halves[i][0]);
    }
    bool ok = signbit(numfmt_round_half_even(-0.5)) != 0;
    r->passed += ok;
    r->failed += !ok;

    NumBuf b;
    numbuf_init(&b);
    NumfmtSpec spec;
    numfmt_parse_spec(&spec, "", 0, 'd', "int", &b);
    expect_text(r, "bad int text", numfmt_format_int_text(&b, &spec, "12a", 3, "int"), &b, NUMFMT_VALUE_ERROR,
                "invalid decimal integer text");
    numbuf_clear(&b);
    expect_text(r, "int text", numfmt_format_int_text(&b, &spec, "-000123", 7, "int"), &b, NUMFMT_OK, "-123");

    /* Absurd widths fail cleanly, before asking malloc for them. */
    numbuf_clear(&b);
    numfmt_parse_spec(&spec, "9223372036854775807", 19, 'd', "int", &b);
    expect_text(r, "huge width int", numfmt_format_i64(&b, &spec, 1, "int"), &b, NUMFMT_MEMORY_ERROR, "");
    numfmt_parse_spec(&spec, "9223372036854775807,", 20, 0, "float", &b);
    expect_text(r, "huge width float", numfmt_format_double(&b, &spec, 1.5, "float"), &b, NUMFMT_MEMORY_ERROR, "");
    numfmt_parse_spec(&spec, "09223372036854775807,", 21, 0, "float", &b);
    expect_text(r, "huge zero width", numfmt_format_double(&b, &spec, 1.5, "float"), &b, NUMFMT_MEMORY_ERROR, "");
    numfmt_parse_spec(&spec, "9223372036854775807", 19, 's', "str", &b);
    expect_text(r, "huge width str", numfmt_format_str(&b, &spec, "a", 1, 1, "str"), &b, NUMFMT_MEMORY_ERROR, "");
    NumfmtPercent p;
    size_t end;
    numfmt_parse_percent(&p, "%9223372036854775807d", 21, 1, &end, &b);
    expect_text(r, "huge width %d", numfmt_percent_i64(&b, &p, 1), &b, NUMFMT_MEMORY_ERROR, "");

    /* 'c' of NUL and of a surrogate. */
    numbuf_clear(&b);
    numfmt_parse_spec(&spec, "3c", 2, 'd', "int", &b);
    NumfmtStatus st = numfmt_format_i64(&b, &spec, 0, "int");
    ok = st == NUMFMT_OK && b.len == 3 && memcmp(b.data, "  \0", 3) == 0;
    numbuf_clear(&b);
    st = numfmt_format_i64(&b, &spec, 0xD800, "int");
    ok = ok && st == NUMFMT_OK && b.len == 5 && memcmp(b.data, "  \xed\xa0\x80", 5) == 0;
    r->passed += ok;
    r->failed += !ok;
    if (!ok)
        fprintf(stderr, "FAIL: 'c' of NUL / surrogate\n");

    /* int -> float */
    mpz_t v;
    mpz_init_set_str(v, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368", 10);
    double d = 0;
    ok = numfmt_mpz_to_double(v, &d, &b) == NUMFMT_OK && d == 1.7976931348623157e308;
    mpz_mul_si(v, v, -1);
    ok = ok && numfmt_mpz_to_double(v, &d, &b) == NUMFMT_OK && d == -1.7976931348623157e308;
    mpz_set_str(v, "9007199254740993", 10); /* 2**53 + 1: a tie, to even */
    ok = ok && numfmt_mpz_to_double(v, &d, &b) == NUMFMT_OK && d == 9007199254740992.0;
    mpz_set_str(v, "9007199254740995", 10);
    ok = ok && numfmt_mpz_to_double(v, &d, &b) == NUMFMT_OK && d == 9007199254740996.0;
    mpz_ui_pow_ui(v, 2, 1024);
    ok = ok && numfmt_mpz_to_double(v, &d, &b) == NUMFMT_OVERFLOW_ERROR &&
         strcmp(b.data, "int too large to convert to float") == 0;
    mpz_clear(v);
    r->passed += ok;
    r->failed += !ok;
    if (!ok)
        fprintf(stderr, "FAIL: mpz_to_double\n");
    numbuf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Timing (--bench)                                                   */
/* ------------------------------------------------------------------ */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void bench(void)
{
    enum { N = 1000000 };
    double *xs = malloc(N * sizeof *xs);
    uint64_t seed = 88172645463325252u;
    for (int i = 0; i < N; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        /* Mostly "ordinary" magnitudes, as printed programs have them. */
        xs[i] = (double)(seed % 2000000) / 1000.0 * ((seed >> 40) % 2 ? 1 : -1) + ldexp((double)(seed >> 12), -60);
    }
    char out[NUMFMT_REPR_MAX];
    size_t sink = 0;
    double t0 = now();
    for (int i = 0; i < N; i++)
        sink += numfmt_repr(xs[i], out);
    double t1 = now();
    NumBuf b;
    numbuf_init(&b);
    NumfmtSpec spec;
    numfmt_parse_spec(&spec, ".2f", 3, 0, "float", &b);
    double t2 = now();
    for (int i = 0; i < N; i++) {
        numbuf_clear(&b);
        numfmt_format_double(&b, &spec, xs[i], "float");
        sink += b.len;
    }
    double t3 = now();
    numfmt_parse_spec(&spec, ".17g", 4, 0, "float", &b);
    double t4 = now();
    for (int i = 0; i < N; i++) {
        numbuf_clear(&b);
        numfmt_format_double(&b, &spec, xs[i], "float");
        sink += b.len;
    }
    double t5 = now();
    printf("bench: repr %.0f ns, format '.2f' %.0f ns, format '.17g' %.0f ns (sink %zu)\n", (t1 - t0) * 1e9 / N,
           (t3 - t2) * 1e9 / N, (t5 - t4) * 1e9 / N, sink);
    numbuf_free(&b);
    free(xs);
}

int main(int argc, char **argv)
{
    Results r = { 0, 0 };
    run_builtin_cases(&r);
    test_dtoa_flags(&r);
    test_buffer_growth(&r);
    test_pad(&r);
    test_percent_parse(&r);
    test_locale(&r);
    test_misc(&r);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--bench") == 0)
            bench();
        else if (run_file_cases(&r, argv[i]) != 0)
            r.failed++;
    }
    printf("%d passed, %d failed\n", r.passed, r.failed);
    return r.failed != 0;
}
